/**
 * Company closures (CONTRACT §5): a named stretch of time, from one instant to another, in which
 * business time stands still (a move on Friday afternoon, the days around Christmas). The admin
 * reads and types them on the calendar's wall clock, whatever zone the browser is in; the server
 * gets instants with their offset, and recalculates the running clocks on every change.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ClosureList, ClosureListed } from "../../api";
import { useConsole, useTitle } from "../../context";
import { errorText } from "../../i18n";
import { ErrorNote } from "../../parts/Notes";
import { ConfirmDialog } from "../../parts/ConfirmDialog";
import { instantIn } from "../../wall-clock";
import { DataTable, type Column } from "../../../shared/DataTable";
import { AdminHead, Field, FormPanel, actionsColumn } from "./AdminPanel";
import { useAction } from "./useAction";

type Where = "upcoming" | "past";
/** The field a client-side check found wanting, or the one the server named. */
type Field = "name" | "start" | "end";
const SERVER_FIELDS: Record<string, Field> = { name: "name", startsAt: "start", endsAt: "end" };

export function ClosuresPage() {
  const { t, api, lang, locale, now } = useConsole();
  const tc = t.closures;
  useTitle(t.admin.pages.closures);
  const [list, setList] = useState<ClosureList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [startDate, setStartDate] = useState("");
  const [startTime, setStartTime] = useState("");
  const [endDate, setEndDate] = useState("");
  const [endTime, setEndTime] = useState("");
  const [invalid, setInvalid] = useState<Field | null>(null);
  const [pending, setPending] = useState<{ closure: ClosureListed; where: Where } | null>(null);
  const add = useAction({ inPage: true });
  const remove = useAction({ inPage: true });
  const headings = { upcoming: useRef<HTMLHeadingElement>(null), past: useRef<HTMLHeadingElement>(null) };

  const load = async () => {
    setLoadError(null);
    const r = await api.closures();
    if (r.ok) setList(r.data);
    else setLoadError(errorText(lang, r.error));
  };
  useEffect(() => void load(), []);

  const tz = list?.timeZone;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: tz }).format(new Date(iso));
  const bad = (f: Field) => ((invalid ? invalid === f : add.field != null && SERVER_FIELDS[add.field] === f) ? "true" : undefined);

  const submit = async () => {
    if (!tz) return;
    setInvalid(null);
    const startsAt = instantIn(startDate, startTime, tz);
    const endsAt = instantIn(endDate, endTime, tz);
    const refuse = (field: Field, message: string) => {
      setInvalid(field);
      // Cleared first and set a moment later, so the same refusal twice is read (and focused) twice.
      add.setError(null);
      setTimeout(() => add.setError(message), 0);
    };
    if (!name.trim()) return refuse("name", tc.needName);
    if (!startsAt) return refuse("start", tc.needStart);
    if (!endsAt) return refuse("end", tc.needEnd);
    if (endsAt <= startsAt) return refuse("end", tc.endBeforeStart);
    const input = { name: name.trim(), startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
    if (await add.run(() => api.addClosure(input), (c) => tc.added(c.name, when(c.startsAt), when(c.endsAt)))) {
      setName("");
      setStartDate("");
      setStartTime("");
      setEndDate("");
      setEndTime("");
      void load();
    }
  };

  const confirmRemove = async () => {
    if (!pending) return;
    const { closure: c, where } = pending;
    setPending(null);
    if (await remove.run(() => api.removeClosure(c.id), () => tc.removed(c.name))) {
      await load();
      // The row and its button are gone; the list it was in is where the reader goes on.
      headings[where].current?.focus();
    }
  };

  const at = now().getTime();
  const columns: Column<ClosureListed>[] = [
    { head: tc.name, cell: (c) => <>{Date.parse(c.startsAt) <= at && at < Date.parse(c.endsAt) && <span class="badge now">{tc.now}</span>}{c.name}</> },
    { head: tc.from, cell: (c) => <time dateTime={c.startsAt}>{when(c.startsAt)}</time> },
    { head: tc.to, cell: (c) => <time dateTime={c.endsAt}>{when(c.endsAt)}</time> },
  ];
  const table = (items: ClosureListed[], where: Where, caption: string) => {
    const remover = actionsColumn<ClosureListed>(t.admin.actions, (c) => (
      <button type="button" disabled={remove.busy} onClick={() => setPending({ closure: c, where })}>
        {tc.remove}<span class="visually-hidden"> {c.name}, {when(c.startsAt)}</span>
      </button>
    ));
    return <DataTable caption={caption} columns={[...columns, remover]} rows={items} rowKey={(c) => c.id} />;
  };

  return (
    <>
      <AdminHead title={t.admin.pages.closures} intro={tc.intro} />
      {loadError && (
        <div class="panel">
          <ErrorNote message={loadError} />
          <button type="button" onClick={() => void load()}>{t.retry}</button>
        </div>
      )}
      {!list && !loadError && <p role="status">{t.loading}</p>}
      {list && (
        <div class="admin-grid">
          <div>
            <section class="panel" aria-labelledby="clo-upcoming">
              <h2 id="clo-upcoming" ref={headings.upcoming} tabIndex={-1}>{tc.upcoming}</h2>
              <p class="hint">{tc.zone(list.timeZone)}</p>
              <ErrorNote message={remove.error} />
              <p role="status" class="ok">{remove.done ?? ""}</p>
              {list.closures.length === 0 ? <p class="muted">{tc.none}</p> : table(list.closures, "upcoming", tc.upcoming)}
            </section>
            <section class="panel" aria-labelledby="clo-past">
              <h2 id="clo-past" ref={headings.past} tabIndex={-1}>{tc.past}</h2>
              {list.past.length === 0 ? <p class="muted">{tc.nonePast}</p> : (
                <>
                  <p class="hint">{tc.pastHint}</p>
                  {table(list.past, "past", tc.past)}
                </>
              )}
            </section>
          </div>
          <FormPanel id="clo-add" title={tc.add} action={add} onSubmit={submit} submitLabel={tc.submit}>
            <Field id="clo-name" label={tc.name}>
              <input id="clo-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={bad("name")} />
            </Field>
            <div class="pair">
              <TimeField id="clo-start-date" type="date" label={tc.startDate} value={startDate} onInput={setStartDate} invalid={bad("start")} />
              <TimeField id="clo-start-time" type="time" label={tc.startTime} value={startTime} onInput={setStartTime} invalid={bad("start")} />
            </div>
            <div class="pair">
              <TimeField id="clo-end-date" type="date" label={tc.endDate} value={endDate} onInput={setEndDate} invalid={bad("end")} />
              <TimeField id="clo-end-time" type="time" label={tc.endTime} value={endTime} onInput={setEndTime} invalid={bad("end")} />
            </div>
            <p class="hint" id={TIMES_HINT}>{tc.timesHint(list.timeZone)}</p>
          </FormPanel>
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title={tc.confirmTitle}
          text={tc.confirmText(pending.closure.name, when(pending.closure.startsAt), when(pending.closure.endsAt))}
          confirmLabel={tc.confirm}
          cancelLabel={tc.cancel}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}

const TIMES_HINT = "clo-times-hint";

/** One half of a closure's start or end, on the calendar's wall clock; the hint below says which zone. */
function TimeField({ id, type, label, value, onInput, invalid }: { id: string; type: "date" | "time"; label: string; value: string; onInput: (v: string) => void; invalid: "true" | undefined }) {
  return (
    <Field id={id} label={label}>
      <input id={id} type={type} required value={value} onInput={(e) => onInput(e.currentTarget.value)} aria-invalid={invalid} aria-describedby={TIMES_HINT} />
    </Field>
  );
}
