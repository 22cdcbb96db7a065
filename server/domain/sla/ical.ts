/**
 * Reads the all-day events of an iCalendar file (RFC 5545) as holidays, so an admin can import a
 * public holiday feed or a company calendar. Deliberately small: no recurrence rules (holiday feeds
 * list each year's dates), no time zones (all-day dates are local by definition). Nothing suitable
 * was installed, and this subset is a few lines.
 */
export interface ICalHoliday {
  /** Local date YYYY-MM-DD. */
  date: string;
  name: string;
}

/** Longest all-day event expanded day by day; a longer one is more likely a mistake than a holiday. */
const MAX_EVENT_DAYS = 366;

export function parseICalHolidays(text: string): ICalHoliday[] {
  const out: ICalHoliday[] = [];
  let event: Map<string, { params: string; value: string }> | null = null;
  for (const line of unfold(text)) {
    const prop = parseLine(line);
    if (!prop) continue;
    if (prop.name === "BEGIN" && prop.value.toUpperCase() === "VEVENT") {
      event = new Map();
    } else if (prop.name === "END" && prop.value.toUpperCase() === "VEVENT") {
      if (event) out.push(...toHolidays(event));
      event = null;
    } else if (event && !event.has(prop.name)) {
      event.set(prop.name, { params: prop.params, value: prop.value });
    }
  }
  return out;
}

/** RFC 5545 §3.1: a line break followed by one space or tab continues the previous line. */
function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, "").split(/\r?\n|\r/);
}

function parseLine(line: string): { name: string; params: string; value: string } | null {
  const colon = findValueColon(line);
  if (colon < 0) return null;
  const head = line.slice(0, colon);
  const semi = head.indexOf(";");
  const name = (semi < 0 ? head : head.slice(0, semi)).trim().toUpperCase();
  const params = semi < 0 ? "" : head.slice(semi + 1).toUpperCase();
  return { name, params, value: line.slice(colon + 1).trim() };
}

/** The first colon outside a quoted parameter value (`ALTREP="http://…"` holds colons). */
function findValueColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ":" && !quoted) return i;
  }
  return -1;
}

function toHolidays(event: Map<string, { params: string; value: string }>): ICalHoliday[] {
  const start = event.get("DTSTART");
  if (!start || event.get("STATUS")?.value.toUpperCase() === "CANCELLED") return [];
  const first = allDayDate(start);
  if (first === null) return [];
  const name = unescapeText(event.get("SUMMARY")?.value ?? "") || "Holiday";
  const end = event.get("DTEND");
  const last = end ? allDayDate(end) : null;
  const days = last === null ? 1 : Math.min(Math.max(1, (last - first) / 86_400_000), MAX_EVENT_DAYS);
  const out: ICalHoliday[] = [];
  for (let i = 0; i < days; i++) out.push({ date: new Date(first + i * 86_400_000).toISOString().slice(0, 10), name });
  return out;
}

/** A DATE value (`VALUE=DATE` or a bare YYYYMMDD) as UTC-midnight ms; null for a DATE-TIME. */
function allDayDate(prop: { params: string; value: string }): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(prop.value);
  if (!m) return null;
  if (prop.params && /(^|;)VALUE=(?!DATE(;|$))/.test(prop.params)) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).getUTCDate() === Number(m[3]) ? t : null;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? " " : c)).trim();
}
