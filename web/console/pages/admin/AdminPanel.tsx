/**
 * The admin pages' one shape: a titled page, a list panel (a table with its loading, empty and
 * error states) and form panels (fields, a submit button, the error note and the success status).
 * Each page keeps only what is its own: its columns, its fields and its calls.
 */
import type { ComponentChildren } from "preact";
import { useConsole } from "../../context";
import { ErrorNote } from "../../parts/Notes";
import type { Column } from "../../../shared/DataTable";
import { ListStates } from "../../../shared/ListStates";
import type { useAction } from "./useAction";

type Action = Pick<ReturnType<typeof useAction>, "busy" | "error" | "done">;

/** The page's heading (focused on arrival by the shell) and its lead sentence. */
export function AdminHead({ title, intro }: { title: string; intro: ComponentChildren }) {
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p class="lead">{intro}</p>
    </>
  );
}

/** The head, then the panels side by side (stacked on a narrow screen). */
export function AdminPage({ title, intro, children }: { title: string; intro: ComponentChildren; children: ComponentChildren }) {
  return (
    <>
      <AdminHead title={title} intro={intro} />
      <div class="admin-grid">{children}</div>
    </>
  );
}

/** The last column of an admin table: its buttons, under a head that is read out but not shown. */
export function actionsColumn<R>(head: string, cell: (row: R) => ComponentChildren): Column<R> {
  return { head, hideHead: true, cell };
}

interface ListPanelProps<R> {
  id: string;
  title: string;
  items: readonly R[] | null;
  /** A row action's refusal, shown above the list. */
  error?: string | null;
  /** The words for an empty list; left out where the list is never empty. */
  empty?: string;
  /** What stands between the title and the list (a search form). */
  tools?: ComponentChildren;
  /** What follows the list (a "more" button), or stands for it where it is not a table. */
  after?: ComponentChildren;
  children?: (items: readonly R[]) => ComponentChildren;
}

export function ListPanel<R>({ id, title, items, error = null, empty, tools, after, children }: ListPanelProps<R>) {
  const { t } = useConsole();
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {tools}
      <ListStates items={items} error={error} loading={t.loading} empty={empty === undefined ? undefined : <p class="muted">{empty}</p>}>
        {children ?? (() => null)}
      </ListStates>
      {after}
    </section>
  );
}

interface FormPanelProps {
  id: string;
  title: string;
  action: Action;
  /** Called on submit, the browser's own submit already prevented. */
  onSubmit: () => unknown;
  submitLabel: string;
  /** false for a secondary form (the import beside the add form). */
  primary?: boolean;
  /** Buttons beside the submit button (cancel an edit). */
  buttons?: ComponentChildren;
  children: ComponentChildren;
  /** What follows the status inside the form (a password shown once). */
  footer?: ComponentChildren;
  /** What follows the form in the panel (the snippet of a site just added). */
  after?: ComponentChildren;
}

export function FormPanel({ id, title, action, onSubmit, submitLabel, primary = true, buttons, children, footer, after }: FormPanelProps) {
  const submit = <button type="submit" class={primary ? "primary" : undefined} disabled={action.busy}>{submitLabel}</button>;
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <form class="form" onSubmit={(e) => { e.preventDefault(); void onSubmit(); }} noValidate>
        {children}
        <ErrorNote message={action.error} />
        {buttons ? <div class="buttons">{submit}{buttons}</div> : submit}
        <p role="status" class="ok">{action.done ?? ""}</p>
        {footer}
      </form>
      {after}
    </section>
  );
}

/** A labelled field; its hint, when there is one, has the id `${id}-hint` for the control to point at. */
export function Field({ id, label, hint, children }: { id: string; label: ComponentChildren; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}

/** aria-invalid for the control the server named in its refusal. */
export const invalidIf = (on: boolean | undefined) => (on ? "true" : undefined);
