import { zoneName } from "../shared/when";

/**
 * The response due time in words, in the reader's locale and time zone: a date people can plan
 * with ("Tuesday, 3 March at 17:00 CET") and how far away it is ("in 2 days").
 */
export function formatDue(dueIso: string, locale: string, now: Date, timeZone?: string): { when: string; relative: string } {
  const due = new Date(dueIso);
  // 24-hour time and the zone by its name ("17:00 CET", never "05:00 PM GMT+1").
  const when = new Intl.DateTimeFormat(locale, {
    weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(due).map((p) => (p.type === "timeZoneName" ? zoneName(due, timeZone, locale) : p.value)).join("");
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  const relative =
    Math.abs(minutes) < 60 ? rtf.format(minutes, "minute")
    : Math.abs(minutes) < 48 * 60 ? rtf.format(Math.round(minutes / 60), "hour")
    : rtf.format(Math.round(minutes / 1440), "day");
  return { when, relative };
}

/** The browser's own locale when it speaks the widget's language (de-AT for German), else the language. */
export function displayLocale(lang: string, browserLangs: readonly string[]): string {
  const match = browserLangs.find((l) => l.toLowerCase().split(/[-_]/)[0] === lang);
  try {
    return match ? Intl.getCanonicalLocales(match)[0]! : lang;
  } catch {
    return lang;
  }
}
