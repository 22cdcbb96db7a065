import { describe, expect, it } from "vitest";
import { runSla } from "../../server/cli/sla";
import type { BusinessCalendar } from "../../server/domain/sla/calendar";

async function sla(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSla(args, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

describe("sla due: the sample cases of CONTRACT §5", () => {
  it.each([
    [["--from", "2026-03-02T09:00:00Z", "--business-hours", "16"], "2026-03-03T16:00:00Z"],
    [["--from", "2026-03-05T17:00:00Z", "--business-hours", "16"], "2026-03-09T15:00:00Z"],
    [["--from", "2026-03-27T14:00:00Z", "--business-hours", "16"], "2026-03-31T11:00:00Z"],
    [["--from", "2026-10-02T14:00:00Z", "--business-hours", "16"], "2026-10-06T12:00:00Z"],
    [
      ["--from", "2026-03-02T08:00:00Z", "--business-hours", "16", "--pause", "2026-03-02T11:00:00Z/2026-03-03T09:00:00Z"],
      "2026-03-04T13:00:00Z",
    ],
    [["--from", "2026-03-19T10:00:00Z", "--calendar-days", "14"], "2026-04-02T09:00:00Z"],
  ])("%j prints %s", async (args, expected) => {
    const r = await sla("due", ...args);
    expect(r).toEqual({ code: 0, out: [expected], err: [] });
  });
});

describe("sla due: argument forms", () => {
  it("accepts --name=value, an offset instead of Z, and repeated pauses", async () => {
    const r = await sla(
      "due",
      "--from=2026-03-02T09:00:00+01:00",
      "--business-hours=16",
      "--pause=2026-03-02T11:00:00Z/2026-03-02T12:00:00Z",
      "--pause",
      "2026-03-02T14:00:00Z/2026-03-02T15:00:00Z",
    );
    // 09:00 CET + 16 h + 2 h paused = two full days, due at Tuesday's closing.
    expect(r).toEqual({ code: 0, out: ["2026-03-03T17:00:00Z"], err: [] });
  });

  it("keeps milliseconds when there are any", async () => {
    const r = await sla("due", "--from", "2026-03-02T09:00:00.250Z", "--business-hours", "1");
    expect(r.out).toEqual(["2026-03-02T10:00:00.250Z"]);
  });

  it("takes fractional business hours", async () => {
    const r = await sla("due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "0.5");
    expect(r.out).toEqual(["2026-03-02T09:30:00Z"]);
  });

  it("tolerates the group name in front", async () => {
    const r = await sla("sla", "due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "16");
    expect(r.out).toEqual(["2026-03-03T16:00:00Z"]);
  });

  it("uses the calendar it is given", async () => {
    const around: BusinessCalendar = {
      timeZone: "UTC",
      weekly: Array.from({ length: 7 }, () => [[0, 1440] as const]),
      holidays: new Map(),
    };
    const out: string[] = [];
    const code = await runSla(["due", "--from", "2026-03-07T10:00:00Z", "--business-hours", "24"], (l) => out.push(l), () => {}, around);
    expect({ code, out }).toEqual({ code: 0, out: ["2026-03-08T10:00:00Z"] });
  });

  it("prints usage for --help", async () => {
    const r = await sla("--help");
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^usage: sla due --from/);
  });
});

describe("sla due: bad arguments exit 2 with one line on stderr", () => {
  it.each([
    [[], /usage/],
    [["nope"], /unknown sla command "nope"/],
    [["due", "--business-hours", "16"], /--from is required/],
    [["due", "--from", "2026-03-02T09:00:00Z"], /exactly one of --business-hours and --calendar-days/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "1", "--calendar-days", "1"], /exactly one of/],
    [["due", "--from", "2026-03-02T09:00:00", "--business-hours", "16"], /ISO 8601 instant with a zone/],
    [["due", "--from", "2026-02-30T09:00:00Z", "--business-hours", "16"], /ISO 8601 instant/],
    [["due", "--from", "yesterday", "--business-hours", "16"], /ISO 8601 instant/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "-3"], /--business-hours must be a number/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "16h"], /--business-hours must be a number/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--calendar-days", "1.5"], /--calendar-days must be a whole number/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--business-hours"], /--business-hours needs a value/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "1", "--verbose"], /unknown argument "--verbose"/],
    [["due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "1", "--pause", "2026-03-02T11:00:00Z"], /--pause must be FROM\/TO/],
    [
      ["due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "1", "--pause", "2026-03-03T11:00:00Z/2026-03-02T11:00:00Z"],
      /ends before it starts/,
    ],
    [["due", "--from", "2026-03-02T09:00:00Z", "--from", "2026-03-02T10:00:00Z", "--business-hours", "1"], /only once/],
  ])("%j", async (args, message) => {
    const r = await sla(...args);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});

describe("sla due: an open-ended pause", () => {
  it("exits 1 without a due time when it stops the clock first", async () => {
    const r = await sla("due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "16", "--pause", "2026-03-02T11:00:00Z/");
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([expect.stringMatching(/no due time/)]);
  });

  it("does not matter when it starts after the due time", async () => {
    const r = await sla("due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "16", "--pause", "2026-03-04T11:00:00Z/");
    expect(r).toEqual({ code: 0, out: ["2026-03-03T16:00:00Z"], err: [] });
  });
});
