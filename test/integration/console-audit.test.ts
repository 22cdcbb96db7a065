import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { ticketEvents, tickets } from "../../server/db/schema";
import { credentialRefSchema, escalationCreatedSchema } from "../../shared/api/ticket-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, staffSession, type Session } from "../support/sessions";
import { postJson, startTestApp, type TestApp } from "../support/test-app";

/** Issue 7, point 3: every console action leaves a ticket event saying who did it and when. */
describe.each(drivers())("the console's audit trail on %s", (driver) => {
  let t: TestApp;
  let sup: Session;
  let client: Session;
  let tid = "";
  let ticketId = 0;
  beforeAll(async () => {
    t = await startTestApp(driver);
    sup = await staffSession(t, "sup@support.example", "supervisor");
    tid = (await answerOf(await postJson(t, "/api/v1/tickets", { email: "audit@kunde.example", description: "Audit me" }), ticketCreatedSchema)).tid;
    [{ id: ticketId }] = (await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid))) as [{ id: number }];
    client = await clientSession(t, "audit@kunde.example");
  });
  afterAll(async () => { await t?.close(); });

  const post = (s: Session, path: string, body: unknown) =>
    t.app.request(path, { method: "POST", headers: { ...s.headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const events = async () => t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId));

  test.each([
    ["reply", () => post(sup, `/api/v1/tickets/${tid}/messages`, { body: "Answer" }), "staff-replied"],
    ["internal note", () => post(sup, `/api/v1/tickets/${tid}/messages`, { body: "Note", visibility: "internal" }), "internal-note"],
    ["request information", () => post(sup, `/api/v1/tickets/${tid}/request-info`, { body: "Log please" }), "status-changed"],
    ["assign", () => post(sup, `/api/v1/tickets/${tid}/assign`, { email: "sup@support.example" }), "assigned"],
    ["reassign as supervisor", () => post(sup, `/api/v1/supervisor/tickets/${tid}/assign`, { email: null }), "assigned"],
    ["level to non-product", () => post(sup, `/api/v1/tickets/${tid}/level`, { level: "non-product", reason: "General question" }), "level-changed"],
    ["hand to development", () => post(sup, `/api/v1/tickets/${tid}/level`, { level: "development", reason: "Bug", targetVersion: "25.0", override: true }), "handed-to-development"],
    ["status", () => post(sup, `/api/v1/tickets/${tid}/status`, { status: "open" }), "status-changed"],
  ] as const)("%s", async (_name, act, type) => {
    const before = (await events()).length;
    const res = await act();
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const added = (await events()).slice(before);
    const mine = added.find((e) => e.type === type);
    expect(mine, JSON.stringify(added.map((e) => e.type))).toBeTruthy();
    expect(mine!.actor).toBe("staff:sup@support.example");
    expect(mine!.createdAt).toBeInstanceOf(Date);
  });

  test("revealing credentials and handling an escalation are recorded too", async () => {
    const cred = await answerOf(await post(client, `/api/v1/tickets/${tid}/credentials`, { kind: "ssh", label: "SSH", secret: "pw-123" }), credentialRefSchema);
    const esc = await answerOf(await post(client, `/api/v1/tickets/${tid}/escalations`, { target: "supervisor", reason: "Faster please" }), escalationCreatedSchema);

    const before = (await events()).length;
    expect((await post(sup, `/api/v1/tickets/${tid}/credentials/${cred.id}/reveal`, {})).status).toBe(200);
    expect((await post(sup, `/api/v1/supervisor/escalations/${esc.id}/handled`, {})).status).toBe(200);
    const added = (await events()).slice(before).map((e) => [e.type, e.actor]);
    expect(added).toEqual([["credentials-revealed", "staff:sup@support.example"], ["escalation-handled", "staff:sup@support.example"]]);
  });
});
