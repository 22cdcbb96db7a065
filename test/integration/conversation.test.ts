import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { messages, outbox, ticketEvents, tickets } from "../../server/db/schema";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

const json = (body: unknown, headers: Record<string, string>) => ({ method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

interface Msg { kind: string; authorKind: string; authorEmail: string | null; visibility: string; channel: string; body: string; createdAt: string }

/** SLA 4.5: everything between client and staff is a message of the ticket, in order, for both sides. */
describe.each(drivers())("the whole correspondence on %s", (driver) => {
  let t: TestApp;
  let now = Date.parse("2026-03-02T08:00:00Z");
  const step = () => new Date((now += 60_000));
  let agent: Session;
  let client: Session;
  beforeAll(async () => {
    t = await startTestApp(driver);
    t.deps.now = step;
    agent = await staffSession(t, "agent@support.example", "agent");
    client = await clientSession(t, "whole@kunde.example");
  });
  afterAll(async () => { await t?.close(); });

  const view = async (tid: string, headers: Record<string, string>) => {
    const r = await t.app.request(`/api/v1/tickets/${tid}`, { headers });
    expect(r.status).toBe(200);
    return (await r.json()) as { messages: Msg[] };
  };

  test("request for information, reply, resolution, rating, reopen reason and escalation are messages, in order, saying who, when and how", async () => {
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { email: "whole@kunde.example", description: "The shop shows error 500" }), ticketCreatedSchema);
    const asked = await t.app.request(`/api/v1/tickets/${tid}/request-info`, json({ body: "Which PHP version do you run?", missing: ["the PHP version", "the URL of the shop"] }, agent.headers));
    expect(asked.status).toBe(200);
    const fd = new FormData();
    fd.set("body", "PHP 8.3 on https://shop.example");
    expect((await t.app.request(`/api/v1/tickets/${tid}/messages`, { method: "POST", headers: client.headers, body: fd })).status).toBe(201);
    expect((await postJson(t, `/api/v1/tickets/${tid}/status`, { status: "resolved" }, adminHeaders)).status).toBe(200);
    expect((await t.app.request(`/api/v1/tickets/${tid}/rating`, json({ score: 2, comment: "Took long" }, client.headers))).status).toBe(200);
    expect((await t.app.request(`/api/v1/tickets/${tid}/rating/confirm`, json({}, client.headers))).status).toBe(200);
    expect((await t.app.request(`/api/v1/tickets/${tid}/reopen`, json({ reason: "The error is back since the update" }, client.headers))).status).toBe(200);
    expect((await t.app.request(`/api/v1/tickets/${tid}/escalations`, json({ target: "supervisor", reason: "Our shop loses orders every hour" }, client.headers))).status).toBe(201);

    const staffSide = (await view(tid, adminHeaders)).messages;
    expect(staffSide.map((m) => [m.kind, m.authorKind, m.visibility, m.channel, m.body])).toEqual([
      ["message", "requester", "public", "api", "The shop shows error 500"],
      ["request-info", "staff", "public", "portal", "Which PHP version do you run?\n\n- the PHP version\n- the URL of the shop"],
      ["message", "requester", "public", "portal", "PHP 8.3 on https://shop.example"],
      ["rating", "requester", "internal", "portal", "2/5\n\nTook long"],
      ["reopen", "requester", "public", "portal", "The error is back since the update"],
      ["escalation", "requester", "public", "portal", "Our shop loses orders every hour"],
    ]);
    expect(staffSide[1]!.authorEmail).toBe("staff:agent@support.example");
    expect(staffSide.slice(2).every((m) => m.authorEmail === "whole@kunde.example")).toBe(true);
    const times = staffSide.map((m) => Date.parse(m.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The client's side: the same, without the rating (staff side only).
    const clientSide = (await view(tid, { Cookie: client.cookie })).messages;
    expect(clientSide.map((m) => m.kind)).toEqual(["message", "request-info", "message", "reopen", "escalation"]);
  });

  test("migration 0009 gives older tickets their missing messages from their events, in event order, once", async () => {
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { email: "old@kunde.example", description: "An old ticket" }), ticketCreatedSchema);

    const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    const id = tk!.id;
    const at = (iso: string) => new Date(iso);
    // What the code before 0009 left behind: events, a request-information mail, no messages.
    await t.deps.db.insert(ticketEvents).values([
      { ticketId: id, type: "status-changed", actor: "staff:agent@support.example", data: { from: "new", to: "pending-client", reason: "missing: the log, the version" }, createdAt: at("2026-02-02T10:00:00Z") },
      { ticketId: id, type: "status-changed", actor: "staff:agent@support.example", data: { from: "open", to: "pending-client", reason: "information requested" }, createdAt: at("2026-02-02T11:00:00Z") },
      { ticketId: id, type: "rated", actor: "requester:old@kunde.example", data: { score: 4, comment: "Fine" }, createdAt: at("2026-02-03T10:00:00Z") },
      { ticketId: id, type: "reopened", actor: "requester:old@kunde.example", data: { from: "resolved", to: "open", reason: "Broken again" }, createdAt: at("2026-02-04T10:00:00Z") },
      { ticketId: id, type: "escalated", actor: "requester:old@kunde.example", data: { target: "supervisor", reason: "Please hurry", escalationId: 1 }, createdAt: at("2026-02-05T10:00:00Z") },
      // Reopened by a staff member: a status change, not correspondence.
      { ticketId: id, type: "reopened", actor: "staff:agent@support.example", data: { from: "closed", to: "open", reason: "wrongly closed" }, createdAt: at("2026-02-06T10:00:00Z") },
    ]);
    await t.deps.db.insert(outbox).values({ ticketId: id, kind: "request-information", toAddress: "old@kunde.example", subject: "x", textBody: "Hello,\n\nDo you have a log?", createdAt: at("2026-02-02T11:00:00.250Z") });
    // A reopening by mail already has its message (the mail) at the event's instant.
    await t.deps.db.insert(messages).values({ ticketId: id, authorKind: "requester", authorEmail: "old@kunde.example", channel: "email", body: "still broken (by mail)", createdAt: at("2026-02-07T10:00:00Z") });
    await t.deps.db.insert(ticketEvents).values({ ticketId: id, type: "reopened", actor: "requester:old@kunde.example", data: { reason: "the client replied" }, createdAt: at("2026-02-07T10:00:00Z") });

    await backfill(t);
    await backfill(t);
    const rows = (await view(tid, adminHeaders)).messages.filter((m) => m.createdAt < "2026-03-01");
    expect(rows.map((m) => [m.kind, m.authorKind, m.authorEmail, m.visibility, m.body, m.createdAt])).toEqual([
      ["request-info", "staff", "staff:agent@support.example", "public", "- the log\n- the version", "2026-02-02T10:00:00.000Z"],
      ["request-info", "staff", "staff:agent@support.example", "public", "Hello,\n\nDo you have a log?", "2026-02-02T11:00:00.000Z"],
      ["rating", "requester", "old@kunde.example", "internal", "4/5\n\nFine", "2026-02-03T10:00:00.000Z"],
      ["reopen", "requester", "old@kunde.example", "public", "Broken again", "2026-02-04T10:00:00.000Z"],
      ["escalation", "requester", "old@kunde.example", "public", "Please hurry", "2026-02-05T10:00:00.000Z"],
      ["message", "requester", "old@kunde.example", "public", "still broken (by mail)", "2026-02-07T10:00:00.000Z"],
    ]);
    // And the messages made by the running code are not doubled by the backfill either.
    const [{ n }] = (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(and(eq(messages.kind, "escalation")))) as [{ n: number }];
    expect(n).toBe(2);
  });
});

/** The statements of migration 0009 that fill in messages, run again as an upgrade would. */
async function backfill(t: TestApp) {
  const file = readFileSync(new URL("../../server/db/migrations/0010_conversation.sql", import.meta.url), "utf8");
  const statements = file.split("--> statement-breakpoint").map((s) => s.trim()).filter((s) => /^(?:--[^\n]*\n)*\s*(INSERT INTO "messages"|UPDATE "messages")/.test(s));
  expect(statements).toHaveLength(2);
  for (const s of statements) await t.deps.db.execute(sql.raw(s));
}
