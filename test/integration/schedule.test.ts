import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { germanNationwideHolidays, defaultCalendar } from "../../server/domain/sla/calendar";
import { businessTimeBetween, HOUR_MS } from "../../server/domain/sla/due";
import { parseICalHolidays } from "../../server/domain/sla/ical";
import { localDate } from "../../server/domain/sla/local-date";
import { holidays } from "../../server/db/schema";
import { calendarProvider } from "../../server/services/calendar/calendar";
import { listPastClosures } from "../../server/services/calendar/holidays";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { closureListSchema, closureSchema, holidayListSchema, scheduleSchema } from "../../shared/api/console-responses";

/** Public holidays the default calendar has from the local date of `now` for twelve months. */
function expectedPublicHolidays(now: Date): { date: string; name: string }[] {
  const today = localDate(now, "Europe/Berlin");
  const year = Number(today.slice(0, 4));
  const end = `${year + 1}${today.slice(4)}`;
  return [...germanNationwideHolidays(year), ...germanNationwideHolidays(year + 1)]
    .filter(([date]) => date >= today && date < end)
    .map(([date, name]) => ({ date, name }));
}

describe.each(drivers())("the published schedule and admin holidays on %s", (driver) => {
  let t: TestApp;
  const realNow = () => new Date();
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });
  beforeEach(() => { t.deps.now = realNow; });

  const at = (iso: string) => { t.deps.now = () => new Date(iso); };
  const schedule = async () => {
    const res = await t.app.request("/api/v1/schedule");
    expect(res.status).toBe(200);
    return answerOf(res, scheduleSchema);
  };
  const ics = async () => {
    const res = await t.app.request("/api/v1/schedule.ics");
    expect(res.status).toBe(200);
    return { res, text: await res.text() };
  };
  const register = async (email: string) => {
    const res = await postJson(t, "/api/v1/tickets", { email, description: "Checkout fails", edition: "cloud" });
    expect(res.status).toBe(201);
    return res.json() as Promise<{ responseDueAt: string; responseTargetAt: string; slaLevel: string }>;
  };

  test("the schedule shows the hours and the German nationwide holidays of the next twelve months, for anyone", async () => {
    at("2026-11-26T10:00:00Z");
    const res = await t.app.request("/api/v1/schedule");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const s = await answerOf(res, scheduleSchema);
    expect(s.timeZone).toBe("Europe/Berlin");
    expect(s.hours).toHaveLength(7);
    expect(s.hours[0]).toEqual({ day: "monday", intervals: [{ open: "09:00", close: "18:00" }] });
    expect(s.hours[4]).toEqual({ day: "friday", intervals: [{ open: "09:00", close: "18:00" }] });
    expect(s.hours.slice(5)).toEqual([{ day: "saturday", intervals: [] }, { day: "sunday", intervals: [] }]);
    expect(s.holidays).toEqual(expectedPublicHolidays(t.deps.now()));
    expect(s.holidays).toContainEqual({ date: "2026-12-25", name: "1. Weihnachtstag" });
    expect(s.holidays.every((h: { date: string }) => h.date >= "2026-11-26" && h.date < "2027-11-26")).toBe(true);
  });

  test("the window follows the server's clock, in the calendar's zone", async () => {
    expect((await schedule()).holidays).toEqual(expectedPublicHolidays(new Date()));
    // 23:30 UTC on 31 December is already New Year's Day in Berlin.
    at("2026-12-31T23:30:00Z");
    expect((await schedule()).holidays[0]).toEqual({ date: "2027-01-01", name: "Neujahr" });
  });

  test("an admin holiday appears in the schedule and the iCalendar feed", async () => {
    at("2026-11-26T10:00:00Z");
    const add = await postJson(t, "/api/v1/admin/holidays", { date: "2027-01-15", name: "Betriebsausflug, ganztägig" }, adminHeaders);
    expect(add.status).toBe(201);
    expect(await add.json()).toEqual({ date: "2027-01-15", name: "Betriebsausflug, ganztägig" });
    expect((await schedule()).holidays).toContainEqual({ date: "2027-01-15", name: "Betriebsausflug, ganztägig" });

    const { res, text } = await ics();
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("SUMMARY:Betriebsausflug\\, ganztägig\r\n");
    const read = parseICalHolidays(text);
    expect(read).toContainEqual({ date: "2027-01-15", name: "Betriebsausflug, ganztägig" });
    expect(read).toEqual((await schedule()).holidays);

    const again = await postJson(t, "/api/v1/admin/holidays", { date: "2027-01-15", name: "Betriebsausflug" }, adminHeaders);
    expect(again.status).toBe(200);
    expect((await schedule()).holidays).toContainEqual({ date: "2027-01-15", name: "Betriebsausflug" });
  });

  test("an admin holiday moves a due time by one business day", async () => {
    // Monday 23 November 2026, 09:00 in Berlin; non-commercial cloud: 32 business hours maximum.
    at("2026-11-23T08:00:00Z");
    const before = await register("due-1@example.org");
    expect(before.slaLevel).toBe("non-commercial-cloud");
    expect(new Date(before.responseDueAt).toISOString()).toBe("2026-11-26T13:00:00.000Z");

    expect((await postJson(t, "/api/v1/admin/holidays", { date: "2026-11-24", name: "Umzug" }, adminHeaders)).status).toBe(201);
    const after = await register("due-2@example.org");
    expect(new Date(after.responseDueAt).toISOString()).toBe("2026-11-27T13:00:00.000Z");
    expect(new Date(after.responseTargetAt).toISOString()).toBe("2026-11-25T15:00:00.000Z");
    expect(businessTimeBetween(new Date(before.responseDueAt), new Date(after.responseDueAt), defaultCalendar())).toBe(9 * HOUR_MS);

    const removed = await t.app.request("/api/v1/admin/holidays/2026-11-24", { method: "DELETE", headers: adminHeaders });
    expect(removed.status).toBe(200);
    expect(new Date((await register("due-3@example.org")).responseDueAt).toISOString()).toBe("2026-11-26T13:00:00.000Z");
  });

  test("a closure is published and stops the clock while it lasts", async () => {
    at("2026-12-07T08:00:00Z"); // Monday 09:00 in Berlin
    const before = await register("closure-1@example.org");
    const res = await postJson(t, "/api/v1/admin/closures", { startsAt: "2026-12-07T12:00:00+01:00", endsAt: "2026-12-07T15:00:00+01:00", name: "Team meeting" }, adminHeaders);
    expect(res.status).toBe(201);
    const closure = await answerOf(res, closureSchema);
    expect(closure).toMatchObject({ name: "Team meeting", startsAt: "2026-12-07T11:00:00.000Z", endsAt: "2026-12-07T14:00:00.000Z" });
    expect((await schedule()).closures).toEqual([{ name: "Team meeting", startsAt: "2026-12-07T11:00:00.000Z", endsAt: "2026-12-07T14:00:00.000Z" }]);
    expect((await ics()).text).toContain("DTSTART:20261207T110000Z\r\n");

    const after = await register("closure-2@example.org");
    expect(new Date(after.responseDueAt).getTime() - new Date(before.responseDueAt).getTime()).toBe(3 * HOUR_MS);

    const list = await answerOf(await t.app.request("/api/v1/admin/closures", { headers: adminHeaders }), closureListSchema);
    expect(list.closures.map((c: { id: number }) => c.id)).toEqual([closure.id]);
    expect((await t.app.request(`/api/v1/admin/closures/${closure.id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(200);
    expect((await schedule()).closures).toEqual([]);
    expect((await t.app.request(`/api/v1/admin/closures/${closure.id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(404);
  });

  test("the admin list names the calendar's zone and the latest closures that ended, latest first", async () => {
    at("2026-12-07T08:00:00Z");
    const add = async (name: string, startsAt: string, endsAt: string) => {
      const res = await postJson(t, "/api/v1/admin/closures", { name, startsAt, endsAt }, adminHeaders);
      expect(res.status).toBe(201);
      return (await res.json()) as { id: number };
    };
    const added = [
      await add("Inventory", "2026-12-08T09:00:00+01:00", "2026-12-08T13:00:00+01:00"),
      await add("Team day", "2026-12-09T09:00:00+01:00", "2026-12-09T18:00:00+01:00"),
      await add("Christmas", "2026-12-24T00:00:00+01:00", "2027-01-01T00:00:00+01:00"),
    ];
    at("2026-12-10T10:00:00Z");
    const list = await answerOf(await t.app.request("/api/v1/admin/closures", { headers: adminHeaders }), closureListSchema);
    expect(list.timeZone).toBe("Europe/Berlin");
    expect(list.closures).toEqual([{ id: added[2]!.id, name: "Christmas", startsAt: "2026-12-23T23:00:00.000Z", endsAt: "2026-12-31T23:00:00.000Z" }]);
    expect(list.past.map((c: { name: string }) => c.name)).toEqual(["Team day", "Inventory"]);
    expect((await listPastClosures(t.deps.db, t.deps.now(), 1)).map((c) => c.name)).toEqual(["Team day"]);
    for (const { id } of added) expect((await t.app.request(`/api/v1/admin/closures/${id}`, { method: "DELETE", headers: adminHeaders })).status).toBe(200);
  });

  test("bad closures are refused with the field named", async () => {
    const closure = (body: Record<string, unknown>) => postJson(t, "/api/v1/admin/closures", { name: "x", ...body }, adminHeaders);
    const backwards = await closure({ startsAt: "2026-12-07T15:00:00Z", endsAt: "2026-12-07T12:00:00Z" });
    expect(backwards.status).toBe(422);
    expect((await errorOf(backwards)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "endsAt" });
    const tooLong = await closure({ startsAt: "2026-12-01T00:00:00Z", endsAt: "2027-01-01T00:00:01Z" });
    expect((await errorOf(tooLong)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "endsAt" });
    const noZone = await closure({ startsAt: "2026-12-07T12:00:00", endsAt: "2026-12-07T15:00:00Z" });
    expect((await errorOf(noZone)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "startsAt" });
  });

  test("an iCalendar import adds, renames and skips holidays", async () => {
    at("2026-11-26T10:00:00Z");
    const feed = (events: string[]) =>
      ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", ...events, "END:VCALENDAR", ""].join("\r\n");
    const allDay = (date: string, name: string) => `BEGIN:VEVENT\r\nUID:${date}@test\r\nDTSTART;VALUE=DATE:${date}\r\nSUMMARY:${name}\r\nEND:VEVENT`;
    const importFeed = (body: string, type = "text/calendar") =>
      t.app.request("/api/v1/admin/holidays/import", { method: "POST", headers: { ...adminHeaders, "Content-Type": type }, body });

    const first = await importFeed(feed([
      allDay("20261231", "Silvester"),
      allDay("20261225", "Christmas Day"), // already a public holiday
      "BEGIN:VEVENT\r\nUID:meeting@test\r\nDTSTART:20261228T100000Z\r\nDTEND:20261228T110000Z\r\nSUMMARY:Meeting\r\nEND:VEVENT",
      `BEGIN:VEVENT\r\nUID:break@test\r\nDTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270106\r\nSUMMARY:Inventur\r\nEND:VEVENT`,
    ]));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ added: 3, updated: 0, skipped: 1 });
    const s = await schedule();
    expect(s.holidays).toEqual(expect.arrayContaining([
      { date: "2026-12-31", name: "Silvester" },
      { date: "2027-01-04", name: "Inventur" },
      { date: "2027-01-05", name: "Inventur" },
      { date: "2026-12-25", name: "1. Weihnachtstag" },
    ]));
    expect(s.holidays.map((h) => h.date)).not.toContain("2026-12-28");

    const second = await importFeed(feed([allDay("20261231", "Silvester (Betriebsruhe)"), allDay("20270104", "Inventur")]));
    expect(await second.json()).toEqual({ added: 0, updated: 1, skipped: 1 });

    const listed = await answerOf(await t.app.request("/api/v1/admin/holidays?from=2026-12-20&to=2027-01-10", { headers: adminHeaders }), holidayListSchema);
    expect(listed.holidays).toEqual([
      { date: "2026-12-25", name: "1. Weihnachtstag", source: "public" },
      { date: "2026-12-26", name: "2. Weihnachtstag", source: "public" },
      { date: "2026-12-31", name: "Silvester (Betriebsruhe)", source: "admin" },
      { date: "2027-01-01", name: "Neujahr", source: "public" },
      { date: "2027-01-04", name: "Inventur", source: "admin" },
      { date: "2027-01-05", name: "Inventur", source: "admin" },
    ]);

    expect((await importFeed(feed([]), "text/plain")).status).toBe(415);
    const notIcal = await importFeed("hello");
    expect(notIcal.status).toBe(422);
    expect((await errorOf(notIcal)).error.field).toBe("body");
    const huge = await importFeed(`BEGIN:VCALENDAR\r\nX-PAD:${"x".repeat(1024 * 1024)}\r\nEND:VCALENDAR\r\n`);
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("bad dates are refused with the field named; public holidays cannot be removed", async () => {
    for (const date of ["2026-02-30", "2026-13-01", "24.12.2026", ""]) {
      const res = await postJson(t, "/api/v1/admin/holidays", { date, name: "x" }, adminHeaders);
      expect(res.status).toBe(422);
      expect((await errorOf(res)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "date" });
    }
    const noName = await postJson(t, "/api/v1/admin/holidays", { date: "2027-02-01", name: " " }, adminHeaders);
    expect((await errorOf(noName)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
    const del = (date: string) => t.app.request(`/api/v1/admin/holidays/${date}`, { method: "DELETE", headers: adminHeaders });
    const badDelete = await del("2026-02-30");
    expect(badDelete.status).toBe(422);
    expect((await errorOf(badDelete)).error.field).toBe("date");
    const publicOne = await del("2026-12-25");
    expect(publicOne.status).toBe(409);
    expect((await errorOf(publicOne)).error.code).toBe("CONFLICT");
    expect((await del("2027-03-03")).status).toBe(404);
    const range = await t.app.request("/api/v1/admin/holidays?from=2027-01-10&to=2027-01-01", { headers: adminHeaders });
    expect((await errorOf(range)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "to" });
  });

  test("the admin calendar API needs the admin token; the schedule does not", async () => {
    const calls: [string, string, string?][] = [
      ["GET", "/api/v1/admin/holidays"],
      ["POST", "/api/v1/admin/holidays", JSON.stringify({ date: "2027-02-02", name: "x" })],
      ["DELETE", "/api/v1/admin/holidays/2026-12-31"],
      ["POST", "/api/v1/admin/holidays/import", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"],
      ["GET", "/api/v1/admin/closures"],
      ["POST", "/api/v1/admin/closures", JSON.stringify({ startsAt: "2027-02-02T10:00:00Z", endsAt: "2027-02-02T11:00:00Z", name: "x" })],
      ["DELETE", "/api/v1/admin/closures/1"],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.app.request(url, { method, body, headers: { "Content-Type": url.endsWith("import") ? "text/calendar" : "application/json" } });
      expect(res.status, `${method} ${url}`).toBe(401);
      expect((await errorOf(res)).error.code).toBe("UNAUTHENTICATED");
    }
    expect((await t.app.request("/api/v1/schedule")).status).toBe(200);
    expect((await t.app.request("/api/v1/schedule.ics")).status).toBe(200);
  });

  test("another process's change reaches this one when the cached calendar expires", async () => {
    const provider = calendarProvider(t.deps.db, 200);
    expect((await provider.get()).holidays.get("2027-06-01")).toBeUndefined();
    // Written straight to the database, as another server process sharing it would.
    await t.deps.db.insert(holidays).values({ date: "2027-06-01", name: "Elsewhere", createdBy: "test" });
    expect((await provider.get()).holidays.get("2027-06-01")).toBeUndefined();
    await new Promise((r) => setTimeout(r, 250));
    expect((await provider.get()).holidays.get("2027-06-01")).toBe("Elsewhere");
    await t.deps.db.delete(holidays).where(eq(holidays.date, "2027-06-01"));
    provider.invalidate();
    expect((await provider.get()).holidays.get("2027-06-01")).toBeUndefined();
  });
});
