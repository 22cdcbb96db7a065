import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { ticketEvents, tickets } from "../../server/db/schema";
import { drivers } from "../support/databases";
import { staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { levelChangedSchema, slaExplanationSchema } from "../../shared/api/ticket-responses";

/**
 * Issue 13, SLA 2.6: propagation to the development department is "available" for partners and
 * commercial clients and "n/a" for non-commercial ones; a supervisor may override with a reason.
 */
describe.each(drivers())("handing over to development on %s", (driver) => {
  let t: TestApp;
  let agent: Session;
  let sup: Session;
  beforeAll(async () => {
    t = await startTestApp(driver);
    agent = await staffSession(t, "agent@support.example", "agent");
    sup = await staffSession(t, "lead@support.example", "supervisor");
    const lic = await postJson(t, "/api/v1/admin/licenses", { key: "HO-1", holder: "Kunde AG", category: "commercial", edition: "self-hosted", emails: ["paid@kunde.example"] }, adminHeaders);
    expect(lic.status).toBe(201);
  });
  afterAll(async () => { await t?.close(); });

  const ticket = async (email: string) => (await answerOf(await postJson(t, "/api/v1/tickets", { email, description: "The sale module loses orders" }), ticketCreatedSchema)).tid;
  const level = (s: Session, tid: string, body: Record<string, unknown>) =>
    t.app.request(`/api/v1/tickets/${tid}/level`, { method: "POST", headers: { ...s.headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const sla = async (tid: string) => (await answerOf(await t.app.request(`/api/v1/tickets/${tid}/sla`, { headers: agent.headers }), slaExplanationSchema)).developmentHandOver;
  const row = async (tid: string) => (await t.deps.db.select().from(tickets).where(eq(tickets.tid, tid)))[0]!;
  const events = async (id: number) => t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));

  test("a non-commercial ticket is refused with HANDOVER_NOT_ENTITLED and stays as it was", async () => {
    const tid = await ticket("free@kunde.example");
    expect(await sla(tid)).toBe("n/a");
    const before = await row(tid);
    const res = await level(agent, tid, { level: "development", reason: "Core bug" });
    expect(res.status).toBe(409);
    const body = await errorOf(res);
    expect(body.error.code).toBe("HANDOVER_NOT_ENTITLED");
    expect(body.error.message).toMatch(/partners and commercial clients \(SLA 2\.6\)/);
    const after = await row(tid);
    expect({ level: after.slaLevel, status: after.status }).toEqual({ level: before.slaLevel, status: before.status });
    expect((await events(after.id)).map((e) => e.type)).toEqual(["created"]);
  });

  test("an agent cannot override; a supervisor can, and the override is recorded with the reason", async () => {
    const tid = await ticket("free2@kunde.example");
    const denied = await level(agent, tid, { level: "development", reason: "Core bug", override: true });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).error.code).toBe("FORBIDDEN");
    const ok = await level(sup, tid, { level: "development", reason: "Data loss affects many; fix in 25.0", override: true });
    expect(ok.status).toBe(200);
    expect((await answerOf(ok, levelChangedSchema)).slaLevel).toBe("development");
    const ev = (await events((await row(tid)).id)).find((e) => e.type === "handed-to-development")!;
    expect(ev.actor).toBe("staff:lead@support.example");
    expect(ev.data).toMatchObject({ reason: "Data loss affects many; fix in 25.0", override: "non-commercial" });
  });

  test("a commercial client's ticket is handed over by an agent without an override, also from non-product", async () => {
    const tid = await ticket("paid@kunde.example");
    expect(await sla(tid)).toBe("available");
    expect((await level(agent, tid, { level: "non-product", reason: "Looked like PHP" })).status).toBe(200);
    expect(await sla(tid)).toBe("available");
    const res = await level(agent, tid, { level: "development", reason: "It is ours after all" });
    expect(res.status).toBe(200);
    const ev = (await events((await row(tid)).id)).find((e) => e.type === "handed-to-development")!;
    expect(ev.data).not.toHaveProperty("override");
  });
});
