/**
 * The holiday calendar (CONTRACT §5): the public holidays that are built in and the days admins
 * added; add one, remove an added one, or import an iCalendar file. Business hours skip them.
 */
import { useRef, useState } from "preact/hooks";
import type { Holiday } from "../../api";
import { useConsole, useTitle } from "../../context";
import { DataTable, type Column } from "../../../shared/DataTable";
import { AdminPage, Field, FormPanel, ListPanel, actionsColumn, invalidIf } from "./AdminPanel";
import { useAction } from "./useAction";
import { useList } from "./useList";

export function HolidaysPage() {
  const { t, api, locale } = useConsole();
  useTitle(t.admin.pages.holidays);
  const [date, setDate] = useState("");
  const [name, setName] = useState("");
  const add = useAction({ inPage: true });
  const remove = useAction();
  const imp = useAction({ inPage: true });
  const file = useRef<HTMLInputElement>(null);
  const { items, load } = useList(() => api.holidays(), (d) => d.holidays);

  const day = (d: string) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));

  const submit = async () => {
    if (await add.run(() => api.addHoliday(date, name.trim()), (d) => t.holidays.added(d.name, day(d.date)))) {
      setDate("");
      setName("");
      void load();
    }
  };
  const drop = async (h: Holiday) => {
    if (await remove.run(() => api.removeHoliday(h.date), () => t.holidays.removed(h.name, day(h.date)))) void load();
  };
  const importFile = async () => {
    const f = file.current?.files?.[0];
    if (!f) return imp.setError(t.holidays.pickFile);
    const text = await f.text();
    if (await imp.run(() => api.importHolidays(text), (c) => t.holidays.imported(c.added, c.updated, c.skipped))) {
      if (file.current) file.current.value = "";
      void load();
    }
  };

  const columns: Column<Holiday>[] = [
    { head: t.holidays.date, cell: (h) => <time dateTime={h.date}>{day(h.date)}</time> },
    { head: t.holidays.name, cell: (h) => h.name },
    { head: t.holidays.source, cell: (h) => (h.source === "admin" ? t.holidays.added_ : t.holidays.public_) },
    actionsColumn(t.admin.actions, (h) => h.source === "admin" && (
      <button type="button" disabled={remove.busy} onClick={() => void drop(h)}>{t.holidays.remove}<span class="visually-hidden"> {h.name}, {day(h.date)}</span></button>
    )),
  ];

  return (
    <AdminPage title={t.admin.pages.holidays} intro={t.holidays.intro}>
      <ListPanel id="hol-list" title={t.holidays.list} items={items} error={remove.error} empty={t.holidays.none}>
        {(rows) => <DataTable caption={t.holidays.list} columns={columns} rows={rows} rowKey={(h) => `${h.date}-${h.source}`} />}
      </ListPanel>
      <div>
        <FormPanel id="hol-add" title={t.holidays.add} action={add} onSubmit={submit} submitLabel={t.holidays.submit}>
          <Field id="hol-date" label={t.holidays.date}>
            <input id="hol-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} aria-invalid={invalidIf(add.field === "date")} />
          </Field>
          <Field id="hol-name" label={t.holidays.name}>
            <input id="hol-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={invalidIf(add.field === "name")} />
          </Field>
        </FormPanel>
        <FormPanel id="hol-import" title={t.holidays.import} action={imp} onSubmit={importFile} submitLabel={t.holidays.importSubmit} primary={false}>
          <Field id="hol-file" label={t.holidays.file} hint={t.holidays.fileHint}>
            <input id="hol-file" ref={file} type="file" accept=".ics,text/calendar" aria-describedby="hol-file-hint" />
          </Field>
        </FormPanel>
      </div>
    </AdminPage>
  );
}
