/**
 * Dates and times an admin types in the calendar's zone (the form's <input type=date> and
 * <input type=time>), turned into instants. The arithmetic is the SLA calendar's own
 * (shared/zone.ts), so a closure starts where the server's clock will stop.
 */
import { localToUtc } from "../../shared/zone";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * The instant of `date` at `time` on the wall clocks of `timeZone`, or null when either is not a
 * real reading. A time a spring-forward skips moves on by the gap (02:30 is 03:30); a time an
 * autumn night repeats is its first occurrence.
 */
export function instantIn(date: string, time: string, timeZone: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [y, mo, day, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const local = Date.UTC(y, mo - 1, day, h, mi);
  const back = new Date(local);
  // Date.UTC rolls 31 April over to 1 May; a date that is not in the calendar is no reading.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== day || h > 23 || mi > 59) return null;
  return new Date(localToUtc(local, timeZone));
}
