import Holidays from "date-holidays";
import { assertTimeZone } from "../../../shared/zone";

export { parseICalHolidays, type ICalHoliday } from "./ical";

/** Minutes after local midnight; [start, end) with end ≤ 1440. */
export type OpeningInterval = readonly [startMinute: number, endMinute: number];

export interface Closure {
  from: Date;
  to: Date;
  name: string;
}

/**
 * When the support desk is open. Opening intervals are local wall-clock times, so 09:00 stays 09:00
 * across DST. Treat a calendar as a value: `weekly` is cached by identity (see days.ts), so replace
 * it rather than editing it in place; holidays and closures are read afresh on every computation.
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; each day sorted, non-overlapping intervals. */
  weekly: ReadonlyArray<ReadonlyArray<OpeningInterval>>;
  /** Local date YYYY-MM-DD → name; a holiday closes the whole local day. */
  holidays: Map<string, string>;
  /** Instant ranges [from, to) when the desk is closed (company events, outages). */
  closures?: Closure[];
}

const NINE_TO_SIX: OpeningInterval = Object.freeze([9 * 60, 18 * 60] as const);

/** Monday to Friday 09:00–18:00 (CONTRACT §5). Frozen and shared so every default calendar shares one day cache. */
export const WEEKDAYS_9_TO_18: BusinessCalendar["weekly"] = Object.freeze([
  Object.freeze([]),
  Object.freeze([NINE_TO_SIX]),
  Object.freeze([NINE_TO_SIX]),
  Object.freeze([NINE_TO_SIX]),
  Object.freeze([NINE_TO_SIX]),
  Object.freeze([NINE_TO_SIX]),
  Object.freeze([]),
]);

/**
 * A holiday map that fills in a year's computed holidays the first time any date of that year is
 * asked for, so a calendar built once works for tickets in any year. Entries set explicitly (admin
 * holidays) win over computed ones. Iteration and `size` show only the years loaded so far.
 */
export class YearlyHolidays extends Map<string, string> {
  private readonly loaded = new Set<number>();

  constructor(
    private readonly compute: (year: number) => Iterable<readonly [date: string, name: string]>,
    entries?: Iterable<readonly [string, string]>,
  ) {
    super();
    for (const [date, name] of entries ?? []) super.set(date, name);
  }

  override get(date: string): string | undefined {
    this.load(date);
    return super.get(date);
  }

  override has(date: string): boolean {
    this.load(date);
    return super.has(date);
  }

  /** Computes the given years now, e.g. to list them. */
  preload(fromYear: number, toYear: number): this {
    for (let y = fromYear; y <= toYear; y++) this.loadYear(y);
    return this;
  }

  private load(date: string): void {
    const year = Number(date.slice(0, 4));
    if (!this.loaded.has(year)) this.loadYear(year);
  }

  private loadYear(year: number): void {
    if (!Number.isInteger(year) || this.loaded.has(year)) return;
    this.loaded.add(year);
    for (const [date, name] of this.compute(year)) {
      if (!super.has(date)) super.set(date, name);
    }
  }
}

let germany: Holidays | undefined;
// Per year, because services may build a fresh calendar per request (admin holidays change).
const germanYears = new Map<number, ReadonlyArray<readonly [date: string, name: string]>>();

/**
 * German nationwide public holidays of one year (no state holidays such as Heilige Drei Könige or
 * Fronleichnam), from date-holidays: a maintained rule set that knows the one-off years too (the
 * nationwide Reformationstag of 2017).
 */
export function germanNationwideHolidays(year: number): ReadonlyArray<readonly [date: string, name: string]> {
  let list = germanYears.get(year);
  if (!list) {
    germany ??= new Holidays("DE", { languages: ["de"], types: ["public"] });
    list = germany
      .getHolidays(year)
      .filter((h) => h.type === "public")
      .map((h) => [h.date.slice(0, 10), h.name] as const);
    germanYears.set(year, list);
  }
  return list;
}

export interface DefaultCalendarOptions {
  /** Extra holidays an admin added (local dates YYYY-MM-DD); they override a computed name. */
  holidays?: Iterable<{ date: string; name: string }>;
  closures?: Closure[];
  /** Years to compute eagerly (so `holidays` iterates them); others load on first use anyway. */
  years?: { from: number; to: number };
}

/** Europe/Berlin, Monday to Friday 09:00–18:00, German nationwide public holidays (CONTRACT §5). */
export function defaultCalendar(opts: DefaultCalendarOptions = {}): BusinessCalendar {
  const extra: Array<[string, string]> = [];
  for (const h of opts.holidays ?? []) extra.push([assertLocalDate(h.date), h.name]);
  const holidays = new YearlyHolidays(germanNationwideHolidays, extra);
  if (opts.years) holidays.preload(opts.years.from, opts.years.to);
  return { timeZone: "Europe/Berlin", weekly: WEEKDAYS_9_TO_18, holidays, closures: opts.closures ?? [] };
}

/** Checks a calendar someone configured, so a mistake fails at load rather than as a wrong due time. */
export function validateCalendar(cal: BusinessCalendar): void {
  assertTimeZone(cal.timeZone);
  if (cal.weekly.length !== 7) throw new RangeError("weekly must have 7 days, Sunday first");
  for (const day of cal.weekly) {
    let last = 0;
    for (const [start, end] of day) {
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= last && start < end && end <= 1440)) {
        throw new RangeError(`opening interval [${start}, ${end}] must be sorted minutes within 0–1440`);
      }
      last = end;
    }
  }
  for (const c of cal.closures ?? []) {
    if (!(c.from.getTime() < c.to.getTime())) throw new RangeError(`closure "${c.name}" must end after it starts`);
  }
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertLocalDate(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!LOCAL_DATE.test(date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`holiday date must be YYYY-MM-DD, got "${date}"`);
  }
  return date;
}
