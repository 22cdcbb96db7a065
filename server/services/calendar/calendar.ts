import { eq } from "drizzle-orm";
import type { Locale } from "../../../shared/locale";
import { holidayName } from "../../domain/sla/holiday-names";
import { WEEKDAYS, type Schedule } from "../../../shared/api/calendar";
import type { Db } from "../../db/client";
import { calendarSettings, closures, holidays } from "../../db/schema";
import { defaultCalendar, validateCalendar, WEEKDAYS_9_TO_18, type BusinessCalendar, type OpeningInterval } from "../../domain/sla/calendar";
import { localDate } from "../../domain/sla/local-date";
import { localToUtc } from "../../../shared/zone";

/**
 * The calendar in force (CONTRACT §5): the default one (Europe/Berlin, Monday to Friday 09–18,
 * German nationwide holidays), with the time zone and weekly hours of the `calendar_settings` row
 * when there is one, plus the holidays and closures admins added.
 */
export async function loadCalendar(db: Db): Promise<BusinessCalendar> {
  const [settings] = await db.select().from(calendarSettings).where(eq(calendarSettings.id, 1));
  const extra = await db.select({ date: holidays.date, name: holidays.name }).from(holidays);
  // All of them, not just future ones: a paused ticket's clock is recomputed from its start, which
  // may lie before a closure that has ended since. Closures are rare (a few a year).
  const breaks = await db.select({ from: closures.startsAt, to: closures.endsAt, name: closures.name }).from(closures);
  const base = defaultCalendar({ holidays: extra, closures: breaks });
  if (!settings) return base;
  const cal: BusinessCalendar = { ...base, timeZone: settings.timeZone, weekly: sharedWeekly(settings.weekly) };
  validateCalendar(cal);
  return cal;
}

let lastWeekly: { json: string; weekly: BusinessCalendar["weekly"] } | null = null;

/**
 * The day cache (domain/sla/days.ts) is keyed by the identity of `weekly`; a reload every few
 * seconds must hand back the same array for the same hours, or every reload starts it cold.
 */
function sharedWeekly(weekly: readonly (readonly (readonly [number, number])[])[]): BusinessCalendar["weekly"] {
  const json = JSON.stringify(weekly);
  if (json === JSON.stringify(WEEKDAYS_9_TO_18)) return WEEKDAYS_9_TO_18;
  if (lastWeekly?.json !== json) {
    const frozen = Object.freeze(weekly.map((day) => Object.freeze(day.map(([s, e]) => Object.freeze<OpeningInterval>([s, e])))));
    lastWeekly = { json, weekly: frozen };
  }
  return lastWeekly.weekly;
}

export interface CalendarProvider {
  get(): Promise<BusinessCalendar>;
  /** Forget the cached calendar now: a holiday, closure or the hours changed. */
  invalidate(): void;
}

/**
 * Caches the calendar. Every change to its tables is announced to every process (db/change-bus.ts,
 * wired in bootstrap.ts), which invalidates it on the notice and whenever its listener reconnects;
 * the process that made a change also invalidates at once, before its notice arrives. `ttlMs` is
 * only a safety net for a notice lost in a way no one saw. Concurrent callers share one load. The
 * TTL runs on the process clock, not `deps.now`, which tests pin to a fixed instant.
 */
export function calendarProvider(db: Db, ttlMs = 10 * 60_000): CalendarProvider {
  let cached: { cal: BusinessCalendar; loadedAt: number } | null = null;
  let loading: Promise<BusinessCalendar> | null = null;
  // A load that started before an invalidation may have read the old rows; it must not be kept.
  let generation = 0;
  return {
    get() {
      if (cached && performance.now() - cached.loadedAt < ttlMs) return Promise.resolve(cached.cal);
      if (!loading) {
        const gen = generation;
        const startedAt = performance.now();
        const p = loadCalendar(db).then(
          (cal) => {
            if (gen === generation) cached = { cal, loadedAt: startedAt };
            return cal;
          },
        );
        const clear = () => { if (loading === p) loading = null; };
        p.then(clear, clear);
        loading = p;
      }
      return loading;
    },
    invalidate() {
      generation++;
      cached = null;
      loading = null;
    },
  };
}

const ONE_DAY = 86_400_000;

/** Opening hours as "HH:MM"; the end of the day is "24:00" as in opening-hours notation. */
function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * What the public schedule shows (GET /api/v1/schedule): weekly hours Monday first, and the
 * holidays and closures from today (the local date in the calendar's zone) for twelve months.
 */
/** `locale`: the language of the public holidays' names; without one, the calendar's own (German). */
export function scheduleOf(cal: BusinessCalendar, now: Date, locale?: Locale): Schedule {
  const today = localDate(now, cal.timeZone);
  const first = Date.parse(`${today}T00:00:00Z`);
  const end = oneYearLater(today);
  const list: Schedule["holidays"] = [];
  for (let t = first; t < end; t += ONE_DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    const name = cal.holidays.get(date);
    if (name !== undefined) list.push({ date, name: locale ? holidayName(date, name, locale) : name });
  }
  const until = localToUtc(end, cal.timeZone);
  const breaks = (cal.closures ?? [])
    .filter((c) => c.to.getTime() > now.getTime() && c.from.getTime() < until)
    .sort((a, b) => a.from.getTime() - b.from.getTime())
    .map((c) => ({ name: c.name, startsAt: c.from.toISOString(), endsAt: c.to.toISOString() }));
  return {
    timeZone: cal.timeZone,
    hours: WEEKDAYS.map((day, i) => ({
      day,
      intervals: (cal.weekly[(i + 1) % 7] ?? []).map(([s, e]) => ({ open: hhmm(s), close: hhmm(e) })),
    })),
    holidays: list,
    closures: breaks,
  };
}

/** UTC midnight of the same date next year (29 February rolls to 1 March). */
function oneYearLater(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y + 1, m - 1, d);
}
