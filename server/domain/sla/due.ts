import type { BusinessCalendar } from "./calendar";
import { walkOpenTime, type Pause } from "./walk";
import { DAY_MS, localToUtc, utcToLocal } from "../../../shared/zone";

export type { Pause } from "./walk";

export const HOUR_MS = 3_600_000;

/**
 * The instant at which `durationMs` of business time has passed since `from` (CONTRACT §5).
 * Counting starts at the next opening when `from` is outside opening hours, for every duration:
 * zero hours from Saturday is Monday's opening, not Saturday. A duration used up exactly at
 * closing is due at closing, not at the next opening. Returns null when an open-ended
 * pause stops the clock before the duration is used up.
 */
export function addBusinessTime(from: Date, durationMs: number, cal: BusinessCalendar, pauses: readonly Pause[] = []): Date | null {
  const start = instant(from, "from");
  if (!(durationMs >= 0 && Number.isFinite(durationMs))) throw new RangeError(`duration must be ≥ 0 ms, got ${durationMs}`);
  let remaining = durationMs;
  let due = NaN;
  const visit = (s: number, e: number): boolean => {
    if (remaining <= e - s) {
      due = s + remaining;
      return true;
    }
    remaining -= e - s;
    return false;
  };
  return walkOpenTime(start, cal, pauses, visit) === "stopped" ? null : new Date(due);
}

/** Business time between two instants (0 when `to` ≤ `from`), e.g. how much of a target is used up. */
export function businessTimeBetween(from: Date, to: Date, cal: BusinessCalendar, pauses: readonly Pause[] = []): number {
  const start = instant(from, "from");
  const end = instant(to, "to");
  if (end <= start) return 0;
  let total = 0;
  walkOpenTime(start, cal, pauses, (s, e) => {
    if (s >= end) return true;
    total += Math.min(e, end) - s;
    return e >= end;
  }, end);
  return total;
}

/**
 * The same local wall-clock time `days` calendar days later, so across a DST change the result is
 * not `days` × 24 h away. With pauses, paused time is added on top as elapsed time (the clock of a
 * calendar-day level stops while the ticket waits on the client); null while an open-ended pause
 * that began before the due time lasts.
 */
export function addCalendarDays(from: Date, days: number, timeZone: string): Date;
export function addCalendarDays(from: Date, days: number, timeZone: string, pauses: readonly Pause[]): Date | null;
export function addCalendarDays(from: Date, days: number, timeZone: string, pauses: readonly Pause[] = []): Date | null {
  const start = instant(from, "from");
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  let due = localToUtc(utcToLocal(start, timeZone) + days * DAY_MS, timeZone);
  const ranges = pauses
    .map((p) => [Math.max(p.from.getTime(), start), p.to === null ? Infinity : p.to.getTime()] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let coveredUntil = start;
  for (const [s, e] of ranges) {
    if (s >= due) break;
    if (e === Infinity) return null;
    const from = Math.max(s, coveredUntil);
    if (e > from) due += e - from;
    coveredUntil = Math.max(coveredUntil, e);
  }
  return new Date(due);
}

function instant(d: Date, name: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}
