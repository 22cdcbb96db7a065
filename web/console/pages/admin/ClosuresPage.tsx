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

  const submit = async (e: Event) => {
    e.preventDefault();
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

  const table = (items: ClosureListed[], where: Where, caption: string) => {
    const at = now().getTime();
    return (
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{caption}</caption>
          <thead><tr><th scope="col">{tc.name}</th><th scope="col">{tc.from}</th><th scope="col">{tc.to}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
          <tbody>
            {items.map((c) => {
              const running = Date.parse(c.startsAt) <= at && at < Date.parse(c.endsAt);
              return (
                <tr key={c.id}>
                  <th scope="row">{running && <span class="badge now">{tc.now}</span>}{c.name}</th>
                  <td><time dateTime={c.startsAt}>{when(c.startsAt)}</time></td>
                  <td><time dateTime={c.endsAt}>{when(c.endsAt)}</time></td>
                  <td>
                    <button type="button" disabled={remove.busy} onClick={() => setPending({ closure: c, where })}>
                      {tc.remove}<span class="visually-hidden"> {c.name}, {when(c.startsAt)}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  };

  const described = "clo-times-hint";
  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.closures}</h1>
      <p class="lead">{tc.intro}</p>
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
          <section class="panel" aria-labelledby="clo-add">
            <h2 id="clo-add">{tc.add}</h2>
            <form class="form" onSubmit={(e) => void submit(e)} noValidate>
              <div class="field"><label for="clo-name">{tc.name}</label><input id="clo-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={bad("name")} /></div>
              <div class="pair">
                <div class="field"><label for="clo-start-date">{tc.startDate}</label><input id="clo-start-date" type="date" required value={startDate} onInput={(e) => setStartDate(e.currentTarget.value)} aria-invalid={bad("start")} aria-describedby={described} /></div>
                <div class="field"><label for="clo-start-time">{tc.startTime}</label><input id="clo-start-time" type="time" required value={startTime} onInput={(e) => setStartTime(e.currentTarget.value)} aria-invalid={bad("start")} aria-describedby={described} /></div>
              </div>
              <div class="pair">
                <div class="field"><label for="clo-end-date">{tc.endDate}</label><input id="clo-end-date" type="date" required value={endDate} onInput={(e) => setEndDate(e.currentTarget.value)} aria-invalid={bad("end")} aria-describedby={described} /></div>
                <div class="field"><label for="clo-end-time">{tc.endTime}</label><input id="clo-end-time" type="time" required value={endTime} onInput={(e) => setEndTime(e.currentTarget.value)} aria-invalid={bad("end")} aria-describedby={described} /></div>
              </div>
              <p class="hint" id={described}>{tc.timesHint(list.timeZone)}</p>
              <ErrorNote message={add.error} />
              <button type="submit" class="primary" disabled={add.busy}>{tc.submit}</button>
              <p role="status" class="ok">{add.done ?? ""}</p>
            </form>
          </section>
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
