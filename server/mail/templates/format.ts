/**
 * Dates and subjects as the recipient reads them. Instants are UTC everywhere else; only here do
 * they become wall-clock time, in the ticket's calendar zone (CONTRACT §5), so that the due time in
 * a mail matches the opening hours it was computed against.
 */
import { subjectTag } from "../../../shared/tid";

export type Locale = "en" | "de";

/** The Intl locale per mail language: British English writes "3 March 2026", day before month. */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: "en-GB", de: "de-DE" };

const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(locale: Locale, timeZone: string) {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const tag = INTL_LOCALE[locale];
    f = {
      date: new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }),
      time: new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone, timeZoneName: "short" }),
    };
    formatters.set(key, f);
  }
  return f;
}

/**
 * "Tuesday, 3 March 2026, 16:00 CET" / "Dienstag, 3. März 2026, 16:00 MEZ". Date and time are
 * formatted apart because the joined Intl form inserts "at"/"um", which reads badly after "by".
 * An unknown zone falls back to UTC, which the zone name then states: a mail with a correct
 * instant in the wrong zone is better than a mail that is never sent.
 */
export function formatDateTime(at: Date, timeZone: string, locale: Locale): string {
  let f;
  try {
    f = formattersFor(locale, timeZone);
  } catch {
    f = formattersFor(locale, "UTC");
  }
  return `${f.date.format(at)}, ${f.time.format(at)}`;
}

// C0/C1 controls and the bidi overrides that can make "gpj.exe" display as "exe.jpg".
const UNSAFE_CHARS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/** A user-given name or subject on one line: no controls, no bidi tricks, at most `max` characters. */
export function oneLine(value: string, max = 200): string {
  const clean = value.replace(UNSAFE_CHARS, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : clean;
}

const TID_TAGS = /\[\s*TID\s*#?\s*\d+\s*\]/gi;
const REPLY_PREFIXES = /^(?:(?:re|aw|antw|sv|vs)(?:\[\d+\])?\s*:\s*)+/i;

/**
 * The ticket's subject as we repeat it: without any [TID#…] tag (ours goes in front; a second tag
 * would make the next reply ambiguous) and without the "Re:"/"AW:" chains mail clients pile up.
 */
export function cleanSubject(subject: string, locale: Locale): string {
  const s = oneLine(subject.replace(TID_TAGS, " "), 400).replace(REPLY_PREFIXES, "").trim();
  const shown = oneLine(s, 150);
  return shown !== "" ? shown : locale === "de" ? "(kein Betreff)" : "(no subject)";
}

/** "[TID#1000015] Resolved: My site is down": the tag first, so that it survives truncating clients. */
export function ticketSubject(tid: string, subject: string, locale: Locale, prefix?: string): string {
  return `${subjectTag(tid)} ${prefix ? `${prefix}: ` : ""}${cleanSubject(subject, locale)}`;
}
