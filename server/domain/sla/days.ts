import type { BusinessCalendar } from "./calendar";
import { DAY_MS, localToUtc } from "../../../shared/zone";

/**
 * One local day of a calendar's week with its opening intervals resolved to instants. Resolving a
 * wall-clock time costs several Intl calls, so each day is resolved once and cached; the due-time
 * walk then only compares numbers. Holidays and closures are not part of a Day: they can change
 * while the week cannot, so the walk applies them itself.
 */
export interface Day {
  /** Local date as days since 1970-01-01. */
  n: number;
  /** Instants of this local midnight and the next; a day is not always 24 h long. */
  start: number;
  end: number;
  weekday: number;
  /** Local date YYYY-MM-DD, the key of `BusinessCalendar.holidays`. */
  key: string;
  /** Opening intervals as UTC epoch ms, flat: [start0, end0, start1, end1, …]. */
  open: number[];
}

export type DayCache = Map<number, Day>;

/** About 27 years of days per (week, zone); past that the cache starts over rather than grow. */
const MAX_CACHED_DAYS = 10_000;

const caches = new WeakMap<BusinessCalendar["weekly"], Map<string, DayCache>>();

export function dayCacheFor(cal: BusinessCalendar): DayCache {
  let byZone = caches.get(cal.weekly);
  if (!byZone) caches.set(cal.weekly, (byZone = new Map<string, DayCache>()));
  let days = byZone.get(cal.timeZone);
  if (!days) byZone.set(cal.timeZone, (days = new Map<number, Day>()));
  return days;
}

export function dayAt(cache: DayCache, cal: BusinessCalendar, n: number): Day {
  let day = cache.get(n);
  if (!day) {
    if (cache.size >= MAX_CACHED_DAYS) cache.clear();
    day = resolveDay(cal, n);
    cache.set(n, day);
  }
  return day;
}

/** The local day that contains the instant `t`. */
export function dayContaining(cache: DayCache, cal: BusinessCalendar, t: number): Day {
  // Offsets lie within ±14 h, so the local date is the UTC date or one of its neighbours.
  let day = dayAt(cache, cal, Math.floor(t / DAY_MS));
  while (t < day.start) day = dayAt(cache, cal, day.n - 1);
  while (t >= day.end) day = dayAt(cache, cal, day.n + 1);
  return day;
}

function resolveDay(cal: BusinessCalendar, n: number): Day {
  const localMidnight = n * DAY_MS;
  const weekday = (((n + 4) % 7) + 7) % 7;
  const open: number[] = [];
  for (const [from, to] of cal.weekly[weekday] ?? []) {
    const s = localToUtc(localMidnight + from * 60_000, cal.timeZone);
    const e = localToUtc(localMidnight + to * 60_000, cal.timeZone);
    if (e > s) open.push(s, e);
  }
  return {
    n,
    start: localToUtc(localMidnight, cal.timeZone),
    end: localToUtc(localMidnight + DAY_MS, cal.timeZone),
    weekday,
    key: new Date(localMidnight).toISOString().slice(0, 10),
    open,
  };
}
