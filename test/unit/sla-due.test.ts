import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type BusinessCalendar, defaultCalendar } from "../../server/domain/sla/calendar";
import { addBusinessTime, addCalendarDays, businessTimeBetween, HOUR_MS, type Pause } from "../../server/domain/sla/due";
import { explainDue } from "../../server/domain/sla/explain";

const cal = defaultCalendar();
const d = (iso: string) => new Date(iso);
const pause = (from: string, to: string | null, reason?: string): Pause => ({ from: d(from), to: to === null ? null : d(to), reason });

function due(from: string, hours: number, pauses: Pause[] = [], c: BusinessCalendar = cal): string | null {
  return addBusinessTime(d(from), hours * HOUR_MS, c, pauses)?.toISOString() ?? null;
}

function berlin(iso: string): string {
  return DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toFormat("ccc yyyy-MM-dd HH:mm");
}

describe("addBusinessTime: receipt time", () => {
  // Monday 2 March 2026; Berlin is UTC+1 (CET).
  it("before opening starts the clock at 09:00", () => {
    expect(due("2026-03-02T06:30:00Z", 1)).toBe("2026-03-02T09:00:00.000Z");
  });

  it("exactly at opening counts from then", () => {
    expect(due("2026-03-02T08:00:00Z", 1)).toBe("2026-03-02T09:00:00.000Z");
  });

  it("exactly at closing starts the clock at the next opening", () => {
    expect(due("2026-03-02T17:00:00Z", 1)).toBe("2026-03-03T09:00:00.000Z");
  });

  it("after closing starts the clock at the next opening", () => {
    expect(due("2026-03-02T21:45:00Z", 1)).toBe("2026-03-03T09:00:00.000Z");
  });

  it("on a weekend starts the clock on Monday", () => {
    expect(berlin(due("2026-03-07T10:00:00Z", 0.5)!)).toBe("Mon 2026-03-09 09:30");
    expect(berlin(due("2026-03-08T23:59:00Z", 0.5)!)).toBe("Mon 2026-03-09 09:30");
  });

  it("just before closing carries the rest over", () => {
    expect(berlin(due("2026-03-06T16:59:00Z", 1)!)).toBe("Mon 2026-03-09 09:59");
  });
});

describe("addBusinessTime: a target reached exactly at closing", () => {
  it("is due at 18:00, not at the next opening", () => {
    expect(berlin(due("2026-03-06T08:00:00Z", 9)!)).toBe("Fri 2026-03-06 18:00");
    expect(berlin(due("2026-03-02T08:00:00Z", 18)!)).toBe("Tue 2026-03-03 18:00");
    expect(berlin(due("2026-03-05T17:00:00Z", 9)!)).toBe("Fri 2026-03-06 18:00");
  });

  it("is due at the end of a morning interval when the day has a break", () => {
    const split = { ...cal, weekly: splitWeek() };
    expect(berlin(due("2026-03-02T08:00:00Z", 3, [], split)!)).toBe("Mon 2026-03-02 12:00");
  });
});

describe("addBusinessTime: clock changes keep 09:00–18:00 local", () => {
  it("spring forward (Sun 29 Mar 2026)", () => {
    // Fri 27 Mar 17:00 CET: one hour on Friday, the rest on Monday in CEST.
    expect(due("2026-03-27T16:00:00Z", 2)).toBe("2026-03-30T08:00:00.000Z");
    expect(berlin("2026-03-30T08:00:00Z")).toBe("Mon 2026-03-30 10:00");
    expect(berlin(due("2026-03-27T08:00:00Z", 18)!)).toBe("Mon 2026-03-30 18:00");
  });

  it("fall back (Sun 25 Oct 2026)", () => {
    // Fri 23 Oct 18:00 CEST (closing): Monday 26 Oct is CET.
    expect(due("2026-10-23T16:00:00Z", 10)).toBe("2026-10-27T09:00:00.000Z");
    expect(berlin("2026-10-27T09:00:00Z")).toBe("Tue 2026-10-27 10:00");
    expect(berlin(due("2026-10-23T07:00:00Z", 18)!)).toBe("Mon 2026-10-26 18:00");
  });

  it("keeps local opening hours in another zone too (US change on 8 Mar 2026)", () => {
    const ny: BusinessCalendar = { timeZone: "America/New_York", weekly: weekdays([[540, 1020]]), holidays: new Map() };
    // Fri 6 Mar 16:00 EST; Monday opens 09:00 EDT = 13:00Z.
    expect(due("2026-03-06T21:00:00Z", 2, [], ny)).toBe("2026-03-09T14:00:00.000Z");
  });
});

describe("addBusinessTime: holidays", () => {
  it("skips Karfreitag and Ostermontag", () => {
    // Thu 2 Apr 09:00 CEST: 9 h Thursday, Friday and Monday closed, 7 h Tuesday.
    expect(berlin(due("2026-04-02T07:00:00Z", 16)!)).toBe("Tue 2026-04-07 16:00");
  });

  it("skips nothing extra when Tag der Deutschen Einheit is a Saturday", () => {
    expect(due("2026-10-02T14:00:00Z", 16)).toBe("2026-10-06T12:00:00.000Z");
  });

  it("skips Christmas Day but not Christmas Eve (a working day nationwide)", () => {
    expect(berlin(due("2026-12-24T08:00:00Z", 16)!)).toBe("Mon 2026-12-28 16:00");
  });

  it("counts state-only holidays as working days", () => {
    // Tue 6 Jan (Heilige Drei Könige), Thu 4 Jun 2026 (Fronleichnam), Fri 31 Oct 2025 (Reformationstag).
    expect(berlin(due("2026-01-05T08:00:00Z", 16)!)).toBe("Tue 2026-01-06 16:00");
    expect(berlin(due("2026-06-04T07:00:00Z", 9)!)).toBe("Thu 2026-06-04 18:00");
    expect(berlin(due("2025-10-31T08:00:00Z", 9)!)).toBe("Fri 2025-10-31 18:00");
  });

  it("starts the clock after a holiday when the ticket arrives on one", () => {
    expect(berlin(due("2026-04-03T10:00:00Z", 1)!)).toBe("Tue 2026-04-07 10:00");
  });

  it("skips a holiday an admin added, also one added after the calendar was used", () => {
    const c = defaultCalendar({ holidays: [{ date: "2026-03-03", name: "Betriebsausflug" }] });
    expect(berlin(due("2026-03-02T08:00:00Z", 16, [], c)!)).toBe("Wed 2026-03-04 16:00");
    c.holidays.set("2026-03-04", "Inventur");
    expect(berlin(due("2026-03-02T08:00:00Z", 16, [], c)!)).toBe("Thu 2026-03-05 16:00");
  });

  it("works for any year", () => {
    // Karfreitag 2040 is 30 March, Ostermontag 2 April.
    expect(berlin(due("2040-03-29T07:00:00Z", 10)!)).toBe("Tue 2040-04-03 10:00");
  });
});

describe("addBusinessTime: closures", () => {
  it("does not count a closure inside opening hours", () => {
    const c = defaultCalendar({
      closures: [{ from: d("2026-03-02T13:00:00Z"), to: d("2026-03-02T15:00:00Z"), name: "Betriebsversammlung" }],
    });
    expect(berlin(due("2026-03-02T08:00:00Z", 16, [], c)!)).toBe("Tue 2026-03-03 18:00");
  });

  it("starts the clock when a closure that spans the receipt ends", () => {
    const c = defaultCalendar({
      closures: [{ from: d("2026-03-02T00:00:00Z"), to: d("2026-03-04T11:00:00Z"), name: "Umzug" }],
    });
    expect(berlin(due("2026-03-02T10:00:00Z", 1, [], c)!)).toBe("Wed 2026-03-04 13:00");
  });
});

describe("addBusinessTime: pauses", () => {
  it("stops the clock over several days", () => {
    // Mon 09:00–13:00 CET counts 4 h; paused until Thu 11:00; Thu 7 h; Fri 5 h.
    const p = [pause("2026-03-02T12:00:00Z", "2026-03-05T10:00:00Z")];
    expect(berlin(due("2026-03-02T08:00:00Z", 16, p)!)).toBe("Fri 2026-03-06 14:00");
  });

  it("counts overlapping pauses once", () => {
    const p = [pause("2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z"), pause("2026-03-02T10:00:00Z", "2026-03-02T12:00:00Z")];
    expect(due("2026-03-02T08:00:00Z", 4, p)).toBe(due("2026-03-02T08:00:00Z", 4, [pause("2026-03-02T09:00:00Z", "2026-03-02T12:00:00Z")]));
    expect(berlin(due("2026-03-02T08:00:00Z", 4, p)!)).toBe("Mon 2026-03-02 16:00");
  });

  it("ignores pauses before the receipt or after the due time, and outside opening hours", () => {
    const p = [
      pause("2026-02-27T10:00:00Z", "2026-03-02T07:00:00Z"),
      pause("2026-03-02T18:00:00Z", "2026-03-03T07:00:00Z"),
      pause("2026-03-05T10:00:00Z", "2026-03-06T10:00:00Z"),
    ];
    expect(due("2026-03-02T08:00:00Z", 16, p)).toBe("2026-03-03T15:00:00.000Z");
  });

  it("returns null while an open-ended pause stops the clock before the target", () => {
    expect(due("2026-03-02T08:00:00Z", 16, [pause("2026-03-03T10:00:00Z", null)])).toBeNull();
    expect(due("2026-03-02T08:00:00Z", 16, [pause("2026-03-01T10:00:00Z", null)])).toBeNull();
    // A pause that begins outside opening hours stops the clock from the next opening.
    expect(due("2026-03-02T08:00:00Z", 16, [pause("2026-03-02T20:00:00Z", null)])).toBeNull();
  });

  it("keeps the due time when an open-ended pause begins after it", () => {
    expect(due("2026-03-02T08:00:00Z", 16, [pause("2026-03-03T15:00:00Z", null)])).toBe("2026-03-03T15:00:00.000Z");
  });
});

describe("addBusinessTime: two intervals a day (09–12, 13–18)", () => {
  const split = { ...cal, weekly: splitWeek() };

  it("skips the lunch break", () => {
    expect(berlin(due("2026-03-02T09:00:00Z", 3, [], split)!)).toBe("Mon 2026-03-02 14:00");
  });

  it("starts the clock after the break when the ticket arrives in it", () => {
    expect(berlin(due("2026-03-02T11:30:00Z", 1, [], split)!)).toBe("Mon 2026-03-02 14:00");
  });

  it("counts 8 h a day", () => {
    expect(berlin(due("2026-03-02T08:00:00Z", 16, [], split)!)).toBe("Tue 2026-03-03 18:00");
  });
});

describe("addBusinessTime: input checks", () => {
  it("zero hours are the receipt inside opening hours, the next opening outside them (the clock starts there)", () => {
    expect(due("2026-03-02T10:00:00Z", 0)).toBe("2026-03-02T10:00:00.000Z"); // Monday 11:00, open
    expect(due("2026-03-07T10:00:00Z", 0)).toBe("2026-03-09T08:00:00.000Z"); // Saturday → Monday 09:00
    expect(due("2026-03-02T06:00:00Z", 0)).toBe("2026-03-02T08:00:00.000Z"); // Monday 07:00 → 09:00
    expect(due("2026-03-02T17:00:00Z", 0)).toBe("2026-03-03T08:00:00.000Z"); // Monday 18:00, closing → Tuesday 09:00
    expect(due("2026-04-03T10:00:00Z", 0)).toBe("2026-04-07T07:00:00.000Z"); // Good Friday → Tuesday after Easter, CEST
    expect(explainDue(new Date("2026-03-07T10:00:00Z"), 0, cal).due?.toISOString()).toBe("2026-03-09T08:00:00.000Z");
  });

  it("rejects a negative duration and an invalid date", () => {
    expect(() => due("2026-03-02T08:00:00Z", -1)).toThrow(RangeError);
    expect(() => addBusinessTime(new Date("nope"), HOUR_MS, cal)).toThrow(/from is not a valid date/);
  });

  it("rejects a calendar that is never open instead of looping", () => {
    const never: BusinessCalendar = { timeZone: "Europe/Berlin", weekly: weekdays([]), holidays: new Map() };
    expect(() => due("2026-03-02T08:00:00Z", 1, [], never)).toThrow(/no opening hours/);
  });
});

describe("addBusinessTime agrees with a plain luxon reference", () => {
  // The reference walks local days with luxon; slow and obvious, so an independent check of the
  // cached, Intl-based walk, across DST changes and holidays of several years.
  function reference(from: Date, ms: number): number {
    let day = DateTime.fromJSDate(from, { zone: "Europe/Berlin" }).startOf("day");
    let remaining = ms;
    for (;;) {
      if (day.weekday <= 5 && !cal.holidays.has(day.toISODate()!)) {
        const open = day.set({ hour: 9 }).toMillis();
        const close = day.set({ hour: 18 }).toMillis();
        const s = Math.max(open, from.getTime());
        if (s < close) {
          if (remaining <= close - s) return s + remaining;
          remaining -= close - s;
        }
      }
      day = day.plus({ days: 1 });
    }
  }

  it("for random receipts and durations, 2024–2031", () => {
    const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }).map((t) => new Date(t));
    const duration = fc.integer({ min: 1, max: 200 * 60 }).map((m) => m * 60_000);
    fc.assert(
      fc.property(instant, duration, (from, ms) => {
        const got = addBusinessTime(from, ms, cal)!.getTime();
        expect(got).toBe(reference(from, ms));
        const local = DateTime.fromMillis(got, { zone: "Europe/Berlin" });
        const msOfDay = local.toMillis() - local.startOf("day").toMillis();
        expect(msOfDay > 9 * HOUR_MS && msOfDay <= 18 * HOUR_MS).toBe(true);
        expect(businessTimeBetween(from, new Date(got), cal)).toBe(ms);
      }),
      { numRuns: 400 },
    );
  });
});

describe("addCalendarDays", () => {
  it("keeps the local wall-clock time across spring forward", () => {
    expect(addCalendarDays(d("2026-03-19T10:00:00Z"), 14, "Europe/Berlin").toISOString()).toBe("2026-04-02T09:00:00.000Z");
  });

  it("keeps the local wall-clock time across fall back", () => {
    expect(addCalendarDays(d("2026-10-20T10:00:00Z"), 14, "Europe/Berlin").toISOString()).toBe("2026-11-03T11:00:00.000Z");
  });

  it("ignores business hours, weekends and holidays", () => {
    expect(addCalendarDays(d("2026-03-28T22:30:00Z"), 14, "Europe/Berlin").toISOString()).toBe("2026-04-11T21:30:00.000Z");
  });

  it("moves a wall-clock time the spring-forward gap swallows forward by the gap", () => {
    // 02:30 on 29 Mar 2026 does not exist in Berlin; it becomes 03:30 CEST.
    expect(addCalendarDays(d("2026-03-28T01:30:00Z"), 1, "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("adds paused time and has no due time while an open pause lasts", () => {
    const from = d("2026-03-19T10:00:00Z");
    expect(addCalendarDays(from, 14, "Europe/Berlin", [pause("2026-03-20T10:00:00Z", "2026-03-20T12:00:00Z")])?.toISOString()).toBe(
      "2026-04-02T11:00:00.000Z",
    );
    expect(addCalendarDays(from, 14, "Europe/Berlin", [pause("2026-03-20T10:00:00Z", null)])).toBeNull();
    expect(addCalendarDays(from, 14, "Europe/Berlin", [pause("2026-04-03T10:00:00Z", null)])?.toISOString()).toBe(
      "2026-04-02T09:00:00.000Z",
    );
  });
});

describe("explainDue", () => {
  it("explains a weekend receipt, holidays and the due time", () => {
    const { due, trace } = explainDue(d("2026-03-28T09:00:00Z"), 16 * HOUR_MS, cal);
    expect(due?.toISOString()).toBe("2026-03-31T14:00:00.000Z");
    expect(trace).toEqual([
      "Received Sat 28 Mar 10:00 (closed: weekend) → clock starts Mon 30 Mar 09:00",
      "Clock change in Europe/Berlin (UTC+01:00 → UTC+02:00): opening hours stay in local time",
      "Due Tue 31 Mar 14:00 UTC (16:00 Europe/Berlin)",
    ]);
  });

  it("names skipped holidays and pauses with their business time", () => {
    const { trace } = explainDue(d("2026-04-02T07:00:00Z"), 16 * HOUR_MS, cal, [
      pause("2026-04-02T12:00:00Z", "2026-04-02T14:00:00Z", "pending-client"),
    ]);
    expect(trace).toEqual([
      "Received Thu 02 Apr 09:00 (open) → clock starts at once",
      "Holiday: Karfreitag 03 Apr skipped",
      "Holiday: Ostermontag 06 Apr skipped",
      "Paused 2h by pending-client (Thu 02 Apr 14:00 → Thu 02 Apr 16:00)",
      "Due Tue 07 Apr 16:00 UTC (18:00 Europe/Berlin)",
    ]);
  });

  it("says why the clock did not start at once", () => {
    expect(explainDue(d("2026-04-03T10:00:00Z"), HOUR_MS, cal).trace[0]).toBe(
      "Received Fri 03 Apr 12:00 (closed: holiday Karfreitag) → clock starts Tue 07 Apr 09:00",
    );
    expect(explainDue(d("2026-03-02T06:00:00Z"), HOUR_MS, cal).trace[0]).toMatch(/\(closed: before opening\) → clock starts Mon 02 Mar 09:00$/);
    expect(explainDue(d("2026-03-02T17:00:00Z"), HOUR_MS, cal).trace[0]).toMatch(/\(closed: after closing\)/);
  });

  it("reports an open pause as no due time", () => {
    const { due, trace } = explainDue(d("2026-03-02T08:00:00Z"), 16 * HOUR_MS, cal, [pause("2026-03-02T10:00:00Z", null, "pending-client")]);
    expect(due).toBeNull();
    expect(trace.slice(1)).toEqual([
      "Paused indefinitely by pending-client since Mon 02 Mar 11:00: no due time while it lasts",
      "Due: none while the clock is paused",
    ]);
  });

  it("explains calendar days and agrees with addBusinessTime", () => {
    const { due, trace } = explainDue(d("2026-03-19T10:00:00Z"), { calendarDays: 14 }, cal);
    expect(due?.toISOString()).toBe("2026-04-02T09:00:00.000Z");
    expect(trace.at(-1)).toBe("Due Thu 02 Apr 09:00 UTC (11:00 Europe/Berlin)");
    const from = d("2026-03-05T17:00:00Z");
    expect(explainDue(from, 16 * HOUR_MS, cal).due).toEqual(addBusinessTime(from, 16 * HOUR_MS, cal));
  });
});

function weekdays(intervals: Array<readonly [number, number]>): BusinessCalendar["weekly"] {
  return [[], intervals, intervals, intervals, intervals, intervals, []];
}

function splitWeek(): BusinessCalendar["weekly"] {
  return weekdays([
    [9 * 60, 12 * 60],
    [13 * 60, 18 * 60],
  ]);
}
