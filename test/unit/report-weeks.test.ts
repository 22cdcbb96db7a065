import { describe, expect, test } from "vitest";
import { businessClock, clockAt } from "../../server/domain/reports/business-clock";
import { FIRST_RESPONSE_LIMITS_MS, average, hoursOf, percent } from "../../server/domain/reports/figures";
import { isoWeeks, periodOf } from "../../server/domain/reports/weeks";
import { businessTimeBetween, defaultCalendar } from "../../server/domain/sla";

/** The reports' time arithmetic, without a database: the service only passes these instants to SQL. */
describe("report weeks and clocks", () => {
  test("ISO weeks are local Mondays in the calendar's zone, across DST and the turn of the year", () => {
    expect(isoWeeks(new Date("2026-03-30T10:00:00Z"), "Europe/Berlin", 2)).toEqual([
      { week: "2026-W13", weekStart: "2026-03-23", startsAt: "2026-03-22T23:00:00.000Z", endsAt: "2026-03-29T22:00:00.000Z" },
      { week: "2026-W14", weekStart: "2026-03-30", startsAt: "2026-03-29T22:00:00.000Z", endsAt: "2026-04-05T22:00:00.000Z" },
    ]);
    // Sunday 23:30 UTC is already Monday in Berlin.
    expect(isoWeeks(new Date("2026-03-08T23:30:00Z"), "Europe/Berlin", 1)[0]!.week).toBe("2026-W11");
    expect(isoWeeks(new Date("2027-01-01T12:00:00Z"), "Europe/Berlin", 1)[0]).toMatchObject({ week: "2026-W53", weekStart: "2026-12-28" });
    expect(isoWeeks(new Date("2027-01-04T12:00:00Z"), "Europe/Berlin", 1)[0]).toMatchObject({ week: "2027-W01", weekStart: "2027-01-04" });
  });

  test("the cumulative business clock the first-response report uses agrees with businessTimeBetween", () => {
    // Across a weekend, the DST change of 2026-03-29, Good Friday and Easter Monday, and a closure.
    const cal = defaultCalendar({ closures: [{ from: new Date("2026-04-08T10:00:00Z"), to: new Date("2026-04-08T12:30:00Z"), name: "Team event" }] });
    const from = Date.parse("2026-03-16T00:00:00Z");
    const until = Date.parse("2026-04-20T00:00:00Z");
    const clock = businessClock(from, until, cal);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const a = from + Math.floor(rnd() * (until - from));
      const b = a + Math.floor(rnd() * (until - a));
      expect(clockAt(clock, b) - clockAt(clock, a), `${new Date(a).toISOString()} → ${new Date(b).toISOString()}`).toBe(businessTimeBetween(new Date(a), new Date(b), cal));
    }
    expect(clockAt(clock, from - 86_400_000)).toBe(0);
  });

  test("a period is the weeks end to end, each boundary once, ready for width_bucket", () => {
    const weeks = isoWeeks(new Date("2026-03-30T10:00:00Z"), "Europe/Berlin", 3);
    expect(periodOf(weeks)).toEqual({
      startsAt: "2026-03-15T23:00:00.000Z",
      endsAt: "2026-04-05T22:00:00.000Z",
      bounds: ["2026-03-15T23:00:00.000Z", "2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z", "2026-04-05T22:00:00.000Z"],
    });
  });

  test("shares and averages of nothing are null; figures keep one or two decimals", () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(3, 3)).toBe(100);
    expect(average(0, 0)).toBeNull();
    expect(average(14, 3)).toBe(4.67);
    expect(hoursOf(5_400_000)).toBe(1.5);
    expect(hoursOf(1_000)).toBe(0);
  });

  test("the first-response buckets' edges are their upper hours, the open last one has none", () => {
    expect(FIRST_RESPONSE_LIMITS_MS.map((ms) => ms / 3_600_000)).toEqual([1, 4, 8, 16, 24, 48]);
  });
});
