import type { BusinessCalendar } from "./calendar";
import { dayAt, dayCacheFor, dayContaining, type Day } from "./days";

export interface Pause {
  from: Date;
  /** null: still paused (the ticket waits on the client right now). */
  to: Date | null;
  /** Why the clock stopped, e.g. the ticket status "pending-client"; shown in traces. */
  reason?: string;
}

/** Told about what a walk passes, for explanations; the hot path passes none. */
export interface WalkEvents {
  holiday(day: Day, name: string): void;
}

/** A calendar that yields no open time for this long is broken, not slow. */
const MAX_CLOSED_DAYS = 3660;

/**
 * Calls `visit(start, end)` for each stretch of counted time from `from` on, in order: inside opening
 * hours, not on a holiday, outside closures and pauses. Stops when `visit` returns true (→ "done"),
 * when a day starts at or after `until` (→ "done"), or when an open-ended pause or closure begins
 * (→ "stopped": no time will ever count again).
 */
export function walkOpenTime(
  from: number,
  cal: BusinessCalendar,
  pauses: readonly Pause[],
  visit: (start: number, end: number) => boolean,
  until = Infinity,
  events?: WalkEvents,
): "done" | "stopped" {
  const blocked = blockedRanges(from, cal, pauses);
  const nb = blocked.length;
  const cache = dayCacheFor(cal);
  let bi = 0;
  let day = dayContaining(cache, cal, from);
  let closedDays = 0;
  for (;;) {
    if (day.start >= until) return "done";
    const open = day.open;
    let counted = false;
    if (open.length > 0 && open[open.length - 1]! > from) {
      const holiday = cal.holidays.get(day.key);
      if (holiday !== undefined) {
        events?.holiday(day, holiday);
      } else {
        for (let i = 0; i < open.length; i += 2) {
          const e = open[i + 1]!;
          if (e <= from) continue;
          let s = Math.max(open[i]!, from);
          while (s < e) {
            while (bi < nb && blocked[bi]![1] <= s) bi++;
            let segEnd = e;
            const b = blocked[bi];
            if (b) {
              if (b[0] <= s) {
                if (b[1] === Infinity) return "stopped";
                s = b[1];
                continue;
              }
              if (b[0] < e) segEnd = b[0];
            }
            counted = true;
            if (visit(s, segEnd)) return "done";
            s = segEnd;
          }
        }
      }
    }
    if (counted) closedDays = 0;
    else if (++closedDays > MAX_CLOSED_DAYS) {
      throw new RangeError(`calendar ${cal.timeZone} has no opening hours for ${MAX_CLOSED_DAYS} days`);
    }
    day = dayAt(cache, cal, day.n + 1);
  }
}

const NONE: ReadonlyArray<readonly [number, number]> = [];

/** Closures and pauses that end after `from`, sorted and merged; an open end is Infinity. */
function blockedRanges(from: number, cal: BusinessCalendar, pauses: readonly Pause[]): ReadonlyArray<readonly [number, number]> {
  const closures = cal.closures;
  if (pauses.length === 0 && (!closures || closures.length === 0)) return NONE;
  const ranges: Array<[number, number]> = [];
  for (const p of pauses) {
    const end = p.to === null ? Infinity : p.to.getTime();
    if (end > from && end > p.from.getTime()) ranges.push([p.from.getTime(), end]);
  }
  for (const c of closures ?? []) {
    const end = c.to.getTime();
    if (end > from && end > c.from.getTime()) ranges.push([c.from.getTime(), end]);
  }
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [ranges[0]!];
  for (let i = 1; i < ranges.length; i++) {
    const r = ranges[i]!;
    const last = merged[merged.length - 1]!;
    if (r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}
