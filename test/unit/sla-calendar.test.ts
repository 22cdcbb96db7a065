import { describe, expect, it } from "vitest";
import {
  type BusinessCalendar,
  defaultCalendar,
  parseICalHolidays,
  validateCalendar,
  WEEKDAYS_9_TO_18,
} from "../../server/domain/sla/calendar";
import { addBusinessTime, HOUR_MS } from "../../server/domain/sla/due";

describe("defaultCalendar", () => {
  it("is Europe/Berlin, Monday to Friday 09:00–18:00", () => {
    const cal = defaultCalendar();
    expect(cal.timeZone).toBe("Europe/Berlin");
    expect(cal.weekly.map((day) => day.map(([s, e]) => `${s / 60}-${e / 60}`))).toEqual([
      [],
      ["9-18"],
      ["9-18"],
      ["9-18"],
      ["9-18"],
      ["9-18"],
      [],
    ]);
  });

  it("has exactly the German nationwide public holidays of 2026", () => {
    const cal = defaultCalendar({ years: { from: 2026, to: 2026 } });
    expect([...cal.holidays].sort()).toEqual([
      ["2026-01-01", "Neujahr"],
      ["2026-04-03", "Karfreitag"],
      ["2026-04-06", "Ostermontag"],
      ["2026-05-01", "Maifeiertag"],
      ["2026-05-14", "Christi Himmelfahrt"],
      ["2026-05-25", "Pfingstmontag"],
      ["2026-10-03", "Tag der Deutschen Einheit"],
      ["2026-12-25", "1. Weihnachtstag"],
      ["2026-12-26", "2. Weihnachtstag"],
    ]);
  });

  it("leaves out state holidays, observances and half days", () => {
    const cal = defaultCalendar();
    for (const date of [
      "2026-01-06", // Heilige Drei Könige (BW, BY, ST)
      "2026-06-04", // Fronleichnam
      "2026-08-15", // Mariä Himmelfahrt
      "2026-10-31", // Reformationstag (a Saturday in 2026 anyway)
      "2025-10-31", // Reformationstag on a Friday
      "2026-11-01", // Allerheiligen
      "2026-11-18", // Buß- und Bettag (SN)
      "2026-03-08", // Internationaler Frauentag (BE)
      "2026-12-24", // Heiligabend
      "2026-12-31", // Silvester
    ]) {
      expect(cal.holidays.get(date), date).toBeUndefined();
    }
  });

  it("computes holidays for any year when first asked", () => {
    const cal = defaultCalendar();
    expect(cal.holidays.get("2040-03-30")).toBe("Karfreitag");
    expect(cal.holidays.has("1999-12-25")).toBe(true);
    // 2017 was the one year Reformationstag was a nationwide holiday.
    expect(cal.holidays.get("2017-10-31")).toBe("Reformationstag");
    expect(cal.holidays.get("2018-10-31")).toBeUndefined();
  });

  it("adds an admin's holidays, whose name wins over a computed one", () => {
    const cal = defaultCalendar({
      holidays: [
        { date: "2026-07-17", name: "Sommerfest" },
        { date: "2026-12-25", name: "Weihnachten (geschlossen)" },
      ],
    });
    expect(cal.holidays.get("2026-07-17")).toBe("Sommerfest");
    expect(cal.holidays.get("2026-12-25")).toBe("Weihnachten (geschlossen)");
    expect(cal.holidays.get("2026-12-26")).toBe("2. Weihnachtstag");
  });

  it("rejects a holiday date that is not a real YYYY-MM-DD", () => {
    expect(() => defaultCalendar({ holidays: [{ date: "2026-02-30", name: "x" }] })).toThrow(/YYYY-MM-DD/);
    expect(() => defaultCalendar({ holidays: [{ date: "17.07.2026", name: "x" }] })).toThrow(/YYYY-MM-DD/);
  });

  it("shares one frozen week, so no caller can change everyone's opening hours", () => {
    expect(defaultCalendar().weekly).toBe(WEEKDAYS_9_TO_18);
    expect(Object.isFrozen(WEEKDAYS_9_TO_18[1])).toBe(true);
  });
});

describe("validateCalendar", () => {
  const ok: BusinessCalendar = { timeZone: "Europe/Berlin", weekly: WEEKDAYS_9_TO_18, holidays: new Map() };

  it("accepts the default and a split day", () => {
    expect(() => validateCalendar(defaultCalendar())).not.toThrow();
    expect(() => validateCalendar({ ...ok, weekly: [[], [[540, 720], [780, 1080]], [], [], [], [], []] })).not.toThrow();
  });

  it("names what is wrong", () => {
    expect(() => validateCalendar({ ...ok, timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => validateCalendar({ ...ok, weekly: WEEKDAYS_9_TO_18.slice(0, 5) })).toThrow(/7 days/);
    expect(() => validateCalendar({ ...ok, weekly: [[], [[780, 1080], [540, 720]], [], [], [], [], []] })).toThrow(/sorted/);
    expect(() => validateCalendar({ ...ok, weekly: [[], [[540, 1500]], [], [], [], [], []] })).toThrow(/0–1440/);
    const closures = [{ from: new Date("2026-03-02T12:00:00Z"), to: new Date("2026-03-02T10:00:00Z"), name: "Umzug" }];
    expect(() => validateCalendar({ ...ok, closures })).toThrow(/"Umzug" must end after it starts/);
  });
});

describe("parseICalHolidays", () => {
  const feed = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Example//Feiertage//DE",
    "BEGIN:VEVENT",
    "UID:1@example",
    "DTSTART;VALUE=DATE:20260717",
    "DTEND;VALUE=DATE:20260718",
    "SUMMARY:Sommerfest der gesamten Belegschaft\\, mit Familien",
    "  und Gästen",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:2@example",
    "DTSTART;VALUE=DATE:20261228",
    "DTEND;VALUE=DATE:20261231",
    "SUMMARY:Betriebs",
    "\tferien",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:3@example",
    "DTSTART;TZID=Europe/Berlin:20260302T100000",
    "DTEND;TZID=Europe/Berlin:20260302T110000",
    "SUMMARY:Meeting (not all day)",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:4@example",
    "DTSTART:20261102",
    "SUMMARY;LANGUAGE=de:Brückentag",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20261103",
    "STATUS:CANCELLED",
    "SUMMARY:Abgesagt",
    "END:VEVENT",
    "END:VCALENDAR",
  ];

  it("reads all-day events, unfolding continued lines, and expands multi-day ones", () => {
    expect(parseICalHolidays(feed.join("\r\n"))).toEqual([
      { date: "2026-07-17", name: "Sommerfest der gesamten Belegschaft, mit Familien und Gästen" },
      { date: "2026-12-28", name: "Betriebsferien" },
      { date: "2026-12-29", name: "Betriebsferien" },
      { date: "2026-12-30", name: "Betriebsferien" },
      { date: "2026-11-02", name: "Brückentag" },
    ]);
  });

  it("tolerates bare LF line ends and ignores junk", () => {
    const text = `garbage without colon\n${feed.join("\n")}\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260231\nEND:VEVENT\n`;
    expect(parseICalHolidays(text).map((h) => h.date)).toEqual(["2026-07-17", "2026-12-28", "2026-12-29", "2026-12-30", "2026-11-02"]);
    expect(parseICalHolidays("")).toEqual([]);
  });

  it("feeds a calendar whose due times skip the imported days", () => {
    const cal = defaultCalendar({ holidays: parseICalHolidays(feed.join("\r\n")) });
    // Thu 16 Jul 2026 09:00 CEST; Friday is the Sommerfest.
    expect(addBusinessTime(new Date("2026-07-16T07:00:00Z"), 10 * HOUR_MS, cal)?.toISOString()).toBe("2026-07-20T08:00:00.000Z");
  });
});
