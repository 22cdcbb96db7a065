/**
 * Instants as a reader reads them (issue 13: "14:00 CET", not "02:00 PM GMT+1"): 24-hour time, as
 * the support hours are published, and the zone by its name. Widget, portal and console use these;
 * the mails have their own (server/mail/templates/format.ts) with the same rules.
 */

const OFFSET_NAME = /^(?:GMT|UTC)(?:[+\-−]|$)/;

function shortZone(at: Date, timeZone: string | undefined, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "";
}

/**
 * The zone's short name in the reader's language ("CET", "MEZ"). Where that language only knows
 * an offset ("GMT+1" in American English), the British name (it has the European ones), then the
 * American (it has the American ones); an offset only when no name exists at all.
 */
export function zoneName(at: Date, timeZone: string | undefined, locale: string): string {
  const named = (n: string) => !OFFSET_NAME.test(n) || n === "GMT" || n === "UTC";
  const own = shortZone(at, timeZone, locale);
  if (named(own)) return own;
  return [shortZone(at, timeZone, "en-GB"), shortZone(at, timeZone, "en-US")].find(named) ?? own;
}

/** "2 Dec 2026, 14:00 CET" / "02.12.2026, 14:00 MEZ": the reader's date style, the zone named. */
export function formatInstant(at: Date, locale: string, timeZone?: string): string {
  const zone = timeZone ? { timeZone } : {};
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...zone }).format(at);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...zone }).format(at);
  return `${date}, ${time} ${zoneName(at, timeZone, locale)}`;
}
