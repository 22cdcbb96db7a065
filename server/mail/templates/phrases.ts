/** Sentences more than one template says, in both languages, so they are worded the same everywhere. */
import { SLA_LEVELS, type SlaLevelId } from "../../../shared/sla";
import { formatTid, subjectTag } from "../../../shared/tid";
import { formatDateTime, type Locale } from "./format";
import { p, strong, type Block, type Inline } from "./layout";

export function greeting(locale: Locale): Block {
  return p(locale === "de" ? "Guten Tag," : "Hello,");
}

export function signOff(locale: Locale): Block {
  return p(locale === "de" ? "Mit freundlichen Grüßen\nIhr Support-Team" : "Kind regards,\nYour support team");
}

/** The header line of every ticket mail. */
export function ticketHeader(tid: string): string {
  return `Support · ${formatTid(tid)}`;
}

/** SLA 4.5: replies reach the ticket only while the subject keeps the tag. */
export function keepTid(tid: string, locale: Locale): Block {
  return locale === "de"
    ? p("Bitte behalten Sie ", strong(subjectTag(tid)), " im Betreff jeder Antwort bei, damit Ihre Nachricht diesem Ticket zugeordnet wird.")
    : p("Please keep ", strong(subjectTag(tid)), " in the subject of every reply, so that your message is added to this ticket.");
}

export function ticketFooter(tid: string, locale: Locale): Inline[][] {
  return locale === "de"
    ? [[`Diese E-Mail betrifft Ihr Ticket ${formatTid(tid)}.`], [`Bitte behalten Sie ${subjectTag(tid)} im Betreff, wenn Sie antworten.`]]
    : [[`This mail is about your ticket ${formatTid(tid)}.`], [`Please keep ${subjectTag(tid)} in the subject when you reply.`]];
}

/** "Commercial, cloud (at most 16 business hours)": the level in words with the maximum it promises. */
export function levelInWords(levelId: SlaLevelId, locale: Locale): string {
  const level = SLA_LEVELS[levelId];
  const label = locale === "de" ? level.labelDe : level.labelEn;
  if (level.maxHours !== null) {
    return locale === "de" ? `${label} (höchstens ${level.maxHours} Stunden an Werktagen)` : `${label} (at most ${level.maxHours} business hours)`;
  }
  if (level.calendarDays !== undefined) {
    return locale === "de" ? `${label} (höchstens ${level.calendarDays} Tage)` : `${label} (at most ${level.calendarDays} days)`;
  }
  return label;
}

/** The response due time; null while the clock is paused (the ticket waits on the client). */
export function dueInWords(dueAt: Date | null, timeZone: string, locale: Locale): string {
  if (dueAt === null) {
    return locale === "de" ? "wird festgelegt, sobald die Frist wieder läuft" : "set as soon as the clock resumes";
  }
  return locale === "de" ? `spätestens am ${formatDateTime(dueAt, timeZone, locale)}` : `by ${formatDateTime(dueAt, timeZone, locale)} at the latest`;
}
