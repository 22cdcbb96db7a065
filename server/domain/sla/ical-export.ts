/**
 * Writes the support desk's holidays and closures as an iCalendar feed (RFC 5545) that people can
 * subscribe to. The counterpart of ical.ts, which reads such feeds; our own output must read back
 * through it unchanged. A serializer for this subset (all-day events and UTC instants, no time zone
 * definitions, no recurrence) is short, so no library is pulled in for it.
 */
export interface ICalExportHoliday {
  /** Local date YYYY-MM-DD: the whole day is closed. */
  date: string;
  name: string;
}

export interface ICalExportClosure {
  /**
   * Stable identity for the UID. Without one the UID is made of the start and end, which is stable
   * as long as a closure is never edited in place (ours are only removed and added again).
   */
  id?: string | number;
  name: string;
  from: Date;
  to: Date;
}

export interface ICalExportInput {
  /** Shown by calendar apps as the calendar's title. */
  calendarName: string;
  /** Right-hand side of every UID (a host name we own), so UIDs are globally unique. */
  uidDomain: string;
  /** When this copy was made: DTSTAMP of every event. */
  stamp: Date;
  /** IANA zone of the opening hours; informational (X-WR-TIMEZONE), dates need no zone. */
  timeZone?: string;
  holidays: Iterable<ICalExportHoliday>;
  closures?: Iterable<ICalExportClosure>;
}

const CRLF = "\r\n";
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function scheduleToICal(input: ICalExportInput): string {
  const stamp = utcDateTime(input.stamp);
  const domain = input.uidDomain.replace(/[^A-Za-z0-9.-]/g, "") || "tidings.invalid";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tidings//Support schedule//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.calendarName)}`,
    ...(input.timeZone ? [`X-WR-TIMEZONE:${escapeText(input.timeZone)}`] : []),
    "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
    "X-PUBLISHED-TTL:PT12H",
  ];
  const holidays = [...input.holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const h of holidays) {
    const day = icalDate(h.date);
    lines.push(
      "BEGIN:VEVENT",
      // One UID per date: a holiday renamed by an admin replaces the old event in subscribed calendars.
      `UID:holiday-${day}@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${icalDate(nextDay(h.date))}`,
      `SUMMARY:${escapeText(h.name)}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  const closures = [...(input.closures ?? [])].sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const c of closures) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:closure-${c.id === undefined ? `${utcDateTime(c.from)}-${utcDateTime(c.to)}` : escapeText(String(c.id))}@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcDateTime(c.from)}`,
      `DTEND:${utcDateTime(c.to)}`,
      `SUMMARY:${escapeText(c.name)}`,
      // A closure takes the desk's hours: busy, so a free/busy view shows the desk as away then.
      "TRANSP:OPAQUE",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, a line break becomes `\n`. Other
 * control characters are not allowed in TEXT at all, so they go.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex -- controls but tab and line feed are not allowed in a TEXT value (RFC 5545 3.3.11)
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets (UTF-8, without the line break) are split, each
 * continuation starting with one space that counts towards its 75. A split never falls inside a
 * multi-byte character, so every physical line is valid UTF-8 on its own.
 */
export function foldLine(line: string): string {
  if (line.length <= 25 || utf8Length(line) <= 75) return line;
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch);
    if (octets + size > 75) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function icalDate(date: string): string {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError(`holiday date must be YYYY-MM-DD, got "${date}"`);
  return `${m[1]}${m[2]}${m[3]}`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A UTC DATE-TIME, `20261224T120000Z`; sub-second parts are dropped. */
function utcDateTime(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError("iCalendar instants must be valid dates");
  return d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}
