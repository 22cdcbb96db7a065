/**
 * Where a ticket stands against its two promises (CONTRACT §5): the response target and the
 * maximum. The server does all business-time arithmetic and sends instants; the console only
 * compares them with now. A state is always shown with words (and a symbol), never by colour
 * alone, so it reads the same to someone who cannot tell the colours apart.
 */
import { formatInstant } from "../../shared/when";
import { calendarZone } from "../shared/calendar-zone";
import { isDone, WAITING_ON_CLIENT } from "../../shared/ticket-status";

export type ClockState =
  | { kind: "answered"; at: string }
  | { kind: "done" }
  | { kind: "paused" }
  | { kind: "none" }
  | { kind: "running"; level: "ok" | "warning" | "breach"; targetAt: string | null; dueAt: string; toTarget: number | null; toDue: number };

export interface Clocked {
  /** A ticket status (shared/ticket-status.ts); any string is taken, isDone and WAITING_ON_CLIENT read it. */
  status: string;
  responseTargetAt: string | null;
  responseDueAt: string | null;
  firstResponseAt: string | null;
  /** The answer to the running clock; after a reopening null again while firstResponseAt stays. */
  answeredAt: string | null;
  breached?: boolean;
}

export function clockState(t: Clocked, now: Date): ClockState {
  if (t.answeredAt) return { kind: "answered", at: t.answeredAt };
  if (isDone(t.status)) return { kind: "done" };
  // The server sends no due time while an open pause stops the clock.
  if (t.status === WAITING_ON_CLIENT) return { kind: "paused" };
  if (!t.responseDueAt) return { kind: "none" };
  const n = now.getTime();
  const toDue = Date.parse(t.responseDueAt) - n;
  const toTarget = t.responseTargetAt ? Date.parse(t.responseTargetAt) - n : null;
  const level = toDue <= 0 || t.breached ? "breach" : toTarget !== null && toTarget <= 0 ? "warning" : "ok";
  return { kind: "running", level, targetAt: t.responseTargetAt, dueAt: t.responseDueAt, toTarget, toDue };
}

export interface DurationUnits {
  min: string;
  h: string;
  d: string;
}

/** "3 h 20 min", "2 d 4 h", "5 min": precise enough to plan with, short enough for a table cell. */
export function formatSpan(ms: number, u: DurationUnits, locale: string): string {
  const nf = new Intl.NumberFormat(locale);
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 1) return `< 1 ${u.min}`;
  if (minutes < 60) return `${nf.format(minutes)} ${u.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest && hours < 10 ? `${nf.format(hours)} ${u.h} ${nf.format(rest)} ${u.min}` : `${nf.format(hours)} ${u.h}`;
  }
  const days = Math.floor(hours / 24);
  const restH = hours % 24;
  return restH ? `${nf.format(days)} ${u.d} ${nf.format(restH)} ${u.h}` : `${nf.format(days)} ${u.d}`;
}

/** "27 Nov 2026, 17:00" in the reader's locale and zone. */
export function formatWhen(iso: string, locale: string, timeZone?: string): string {
  return formatInstant(new Date(iso), locale, timeZone ?? calendarZone());
}

/** A local calendar date ("2026-12-24", as holidays are kept) in the reader's words: "24 Dec 2026". */
export function formatDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}
