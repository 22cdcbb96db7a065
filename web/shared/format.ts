/**
 * Dates, sizes, levels and response times in the reader's words. Times are shown in the support
 * calendar's zone with its name (calendar-zone.ts), so a due time reads as the promise it is.
 */
import { SLA_LEVELS, isSlaLevelId } from "../../shared/sla";
import { formatDue as formatDueIn } from "../../ui/due";
import { formatInstant } from "../../shared/when";
import { calendarZone } from "./calendar-zone";
import type { MyTicket, TicketView } from "./api";
import type { PortalTexts } from "./i18n";
import { isDone, WAITING_ON_CLIENT } from "../../shared/ticket-status";

/** The widget's due-time words, in the calendar's zone unless one is given. */
export const formatDue = (dueIso: string, locale: string, now: Date, timeZone?: string) => formatDueIn(dueIso, locale, now, timeZone ?? calendarZone());

export function levelText(level: string, lang: "en" | "de"): string {
  if (!isSlaLevelId(level)) return level;
  return lang === "de" ? SLA_LEVELS[level].labelDe : SLA_LEVELS[level].labelEn;
}

/** "3 Mar 2026, 17:00 CET" in the reader's locale, in the calendar's zone (or the one given), named. */
export function formatWhen(iso: string, locale: string, timeZone?: string): string {
  return formatInstant(new Date(iso), locale, timeZone ?? calendarZone());
}

export function formatSize(bytes: number, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${nf.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${nf.format(bytes / 1024 / 1024)} MB`;
}

/**
 * Where a ticket stands with its first answer (SLA 2.5): answered, waiting on the client (the
 * clock is paused), due (with how far away), overdue, or nothing due once it is resolved.
 */
export function responseText(tk: Pick<MyTicket | TicketView, "status" | "responseDueAt" | "answeredAt">, t: PortalTexts, locale: string, now: Date, timeZone?: string): { text: string; overdue: boolean } {
  // The answer to the clock that runs now: a reopened ticket is due again until staff answer it.
  if (tk.answeredAt) return { text: t.response.answered(formatWhen(tk.answeredAt, locale, timeZone)), overdue: false };
  if (tk.status === WAITING_ON_CLIENT) return { text: t.response.paused, overdue: false };
  if (isDone(tk.status)) return { text: t.response.done, overdue: false };
  if (!tk.responseDueAt) return { text: t.response.none, overdue: false };
  if (new Date(tk.responseDueAt).getTime() <= now.getTime()) return { text: t.response.overdue(formatWhen(tk.responseDueAt, locale, timeZone)), overdue: true };
  const due = formatDue(tk.responseDueAt, locale, now, timeZone);
  return { text: t.response.due(due.when, due.relative), overdue: false };
}
