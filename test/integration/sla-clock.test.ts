import { beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { outbox, ticketEvents, tickets } from "../../server/db/schema";
import { watchSla } from "../../server/jobs/sla-watch";
import { drivers } from "../support/databases";
import { adminHeaders, clockedAppFrom, postJson, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { levelChangedSchema, statusChangedSchema } from "../../shared/api/ticket-responses";

/** Monday 2 March 2026, 09:00 in Berlin (CET, UTC+1). */
const MONDAY_0900 = "2026-03-02T08:00:00.000Z";

describe.each(drivers())("the SLA clock through the API on %s", (driver) => {
  let t: TestApp;
  const clock = clockedAppFrom(driver, MONDAY_0900);
  const at = clock.at;
  beforeAll(() => { t = clock.t; });

  const register = async (body: Record<string, unknown> = {}) => {
    const res = await postJson(t, "/api/v1/tickets", { email: "clock@example.org", description: "Clock test", edition: "cloud", ...body });
    expect(res.status).toBe(201);
    return answerOf(res, ticketCreatedSchema);
  };
  const status = async (tid: string, s: string, reason?: string) => {
    const res = await postJson(t, `/api/v1/tickets/${tid}/status`, { status: s, reason }, adminHeaders);
    expect(res.status).toBe(200);
    return answerOf(res, statusChangedSchema);
  };
  const level = async (tid: string, body: Record<string, unknown>) => {
    const res = await postJson(t, `/api/v1/tickets/${tid}/level`, body, adminHeaders);
    expect(res.status).toBe(200);
    return answerOf(res, levelChangedSchema);
  };
  const events = async (tid: string) => {
    const [row] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    return t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, row!.id)).orderBy(ticketEvents.id);
  };

  test("a non-commercial cloud ticket received Monday 09:00 is due after 16 and 32 business hours", async () => {
    const r = await register();
    expect(r.slaLevel).toBe("non-commercial-cloud");
    expect(r.responseTargetAt).toBe("2026-03-03T15:00:00.000Z"); // Tue 16:00 local
    expect(r.responseDueAt).toBe("2026-03-05T13:00:00.000Z"); // Thu 14:00 local
  });

  test("pausing and resuming moves the due time by exactly the business time spent paused", async () => {
    const { tid } = await register();
    at("2026-03-02T10:00:00.000Z"); // Mon 11:00 local
    const paused = await status(tid, "pending-client", "Which PHP version?");
    expect(paused.responseTargetAt).toBeNull(); // the clock stands still
    at("2026-03-03T09:00:00.000Z"); // Tue 10:00 local: 7 h on Monday + 1 h on Tuesday paused
    const resumed = await status(tid, "open");
    expect(resumed.responseTargetAt).toBe("2026-03-04T14:00:00.000Z"); // Tue 16:00 + 8 business hours = Wed 15:00 local
    expect(resumed.responseDueAt).toBe("2026-03-06T12:00:00.000Z"); // Thu 14:00 + 8 h = Fri 13:00 local
    const types = (await events(tid)).map((e) => [e.type, e.actor, (e.data as { to?: string }).to]);
    expect(types).toEqual([["created", "requester:clock@example.org", undefined], ["status-changed", "admin", "pending-client"], ["status-changed", "admin", "open"]]);
  });

  test("a pause over a weekend costs only the business hours inside it", async () => {
    const { tid } = await register();
    at("2026-03-02T16:00:00.000Z"); // Mon 17:00 local
    await status(tid, "pending-client");
    at("2026-03-09T09:00:00.000Z"); // next Mon 10:00 local
    const resumed = await status(tid, "open");
    // Before the pause 8 of the 16 hours were used (Mon 09–17); the other 8 run from Mon 9 Mar 10:00.
    // 10:00–18:00 is exactly 8 h: due at closing time, not at the next opening.
    expect(resumed.responseTargetAt).toBe("2026-03-09T17:00:00.000Z"); // Mon 9 Mar 18:00 local
  });

  test("non-product counts 72 business hours from receipt; development 14 calendar days from the hand-over; back restores the license level", async () => {
    const { tid } = await register();
    at("2026-03-03T12:00:00.000Z");
    const np = await level(tid, { level: "non-product", reason: "General PHP question" });
    // 72 business hours = 8 business days of 9 h from Mon 2 Mar 09:00 → Wed 11 Mar 18:00 local.
    expect(np.responseDueAt).toBe("2026-03-11T17:00:00.000Z");
    at("2026-03-19T10:00:00.000Z");
    // A non-commercial client: only an override hands it over (SLA 2.6 says "n/a"; tested in handover-entitlement).
    const dev = await level(tid, { level: "development", reason: "Bug in the sale module", targetVersion: "24.200.0", override: true });
    expect(dev.status).toBe("in-development");
    expect(dev.responseDueAt).toBe("2026-04-02T09:00:00.000Z"); // across the DST change: same wall-clock time
    const back = await level(tid, { level: "license", reason: "Fixed in 24.200.0; back to support" });
    expect(back).toMatchObject({ slaLevel: "non-commercial-cloud", status: "open", responseTargetAt: "2026-03-03T15:00:00.000Z" });
    const ev = await events(tid);
    expect(ev.map((e) => e.type)).toEqual(["created", "level-changed", "handed-to-development", "level-changed"]);
    expect(ev[2]!.data).toMatchObject({ from: "non-product", to: "development", reason: "Bug in the sale module", targetVersion: "24.200.0", override: "non-commercial" });
  });

  test("reopening a resolved ticket starts its clock again", async () => {
    const { tid } = await register();
    at("2026-03-02T12:00:00.000Z");
    await status(tid, "resolved");
    at("2026-03-04T08:00:00.000Z"); // Wed 09:00 local
    const reopened = await status(tid, "open", "Still broken after the update");
    expect(reopened.responseTargetAt).toBe("2026-03-05T15:00:00.000Z"); // Thu 16:00 local
    expect((await events(tid)).at(-1)!.type).toBe("reopened");
  });

  test("bad actions are refused with a clear code", async () => {
    const { tid } = await register();
    const bad = await postJson(t, `/api/v1/tickets/${tid}/status`, { status: "new" }, adminHeaders);
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error.field).toBe("status");
    const noReason = await postJson(t, `/api/v1/tickets/${tid}/level`, { level: "non-product" }, adminHeaders);
    expect((await errorOf(noReason)).error.field).toBe("reason");
    expect((await postJson(t, `/api/v1/tickets/${tid}/status`, { status: "open" })).status).toBe(401);
    expect((await postJson(t, "/api/v1/tickets/1000016/status", { status: "open" }, adminHeaders)).status).toBe(422);
  });

  test("the watch writes one warning when the target passes and one breach when the maximum passes", async () => {
    const { tid } = await register({ email: "watch@example.org" });
    const { tid: pausedTid } = await register({ email: "watch@example.org" });
    await status(pausedTid, "pending-client");
    at("2026-03-03T15:00:00.000Z"); // exactly the target
    expect(await watchSla(t.deps, "warning")).toBeGreaterThanOrEqual(1);
    expect(await watchSla(t.deps, "warning")).toBe(0);
    at("2026-03-05T13:00:00.000Z");
    await watchSla(t.deps, "breach");
    await watchSla(t.deps, "breach");
    const types = (await events(tid)).map((e) => e.type);
    expect(types.filter((x) => x === "sla-warning")).toHaveLength(1);
    expect(types.filter((x) => x === "sla-breach")).toHaveLength(1);
    expect((await events(pausedTid)).map((e) => e.type)).not.toContain("sla-warning");
    const [row] = await t.deps.db.select().from(tickets).where(eq(tickets.tid, tid));
    expect(row!.breached).toBe(true);
    const mails = await t.deps.db.select().from(outbox).where(eq(outbox.ticketId, row!.id));
    expect(mails.map((m) => m.kind).sort()).toEqual(["acknowledgement", "sla-breach", "sla-warning"]);
  });
});
