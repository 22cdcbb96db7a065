import { describe, expect, it } from "vitest";
import { escapeText, foldLine, scheduleToICal, type ICalExportInput } from "../../server/domain/sla/ical-export";
import { parseICalHolidays } from "../../server/domain/sla/ical";
import { defaultCalendar } from "../../server/domain/sla/calendar";

const base: ICalExportInput = {
  calendarName: "Support desk",
  uidDomain: "support.example.com",
  stamp: new Date("2026-11-26T10:00:00.123Z"),
  timeZone: "Europe/Berlin",
  holidays: [
    { date: "2026-12-25", name: "1. Weihnachtstag" },
    { date: "2026-12-24", name: "Heiligabend (Betriebsruhe)" },
  ],
  closures: [{ id: 7, name: "Team event", from: new Date("2026-12-03T12:00:00Z"), to: new Date("2026-12-03T17:00:00Z") }],
};

const octets = (s: string) => new TextEncoder().encode(s).length;

function events(ics: string): string[][] {
  const unfolded = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const out: string[][] = [];
  let cur: string[] | null = null;
  for (const line of unfolded) {
    if (line === "BEGIN:VEVENT") cur = [];
    else if (line === "END:VEVENT") { out.push(cur!); cur = null; }
    else cur?.push(line);
  }
  return out;
}

describe("scheduleToICal", () => {
  it("writes a calendar with CRLF line ends only, starting and ending as RFC 5545 requires", () => {
    const ics = scheduleToICal(base);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("writes each holiday as an all-day event ending the next day, in date order, with a UID per date and DTSTAMP", () => {
    const [eve, christmas] = events(scheduleToICal(base));
    expect(eve).toEqual(expect.arrayContaining([
      "UID:holiday-20261224@support.example.com",
      "DTSTAMP:20261126T100000Z",
      "DTSTART;VALUE=DATE:20261224",
      "DTEND;VALUE=DATE:20261225",
      "SUMMARY:Heiligabend (Betriebsruhe)",
    ]));
    expect(christmas).toContain("DTEND;VALUE=DATE:20261226");
  });

  it("ends an event on the last day of a month or year on the first of the next", () => {
    const [ev] = events(scheduleToICal({ ...base, holidays: [{ date: "2026-12-31", name: "Silvester" }], closures: [] }));
    expect(ev).toContain("DTEND;VALUE=DATE:20270101");
    const [leap] = events(scheduleToICal({ ...base, holidays: [{ date: "2028-02-28", name: "x" }], closures: [] }));
    expect(leap).toContain("DTEND;VALUE=DATE:20280229");
  });

  it("keeps UIDs stable between exports, whatever the time of export", () => {
    const uids = (stamp: Date) => scheduleToICal({ ...base, stamp }).split("\r\n").filter((l) => l.startsWith("UID:"));
    expect(uids(new Date("2027-01-01T00:00:00Z"))).toEqual(uids(base.stamp));
    expect(new Set(uids(base.stamp)).size).toBe(3);
  });

  it("writes closures as UTC date-times", () => {
    const closure = events(scheduleToICal(base)).find((e) => e.includes("SUMMARY:Team event"))!;
    expect(closure).toEqual(expect.arrayContaining(["UID:closure-7@support.example.com", "DTSTART:20261203T120000Z", "DTEND:20261203T170000Z"]));
    const anonymous = scheduleToICal({ ...base, closures: [{ name: "x", from: new Date("2026-12-03T12:00:00Z"), to: new Date("2026-12-03T17:00:00Z") }] });
    expect(anonymous).toContain("UID:closure-20261203T120000Z-20261203T170000Z@support.example.com");
  });

  it("shows closures as busy time and holidays as free all-day days", () => {
    const all = events(scheduleToICal({ ...base, holidays: [{ date: "2026-12-31", name: "Silvester" }] }));
    expect(all.find((e) => e.includes("SUMMARY:Team event"))).toContain("TRANSP:OPAQUE");
    expect(all.find((e) => e.includes("SUMMARY:Silvester"))).toContain("TRANSP:TRANSPARENT");
  });

  it("escapes TEXT values", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    expect(escapeText("bell\u0007 tab\t")).toBe("bell tab\t");
    const ics = scheduleToICal({ ...base, holidays: [{ date: "2026-10-03", name: "Tag der Deutschen Einheit; closed, all day" }], closures: [] });
    expect(ics).toContain("SUMMARY:Tag der Deutschen Einheit\\; closed\\, all day\r\n");
  });

  it("folds lines at 75 octets without splitting a character", () => {
    const name = "Betriebsruhe über die Feiertage – Grüße vom Support-Team 🎄 ".repeat(4);
    const ics = scheduleToICal({ ...base, holidays: [{ date: "2026-12-28", name }], closures: [] });
    const lines = ics.split("\r\n").filter(Boolean);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    const folded = lines.filter((l) => l.startsWith(" "));
    expect(folded.length).toBeGreaterThan(2);
    // Every physical line is whole UTF-8: no replacement characters appear on decoding it alone.
    for (const line of lines) expect(new TextDecoder().decode(new TextEncoder().encode(line))).toBe(line);
    expect(ics.replace(/\r\n /g, "")).toContain(`SUMMARY:${name}`);
  });

  it("folds exactly: a 75-octet line stays, a 76-octet one splits into 75 + space + 1", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    expect(foldLine("x".repeat(75 + 74 + 1))).toBe(`${"x".repeat(75)}\r\n ${"x".repeat(74)}\r\n x`);
    expect(foldLine(`${"x".repeat(74)}ü`)).toBe(`${"x".repeat(74)}\r\n ü`);
  });

  it("reads back through our own parser: same dates, same names, closures left out", () => {
    const names = ["Plain", "With, comma; and semicolon", "Back\\slash", "Ümlaut – and a very long name that certainly needs folding across more than one line"];
    const holidays = names.map((name, i) => ({ date: `2027-0${i + 1}-1${i}`, name }));
    const parsed = parseICalHolidays(scheduleToICal({ ...base, holidays }));
    expect(parsed).toEqual(holidays);
  });

  it("round-trips a whole year of German public holidays", () => {
    const cal = defaultCalendar({ years: { from: 2027, to: 2027 } });
    const holidays = [...cal.holidays].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
    expect(parseICalHolidays(scheduleToICal({ ...base, holidays, closures: [] }))).toEqual(holidays);
  });
});
