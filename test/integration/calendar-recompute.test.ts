import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { ticketEvents, tickets } from "../../server/db/schema";
import { watchSla } from "../../server/jobs/sla-watch";
import { closureSchema } from "../../shared/api/console-responses";
import { slaExplanationSchema, ticketEventsSchema } from "../../shared/api/ticket-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { adminHeaders, clockedApp, postJson, type TestApp } from "../support/test-app";

/**
 * A change of the business calendar moves the due times of the tickets whose clock still runs
 * (services/calendar/calendar-change.ts). Non-commercial cloud: 16 business hours target, 32 maximum.
 */

/** Monday 21 December 2026, 09:00 in Berlin (CET, UTC+1). */
const MONDAY_0900 = "2026-12-21T08:00:00.000Z";
/** 32 business hours from Monday 09:00: Thursday 24 December 14:00 local. */
const THURSDAY_DUE = "2026-12-24T13:00:00.000Z";
/** With 24 December closed (25 and 26 are public holidays, then the weekend): Monday 28 December 14:00 local. */
const MONDAY_DUE = "2026-12-28T13:00:00.000Z";
/** 16 business hours from Monday 09:00: Tuesday 22 December 16:00 local; no change of these tests reaches it. */
const TUESDAY_TARGET = "2026-12-22T15:00:00.000Z";

describe.each(drivers())("a calendar change moves the due times of running clocks on %s", (driver) => {
  const clock = clockedApp(driver, MONDAY_0900);
  const at = clock.at;
  let t: TestApp;
  beforeAll(() => { t = clock.t; });
  beforeEach(() => at(MONDAY_0900));

  const register = async (email: string) => {
    const res = await postJson(t, "/api/v1/tickets", { email, description: "Checkout fails", edition: "cloud" });
    expect(res.status).toBe(201);
    const r = await answerOf(res, ticketCreatedSchema);
    expect(r).toMatchObject({ slaLevel: "non-commercial-cloud", responseTargetAt: TUESDAY_TARGET, responseDueAt: THURSDAY_DUE });
    return r.tid;
  };
  /** The answer after checking its status; typed by `schema` where the test reads its fields. */
  const ok = async <S extends z.ZodType>(res: Response | Promise<Response>, status = 200, schema?: S) => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(status);
    return answerOf(r, schema);
  };
  const admin = (method: string, path: string) => t.app.request(`/api/v1${path}`, { method, headers: adminHeaders });
  const row = async (tid: string) => (await t.deps.db.select().from(tickets).where(eq(tickets.tid, tid)))[0]!;
  const recomputed = async (tid: string) => {
    const { id } = await row(tid);
    const events = await t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(ticketEvents.id);
    return events.filter((e) => e.type === "sla-recomputed");
  };
  /** What a fresh computation from the ticket's clock start, with its pauses, says (the SLA trace). */
  const freshDue = async (tid: string) => (await ok(admin("GET", `/tickets/${tid}/sla`), 200, slaExplanationSchema)).dueAt;
  const status = (tid: string, s: string) => ok(postJson(t, `/api/v1/tickets/${tid}/status`, { status: s }, adminHeaders));

  test("a holiday moves a running clock to the next business time, with an event; an answered ticket stays; removing it moves it back", async () => {
    const running = await register("running@example.org");
    const answered = await register("answered@example.org");
    const paused = await register("paused@example.org");
    const resumed = await register("resumed@example.org");
    at("2026-12-21T09:00:00.000Z"); // Mon 10:00 local
    await ok(postJson(t, `/api/v1/tickets/${answered}/messages`, { body: "We are on it." }, adminHeaders), 201);
    await status(paused, "pending-client");
    await status(resumed, "pending-client");
    at("2026-12-21T11:00:00.000Z"); // Mon 12:00 local: two business hours paused
    await status(resumed, "open");
    expect((await row(resumed)).responseDueAt!.toISOString()).toBe("2026-12-24T15:00:00.000Z");

    at("2026-12-21T12:00:00.000Z");
    const added = await ok(postJson(t, "/api/v1/admin/holidays", { date: "2026-12-24", name: "Heiligabend" }, adminHeaders), 201);
    expect(added).toEqual({ date: "2026-12-24", name: "Heiligabend" });

    expect(await row(running)).toMatchObject({ responseDueAt: new Date(MONDAY_DUE), responseTargetAt: new Date(TUESDAY_TARGET) });
    expect(await freshDue(running)).toBe(MONDAY_DUE);
    // The pause still counts: two hours later than the unpaused ticket.
    expect((await row(resumed)).responseDueAt!.toISOString()).toBe("2026-12-28T15:00:00.000Z");
    expect(await freshDue(resumed)).toBe("2026-12-28T15:00:00.000Z");
    const [event, ...more] = await recomputed(running);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actor: "admin",
      data: {
        cause: "holiday-added", date: "2026-12-24", name: "Heiligabend",
        previousTargetAt: TUESDAY_TARGET, previousDueAt: THURSDAY_DUE,
        responseTargetAt: TUESDAY_TARGET, responseDueAt: MONDAY_DUE, withdrawn: [],
      },
    });
    // The console's history shows it.
    const history = (await ok(admin("GET", `/tickets/${running}/events`), 200, ticketEventsSchema)).items;
    expect(history.at(-1)).toMatchObject({ type: "sla-recomputed", data: { cause: "holiday-added", responseDueAt: MONDAY_DUE } });

    // Answered: the clock stopped at the first response, its times are what it was measured against.
    expect((await row(answered)).responseDueAt!.toISOString()).toBe(THURSDAY_DUE);
    expect(await recomputed(answered)).toEqual([]);
    // Paused: no due time while it waits; resuming counts with the calendar in force then.
    expect((await row(paused)).responseDueAt).toBeNull();
    expect(await recomputed(paused)).toEqual([]);

    await ok(admin("DELETE", "/admin/holidays/2026-12-24"));
    expect((await row(running)).responseDueAt!.toISOString()).toBe(THURSDAY_DUE);
    expect((await recomputed(running)).at(-1)!.data).toMatchObject({
      cause: "holiday-removed", date: "2026-12-24", name: "Heiligabend", previousDueAt: MONDAY_DUE, responseDueAt: THURSDAY_DUE,
    });
    expect((await row(resumed)).responseDueAt!.toISOString()).toBe("2026-12-24T15:00:00.000Z");
    expect(await recomputed(answered)).toEqual([]);
  });

  test("renaming a holiday moves nothing and writes no event", async () => {
    const tid = await register("rename@example.org");
    await ok(postJson(t, "/api/v1/admin/holidays", { date: "2027-01-04", name: "Inventur" }, adminHeaders), 201);
    const before = (await recomputed(tid)).length;
    await ok(postJson(t, "/api/v1/admin/holidays", { date: "2027-01-04", name: "Inventur (ganztägig)" }, adminHeaders), 200);
    expect(await recomputed(tid)).toHaveLength(before);
    expect((await row(tid)).responseDueAt!.toISOString()).toBe(THURSDAY_DUE);
    await ok(admin("DELETE", "/admin/holidays/2027-01-04"));
  });

  test("a closure and an iCalendar import move running clocks too", async () => {
    const tid = await register("closure@example.org");
    const closure = await ok(postJson(t, "/api/v1/admin/closures", {
      startsAt: "2026-12-23T09:00:00+01:00", endsAt: "2026-12-23T18:00:00+01:00", name: "Umzug",
    }, adminHeaders), 201, closureSchema);
    expect((await row(tid)).responseDueAt!.toISOString()).toBe(MONDAY_DUE);

    expect((await recomputed(tid)).at(-1)!.data).toMatchObject({
      cause: "closure-added", name: "Umzug", startsAt: "2026-12-23T08:00:00.000Z", endsAt: "2026-12-23T17:00:00.000Z", responseDueAt: MONDAY_DUE,
    });
    await ok(admin("DELETE", `/admin/closures/${closure.id}`));
    expect((await row(tid)).responseDueAt!.toISOString()).toBe(THURSDAY_DUE);
    expect((await recomputed(tid)).at(-1)!.data).toMatchObject({ cause: "closure-removed", responseDueAt: THURSDAY_DUE });

    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nSUMMARY:Heiligabend\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const imported = await ok(t.app.request("/api/v1/admin/holidays/import", { method: "POST", headers: { ...adminHeaders, "Content-Type": "text/calendar" }, body: ics }));
    expect(imported).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect((await row(tid)).responseDueAt!.toISOString()).toBe(MONDAY_DUE);
    expect((await recomputed(tid)).at(-1)!.data).toMatchObject({ cause: "holidays-imported", added: 1, updated: 0, responseDueAt: MONDAY_DUE });
    await ok(admin("DELETE", "/admin/holidays/2026-12-24"));
    expect((await row(tid)).responseDueAt!.toISOString()).toBe(THURSDAY_DUE);
  });

  test("a breach the new due time no longer bears out is withdrawn and the watch re-armed; a passed warning stays", async () => {
    const tid = await register("withdrawn@example.org");
    at("2026-12-24T14:00:00.000Z"); // Thu 15:00 local: target and maximum both passed
    await watchSla(t.deps, "warning");
    await watchSla(t.deps, "breach");
    expect(await row(tid)).toMatchObject({ breached: true, breachedAt: clock.now(), targetWarnedAt: clock.now() });

    // Closed today after all: counted without it, the maximum lies ahead (Monday).
    await ok(postJson(t, "/api/v1/admin/holidays", { date: "2026-12-24", name: "Heiligabend" }, adminHeaders), 201);
    expect(await row(tid)).toMatchObject({ responseDueAt: new Date(MONDAY_DUE), breached: false, breachedAt: null, targetWarnedAt: clock.now() });
    expect((await recomputed(tid)).at(-1)!.data).toMatchObject({ previousDueAt: THURSDAY_DUE, responseDueAt: MONDAY_DUE, withdrawn: ["breach"] });
    const { id } = await row(tid);
    const alerts = async () => (await t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)))
      .filter((e) => e.type === "sla-breach" || e.type === "sla-warning").map((e) => e.type).sort();
    // The breach that was reported stays in the history.
    expect(await alerts()).toEqual(["sla-breach", "sla-warning"]);

    // Unanswered past the new maximum, the watch reports it again; the warning is not repeated.
    at("2026-12-28T13:00:00.000Z");
    await watchSla(t.deps, "warning");
    await watchSla(t.deps, "breach");
    expect(await alerts()).toEqual(["sla-breach", "sla-breach", "sla-warning"]);
    expect(await row(tid)).toMatchObject({ breached: true, breachedAt: clock.now() });
    await ok(admin("DELETE", "/admin/holidays/2026-12-24"));
  });

  test("a breach whose new due time has passed as well stays on record and is not reported twice", async () => {
    const tid = await register("still-late@example.org");
    at("2026-12-29T09:00:00.000Z"); // Tue 29 Dec 10:00 local
    await watchSla(t.deps, "breach");
    const breachedAt = clock.now();
    expect(await row(tid)).toMatchObject({ breached: true, breachedAt });

    at("2026-12-29T10:00:00.000Z");
    await ok(postJson(t, "/api/v1/admin/holidays", { date: "2026-12-23", name: "Umzug" }, adminHeaders), 201);
    // Wednesday closed: due Monday 28 December 14:00 local, still before now.
    expect(await row(tid)).toMatchObject({ responseDueAt: new Date(MONDAY_DUE), breached: true, breachedAt });
    expect((await recomputed(tid)).at(-1)!.data).toMatchObject({ responseDueAt: MONDAY_DUE, withdrawn: [] });
    expect(await watchSla(t.deps, "breach")).toBe(0);
    await ok(admin("DELETE", "/admin/holidays/2026-12-23"));
  });
});
