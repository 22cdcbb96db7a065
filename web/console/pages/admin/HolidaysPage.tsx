/**
 * The holiday calendar (CONTRACT §5): the public holidays that are built in and the days admins
 * added; add one, remove an added one, or import an iCalendar file. Business hours skip them.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Holiday } from "../../api";
import { useConsole, useTitle } from "../../context";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";

export function HolidaysPage() {
  const { t, api, locale } = useConsole();
  useTitle(t.admin.pages.holidays);
  const [items, setItems] = useState<Holiday[] | null>(null);
  const [date, setDate] = useState("");
  const [name, setName] = useState("");
  const add = useAction({ inPage: true });
  const remove = useAction();
  const imp = useAction({ inPage: true });
  const file = useRef<HTMLInputElement>(null);
  const load = async () => {
    const r = await api.holidays();
    if (r.ok) setItems(r.data.holidays);
  };
  useEffect(() => void load(), []);

  const day = (d: string) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (await add.run(() => api.addHoliday(date, name.trim()), (d) => t.holidays.added(d.name, day(d.date)))) {
      setDate("");
      setName("");
      void load();
    }
  };
  const drop = async (h: Holiday) => {
    if (await remove.run(() => api.removeHoliday(h.date), () => t.holidays.removed(h.name, day(h.date)))) void load();
  };
  const importFile = async (e: Event) => {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) return imp.setError(t.holidays.pickFile);
    const text = await f.text();
    if (await imp.run(() => api.importHolidays(text), (c) => t.holidays.imported(c.added, c.updated, c.skipped))) {
      if (file.current) file.current.value = "";
      void load();
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.holidays}</h1>
      <p class="lead">{t.holidays.intro}</p>
      <div class="admin-grid">
        <section class="panel" aria-labelledby="hol-list">
          <h2 id="hol-list">{t.holidays.list}</h2>
          <ErrorNote message={remove.error} />
          {!items && <p role="status">{t.loading}</p>}
          {items && items.length === 0 && <p class="muted">{t.holidays.none}</p>}
          {items && items.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{t.holidays.list}</caption>
                <thead><tr><th scope="col">{t.holidays.date}</th><th scope="col">{t.holidays.name}</th><th scope="col">{t.holidays.source}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
                <tbody>
                  {items.map((h) => (
                    <tr key={`${h.date}-${h.source}`}>
                      <th scope="row"><time dateTime={h.date}>{day(h.date)}</time></th>
                      <td>{h.name}</td>
                      <td>{h.source === "admin" ? t.holidays.added_ : t.holidays.public_}</td>
                      <td>{h.source === "admin" && <button type="button" disabled={remove.busy} onClick={() => void drop(h)}>{t.holidays.remove}<span class="visually-hidden"> {h.name}, {day(h.date)}</span></button>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <div>
          <section class="panel" aria-labelledby="hol-add">
            <h2 id="hol-add">{t.holidays.add}</h2>
            <form class="form" onSubmit={(e) => void submit(e)} noValidate>
              <div class="field"><label for="hol-date">{t.holidays.date}</label><input id="hol-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} aria-invalid={add.field === "date" ? "true" : undefined} /></div>
              <div class="field"><label for="hol-name">{t.holidays.name}</label><input id="hol-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={add.field === "name" ? "true" : undefined} /></div>
              <ErrorNote message={add.error} />
              <button type="submit" class="primary" disabled={add.busy}>{t.holidays.submit}</button>
              <p role="status" class="ok">{add.done ?? ""}</p>
            </form>
          </section>
          <section class="panel" aria-labelledby="hol-import">
            <h2 id="hol-import">{t.holidays.import}</h2>
            <form class="form" onSubmit={(e) => void importFile(e)} noValidate>
              <div class="field">
                <label for="hol-file">{t.holidays.file}</label>
                <input id="hol-file" ref={file} type="file" accept=".ics,text/calendar" aria-describedby="hol-file-hint" />
                <p class="hint" id="hol-file-hint">{t.holidays.fileHint}</p>
              </div>
              <ErrorNote message={imp.error} />
              <button type="submit" disabled={imp.busy}>{t.holidays.importSubmit}</button>
              <p role="status" class="ok">{imp.done ?? ""}</p>
            </form>
          </section>
        </div>
      </div>
    </>
  );
}
