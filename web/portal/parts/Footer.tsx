/** The published schedule (SLA section 6): support hours, the coming holidays and closures. */
import { useEffect, useState } from "preact/hooks";
import type { Schedule } from "../../../shared/api/calendar";
import { formatWhen } from "../../shared/format";
import { usePortal } from "../context";

/** 2024-01-01 was a Monday: day names in the reader's language without a table of our own. */
const dayName = (i: number, locale: string) => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1 + i));

/** Runs of days with the same hours, so a week reads "Monday – Friday 09:00–18:00". */
export function hourLines(s: Schedule, locale: string, closed: string): { days: string; hours: string }[] {
  const lines: { from: number; to: number; hours: string }[] = [];
  s.hours.forEach((d, i) => {
    const hours = d.intervals.length ? d.intervals.map((iv) => `${iv.open}–${iv.close}`).join(", ") : closed;
    const last = lines[lines.length - 1];
    if (last && last.hours === hours && last.to === i - 1) last.to = i;
    else lines.push({ from: i, to: i, hours });
  });
  return lines.map((l) => ({
    days: l.from === l.to ? dayName(l.from, locale) : `${dayName(l.from, locale)} – ${dayName(l.to, locale)}`,
    hours: l.hours,
  }));
}

const MAX_HOLIDAYS = 6;

export function Footer() {
  const { t, api, locale, lang } = usePortal();
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [failed, setFailed] = useState(false);
  // Asked again when the reader switches language: the holidays' names are in it.
  useEffect(() => {
    void api.schedule(lang).then((r) => (r.ok ? setSchedule(r.data) : setFailed(true)));
  }, [lang]);
  const holidayDate = (d: string) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));
  return (
    <footer class="foot">
      <div class="foot-inner">
        <section aria-labelledby="hours-title">
          <h2 id="hours-title">{t.footer.hoursTitle}</h2>
          {failed && <p>{t.footer.failed}</p>}
          {schedule && (
            <>
              <dl class="hours">
                {hourLines(schedule, locale, t.footer.closed).map((l) => (
                  <div key={l.days}>
                    <dt>{l.days}</dt>
                    <dd>{l.hours}</dd>
                  </div>
                ))}
              </dl>
              <p class="hint">{t.footer.timeZone(schedule.timeZone)}</p>
            </>
          )}
        </section>
        {schedule && (
          <section aria-labelledby="holidays-title">
            <h2 id="holidays-title">{t.footer.holidaysTitle}</h2>
            {schedule.holidays.length ? (
              <ul class="holidays">
                {schedule.holidays.slice(0, MAX_HOLIDAYS).map((h) => (
                  <li key={h.date}><time dateTime={h.date}>{holidayDate(h.date)}</time>: {h.name}</li>
                ))}
              </ul>
            ) : <p>{t.footer.noHolidays}</p>}
            {schedule.closures.length > 0 && (
              <>
                <h3>{t.footer.closuresTitle}</h3>
                <ul class="holidays">
                  {schedule.closures.map((c) => (
                    <li key={c.startsAt}>{formatWhen(c.startsAt, locale)} – {formatWhen(c.endsAt, locale)}: {c.name}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
    </footer>
  );
}
