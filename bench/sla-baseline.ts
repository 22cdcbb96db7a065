import { DateTime } from "luxon";

export interface LuxonCalendar {
  zone: string;
  /** Luxon weekdays that are open: 1 = Monday … 7 = Sunday. */
  openWeekdays: ReadonlySet<number>;
  open: { hour: number; minute: number };
  close: { hour: number; minute: number };
  /** Local dates YYYY-MM-DD that are closed all day. */
  holidays: ReadonlySet<string>;
}

/**
 * The usual helpdesk way of adding business hours, as the baseline for `sla`: walk day by day in
 * the desk's zone with luxon, take each open day's opening interval and use up the duration.
 * Correct across DST (luxon resolves 09:00 per day) and honest about holidays, but it builds
 * several DateTime objects per day, which is what server/domain/sla avoids by caching resolved days.
 */
export function luxonAddBusinessTime(from: Date, durationMs: number, cal: LuxonCalendar): Date {
  let remaining = durationMs;
  let cursor = DateTime.fromMillis(from.getTime(), { zone: cal.zone });
  for (let guard = 0; guard < 3660; guard++) {
    const day = cursor.startOf("day");
    if (cal.openWeekdays.has(day.weekday) && !cal.holidays.has(day.toISODate()!)) {
      const open = day.set(cal.open);
      const close = day.set(cal.close);
      const start = cursor > open ? cursor : open;
      const available = close.toMillis() - start.toMillis();
      if (available > 0) {
        if (remaining <= available) return new Date(start.toMillis() + remaining);
        remaining -= available;
      }
    }
    cursor = day.plus({ days: 1 });
  }
  throw new RangeError("no opening hours within ten years");
}
