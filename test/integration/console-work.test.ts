import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { attachments, outbox, tickets } from "../../server/db/schema";
import { queuePageSchema } from "../../shared/api/console-responses";
import { assignedSchema, phpinfoTableSchema, slaExplanationSchema, statusChangedSchema, ticketEventsSchema } from "../../shared/api/ticket-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

describe.each(drivers())("working a ticket from the console on %s", (driver) => {
  let t: TestApp;
  let agent: Session;
  let now = Date.parse("2026-03-02T08:00:00Z");
  beforeAll(async () => {
    t = await startTestApp(driver);
    t.deps.now = () => new Date(now);
    agent = await staffSession(t, "agent@support.example", "agent");
  });
  afterAll(async () => { await t?.close(); });
  const post = (path: string, body: unknown) => t.app.request(path, { method: "POST", headers: { ...agent.headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const get = async <S extends z.ZodType>(path: string, schema: S) => answerOf(await t.app.request(path, { headers: agent.headers }), schema);
  const register = async (body: Record<string, unknown>) => answerOf(await postJson(t, "/api/v1/tickets", body), ticketCreatedSchema);

  test("reply, request information (clock stops), the client answers (clock runs on), history and SLA trace", async () => {
    const { tid } = await register({ email: "work@kunde.example", description: "Cache errors", phpinfo: "Core\n\nmemory_limit => 256M => 128M\n" });
    now += 3_600_000;
    expect((await post(`/api/v1/tickets/${tid}/messages`, { body: "Looking into it: https://docs.example/cache" })).status).toBe(201);
    const [sent] = await t.deps.db.select().from(outbox).where(eq(outbox.kind, "staff-reply"));
    expect(sent!.toAddress).toBe("work@kunde.example");
    expect(sent!.subject).toContain(`[TID#${tid}]`);
    const [row] = await t.deps.db.select().from(tickets).where(eq(tickets.tid, tid));
    expect(row!.firstResponseAt?.toISOString()).toBe(new Date(now).toISOString());

    const info = await answerOf(await post(`/api/v1/tickets/${tid}/request-info`, { body: "Please send the error log.", missing: ["error log"] }), statusChangedSchema);
    expect(info).toMatchObject({ status: "pending-client", responseDueAt: null });
    const sla = await get(`/api/v1/tickets/${tid}/sla`, slaExplanationSchema);
    expect(sla.paused).toBe(true);
    expect(sla.trace.length).toBeGreaterThan(0);
    now += 2 * 3_600_000;
    const fd = new FormData();
    fd.set("body", "Here is the log");
    const { ticketToken } = await import("../../server/services/accounts/signed-links");
    const reply = await t.app.request(`/api/v1/tickets/${tid}/messages`, { method: "POST", headers: { "X-Ticket-Token": ticketToken(t.deps.secret, tid) }, body: fd });
    expect(reply.status).toBe(201);
    const after = await get(`/api/v1/tickets/${tid}/sla`, slaExplanationSchema);
    expect(after.paused).toBe(false);
    expect(after.dueAt).not.toBeNull();

    const history = (await get(`/api/v1/tickets/${tid}/events`, ticketEventsSchema)).items.map((e) => [e.type, e.actor]);
    expect(history).toEqual(expect.arrayContaining([
      ["staff-replied", "staff:agent@support.example"], ["status-changed", "staff:agent@support.example"], ["message-added", "requester:work@kunde.example"],
    ]));
    const php = await get(`/api/v1/tickets/${tid}/phpinfo`, phpinfoTableSchema);
    expect(php.sections[0]!.rows).toContainEqual({ key: "memory_limit", value: "256M", master: "128M" });
  });

  test("the newest server configuration of a ticket is the one shown", async () => {
    const { tid } = await register({ email: "php@kunde.example", description: "Limits", phpinfo: "Core\n\nmemory_limit => 128M => 128M\n" });
    const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    const newer = Buffer.from("Core\n\nmemory_limit => 512M => 128M\n");
    const sha = createHash("sha256").update(newer).digest("hex");
    await t.deps.blobs.put(sha, newer);
    await t.deps.db.insert(attachments).values({ ticketId: tk!.id, kind: "phpinfo", fileName: "phpinfo.txt", contentType: "text/plain", size: newer.length, sha256: sha, createdAt: new Date(Date.now() + 60_000) });
    const php = await get(`/api/v1/tickets/${tid}/phpinfo`, phpinfoTableSchema);
    expect(php.sections[0]!.rows).toContainEqual({ key: "memory_limit", value: "512M", master: "128M" });
  });

  test("assign to oneself; agents cannot hand tickets to others", async () => {
    await staffSession(t, "other@support.example", "agent");
    const { tid } = await register({ email: "assign@kunde.example", description: "Assign me" });
    expect((await answerOf(await post(`/api/v1/tickets/${tid}/assign`, { email: "agent@support.example" }), assignedSchema)).assignee).toBe("agent@support.example");
    expect((await post(`/api/v1/tickets/${tid}/assign`, { email: "other@support.example" })).status).toBe(403);
    const mine = await get("/api/v1/queue?assignee=agent@support.example", queuePageSchema);
    expect(mine.items.map((i) => i.tid)).toContain(tid);
  });

  test("the queue filters, searches and answers 304 when nothing changed", async () => {
    const { tid } = await register({ email: "search@kunde.example", description: "Zahlungsmodul wirft Ausnahme", edition: "cloud" });
    const byWord = await get("/api/v1/queue?q=Zahlungsmodul", queuePageSchema);
    expect(byWord.items.map((i) => i.tid)).toEqual([tid]);
    expect((await get(`/api/v1/queue?q=TID%23${tid}`, queuePageSchema)).items[0]!.tid).toBe(tid);
    expect((await get("/api/v1/queue?q=search@kunde.example", queuePageSchema)).items[0]!.tid).toBe(tid);
    expect((await get("/api/v1/queue?level=non-commercial-cloud&channel=api", queuePageSchema)).items.map((i) => i.tid)).toContain(tid);

    const first = await t.app.request("/api/v1/queue", { headers: adminHeaders });
    const etag = first.headers.get("etag")!;
    expect((await t.app.request("/api/v1/queue", { headers: { ...adminHeaders, "If-None-Match": etag } })).status).toBe(304);
    await postJson(t, "/api/v1/tickets", { email: "change@kunde.example", description: "A change" });
    expect((await t.app.request("/api/v1/queue", { headers: { ...adminHeaders, "If-None-Match": etag } })).status).toBe(200);
  });
});
