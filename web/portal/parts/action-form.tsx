/**
 * What every action form on the portal's ticket page is built of: its panel, named by its
 * heading; its submit row; and the text of the field an input event came from.
 */
import type { ComponentChildren } from "preact";
import { StatusNote } from "./Status";

export const inputValue = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** One action's panel, named by its heading. */
export function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A form's submit button, which says so while the call runs, and beside it the form's success
 * status where the form has one (`done` left out: the page says the outcome elsewhere).
 */
export function SubmitRow({ busy, disabled = busy, label, busyLabel, done }: { busy: boolean; disabled?: boolean; label: string; busyLabel: string; done?: string | null }) {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={disabled}>{busy ? busyLabel : label}</button>
      {done !== undefined && <StatusNote message={done} />}
    </div>
  );
}
