import type { BusinessCalendar } from "../sla/calendar";
import { walkOpenTime } from "../sla/walk";

/**
 * The calendar's open time over [from, until) as a cumulative clock SQL can read: business time
 * between two instants is C(b) − C(a), where C(t) = k[i] + least(t, e[i]) for the last open interval
 * i starting at or before t (width_bucket finds it by binary search); e[i] is the interval's end and
 * k[i] the open time before it minus its start. A first interval far in the past makes C zero before
 * the first opening. The calendar (zone, hours, holidays, closures) is evaluated here in TypeScript,
 * so the SQL only adds and compares instants, runs the same on both drivers, and costs O(log n) per
 * ticket instead of a walk over the days.
 */
export function businessClock(from: number, until: number, cal: BusinessCalendar): { starts: number[]; k: number[]; e: number[] } {
  const FAR = -1e15;
  const starts = [FAR];
  const k = [-FAR];
  const e = [FAR];
  let total = 0;
  walkOpenTime(from, cal, [], (s, end) => {
    if (s >= until) return true;
    starts.push(s);
    k.push(total - s);
    e.push(end);
    total += end - s;
    return end >= until;
  }, until);
  return { starts, k, e };
}

/** C(t) of the clock above, for checking it against businessTimeBetween. */
export function clockAt(c: ReturnType<typeof businessClock>, t: number): number {
  let lo = 0;
  let hi = c.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return c.k[lo]! + Math.min(t, c.e[lo]!);
}
