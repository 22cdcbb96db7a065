import type { BusinessCalendar } from "./calendar";
import { dayCacheFor, dayContaining, type Day } from "./days";
import { addCalendarDays, businessTimeBetween } from "./due";
import { walkOpenTime, type Pause } from "./walk";
import { offsetAt } from "../../../shared/zone";

/**
 * Why a ticket is due when it is, for staff (console tooltips, support questions, bug reports).
 * English only: it is a diagnostic, not a customer-facing text. Slower than addBusinessTime on
 * purpose; keep it off hot paths.
 */
export interface DueExplanation {
  due: Date | null;
  trace: string[];
}

export function explainDue(
  from: Date,
  duration: number | { calendarDays: number },
  cal: BusinessCalendar,
  pauses: readonly Pause[] = [],
): DueExplanation {
  return typeof duration === "number"
    ? explainBusiness(from, duration, cal, pauses)
    : explainCalendarDays(from, duration.calendarDays, cal, pauses);
}

function explainBusiness(from: Date, durationMs: number, cal: BusinessCalendar, pauses: readonly Pause[]): DueExplanation {
  const start = from.getTime();
  const zone = cal.timeZone;
  const receiptDay = dayContaining(dayCacheFor(cal), cal, start);
  const skipped: Array<[Day, string]> = [];
  let clockStart: number | null = null;
  let remaining = durationMs;
  let due = NaN;
  const status = walkOpenTime(
    start,
    cal,
    pauses,
    (s, e) => {
      clockStart ??= s;
      if (remaining <= e - s) {
        due = s + remaining;
        return true;
      }
      remaining -= e - s;
      return false;
    },
    Infinity,
    { holiday: (day, name) => skipped.push([day, name]) },
  );
  // Zero hours too are counted from the next opening (addBusinessTime), never from a closed receipt.
  const dueAt = status === "stopped" ? null : due;

  const trace: string[] = [];
  const received = `Received ${local(start, zone)}`;
  if (clockStart === start) trace.push(`${received} (open) → clock starts at once`);
  else {
    const why = closedReason(start, receiptDay, cal, pauses);
    const then = clockStart === null ? "clock never starts" : `clock starts ${local(clockStart, zone)}`;
    trace.push(`${received} (closed: ${why}) → ${then}`);
  }
  for (const [day, name] of skipped) {
    if (day.key !== receiptDay.key) trace.push(`Holiday: ${name} ${dayMonth(day.start, zone)} skipped`);
  }
  const end = dueAt ?? Infinity;
  const plain: BusinessCalendar = { ...cal, closures: [] };
  for (const c of cal.closures ?? []) {
    const [a, b] = [Math.max(c.from.getTime(), start), Math.min(c.to.getTime(), end)];
    const lost = b > a ? businessTimeBetween(new Date(a), new Date(b), plain) : 0;
    if (lost > 0) trace.push(`Closed: ${c.name} ${local(c.from.getTime(), zone)} → ${local(c.to.getTime(), zone)} (${hours(lost)} of opening hours)`);
  }
  trace.push(...pauseLines(start, end, pauses, zone, (a, b) => businessTimeBetween(new Date(a), new Date(b), plain)));
  trace.push(...clockChange(start, dueAt, zone, "opening hours stay in local time"), dueLine(dueAt, zone));
  return { due: dueAt === null ? null : new Date(dueAt), trace };
}

function explainCalendarDays(from: Date, days: number, cal: BusinessCalendar, pauses: readonly Pause[]): DueExplanation {
  const zone = cal.timeZone;
  const start = from.getTime();
  const due = addCalendarDays(from, days, zone, pauses);
  const dueAt = due?.getTime() ?? null;
  const trace = [`Received ${local(start, zone)} → ${days} calendar days at the same local time in ${zone}`];
  trace.push(...pauseLines(start, dueAt ?? Infinity, pauses, zone, (a, b) => b - a));
  trace.push(...clockChange(start, dueAt, zone, "the due time keeps the local time of day"), dueLine(dueAt, zone));
  return { due, trace };
}

function pauseLines(start: number, end: number, pauses: readonly Pause[], zone: string, lost: (a: number, b: number) => number): string[] {
  const lines: string[] = [];
  for (const p of pauses) {
    const by = p.reason ?? "a pause";
    const a = Math.max(p.from.getTime(), start);
    if (a >= end) continue;
    if (p.to === null) {
      if (end === Infinity) lines.push(`Paused indefinitely by ${by} since ${local(p.from.getTime(), zone)}: no due time while it lasts`);
      continue;
    }
    const b = Math.min(p.to.getTime(), end);
    if (b <= a) continue;
    lines.push(`Paused ${hours(lost(a, b))} by ${by} (${local(p.from.getTime(), zone)} → ${local(p.to.getTime(), zone)})`);
  }
  return lines;
}

function clockChange(start: number, due: number | null, zone: string, consequence: string): string[] {
  if (due === null || offsetAt(start, zone) === offsetAt(due, zone)) return [];
  return [`Clock change in ${zone} (UTC${utcOffset(start, zone)} → UTC${utcOffset(due, zone)}): ${consequence}`];
}

function closedReason(t: number, day: Day, cal: BusinessCalendar, pauses: readonly Pause[]): string {
  if (day.open.length === 0) return day.weekday === 0 || day.weekday === 6 ? "weekend" : "closed all day";
  const holiday = cal.holidays.get(day.key);
  if (holiday !== undefined) return `holiday ${holiday}`;
  const open = day.open;
  if (t < open[0]!) return "before opening";
  if (t >= open[open.length - 1]!) return "after closing";
  let inside = false;
  for (let i = 0; i < open.length; i += 2) if (t >= open[i]! && t < open[i + 1]!) inside = true;
  if (!inside) return "break";
  const closure = cal.closures?.find((c) => c.from.getTime() <= t && t < c.to.getTime());
  if (closure) return `closure ${closure.name}`;
  const pause = pauses.find((p) => p.from.getTime() <= t && (p.to === null || t < p.to.getTime()));
  if (pause) return `paused by ${pause.reason ?? "a pause"}`;
  return "closed";
}

function dueLine(due: number | null, zone: string): string {
  if (due === null) return "Due: none while the clock is paused";
  const utc = parts(due, "UTC");
  const there = parts(due, zone);
  const sameDate = utc.weekday === there.weekday && utc.day === there.day;
  const localText = sameDate ? there.time : `${there.weekday} ${there.day} ${there.month} ${there.time}`;
  return `Due ${utc.weekday} ${utc.day} ${utc.month} ${utc.time} UTC (${localText} ${zone})`;
}

function local(t: number, zone: string): string {
  const p = parts(t, zone);
  return `${p.weekday} ${p.day} ${p.month} ${p.time}`;
}

function dayMonth(t: number, zone: string): string {
  const p = parts(t, zone);
  return `${p.day} ${p.month}`;
}

function hours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : h === 0 ? `${m}m` : `${h}h ${m}m`;
}

function utcOffset(t: number, zone: string): string {
  const minutes = Math.round(offsetAt(t, zone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(t: number, zone: string): { weekday: string; day: string; month: string; time: string } {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      weekday: "short",
      day: "2-digit",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  return { weekday: p.weekday ?? "", day: p.day ?? "", month: p.month ?? "", time: `${p.hour}:${p.minute}` };
}
