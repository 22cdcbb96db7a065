import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import { isValidTid } from "../../shared/tid";
import { outbox, ticketEvents, tickets } from "../../server/db/schema";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

const valid = { email: "Client@Example.org", description: "The shop page shows error 500.\nSince the update.", steps: "1. Open /shop", url: "https://shop.example.org/shop?x=1", productVersion: "24.100.0", edition: "cloud" };

describe.each(drivers())("ticket registration as JSON on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  test("answers 201 with a valid TID, the level and both due times", async () => {
    const res = await postJson(t, "/api/v1/tickets", valid);
    expect(res.status).toBe(201);
    const body = await answerOf(res, ticketCreatedSchema);
    expect(isValidTid(body.tid)).toBe(true);
    expect(body).toMatchObject({ status: "new", slaLevel: "non-commercial-cloud" });
    expect(Date.parse(body.responseDueAt!)).toBeGreaterThan(Date.parse(body.responseTargetAt!));
    expect(Date.parse(body.responseTargetAt!)).toBeGreaterThan(Date.parse(body.receivedAt));
    expect(res.headers.get("location")).toBe(`/api/v1/tickets/${body.tid}`);
  });

  test("stores what SLA 4.2 asks for, the first message, an event and the acknowledgement", async () => {
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { ...valid, urgent: true }), ticketCreatedSchema);
    const res = await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders });
    expect(res.status).toBe(200);
    const view = await answerOf(res, ticketViewSchema);
    expect(view).toMatchObject({
      tid, subject: "The shop page shows error 500.", steps: "1. Open /shop", url: valid.url, productVersion: "24.100.0",
      edition: "cloud", urgent: true, channel: "api", requester: { email: "client@example.org" },
    });
    expect(view.messages).toHaveLength(1);
    expect(view.messages[0]!.body).toContain("Steps to reproduce:\n1. Open /shop");
    const [row] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    const events = await t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, row!.id));
    expect(events.map((e) => e.type)).toEqual(["created"]);
    const [ack] = await t.deps.db.select().from(outbox).where(eq(outbox.ticketId, row!.id));
    expect(ack!.subject).toContain(`[TID#${tid}]`);
    expect(ack!.textBody).toContain(`TID#${tid}`);
    expect(ack!.textBody).toContain("Non-commercial");
    expect(ack!.toAddress).toBe("client@example.org");
  });

  test.each([
    [{ ...valid, email: undefined }, "email", "is required"],
    [{ ...valid, email: "not-an-address" }, "email", "valid email"],
    [{ ...valid, description: "   " }, "description", "describe the problem"],
    [{ ...valid, edition: "desktop" }, "edition", "cloud or self-hosted"],
    [{ ...valid, url: "javascript:alert(1)" }, "url", "http"],
    [{ ...valid, description: 42 }, "description", "wrong type"],
    [{ ...valid, description: "x".repeat(50_001) }, "description", "at most"],
  ])("refuses bad fields with 422 VALIDATION_FAILED naming the field (%#)", async (body, field, words) => {
    const res = await postJson(t, "/api/v1/tickets", body);
    expect(res.status).toBe(422);
    const { error } = await errorOf(res);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect(error.message).toContain(words);
    expect(error.requestId).toBeTruthy();
  });

  test("refuses unreadable bodies with a clear code", async () => {
    const bad = await t.app.request("/api/v1/tickets", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{oops" });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error.code).toBe("VALIDATION_FAILED");
    const array = await postJson(t, "/api/v1/tickets", [valid]);
    expect(array.status).toBe(422);
    const text = await t.app.request("/api/v1/tickets", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hello" });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const huge = await postJson(t, "/api/v1/tickets", { ...valid, phpinfo: "x".repeat(4 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("the same Idempotency-Key and body answer the same ticket; another body is a conflict", async () => {
    const key = `key-${driver}-${Date.now()}`;
    const first = await postJson(t, "/api/v1/tickets", valid, { "Idempotency-Key": key });
    const again = await postJson(t, "/api/v1/tickets", valid, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await answerOf(again, ticketCreatedSchema)).tid).toBe((await answerOf(first, ticketCreatedSchema)).tid);
    const other = await postJson(t, "/api/v1/tickets", { ...valid, description: "another problem" }, { "Idempotency-Key": key });
    expect(other.status).toBe(409);
    expect((await errorOf(other)).error.code).toBe("IDEMPOTENCY_CONFLICT");
  });

  test("two concurrent requests with one Idempotency-Key make one ticket", async () => {
    const key = `race-${driver}-${Date.now()}`;
    const body = { ...valid, description: `race ${key}` };
    const [a, b] = await Promise.all([postJson(t, "/api/v1/tickets", body, { "Idempotency-Key": key }), postJson(t, "/api/v1/tickets", body, { "Idempotency-Key": key })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await answerOf(a, ticketCreatedSchema)).tid).toBe((await answerOf(b, ticketCreatedSchema)).tid);
    const [{ n }] = await t.deps.db.select({ n: count() }).from(tickets).where(eq(tickets.description, body.description)) as [{ n: number }];
    expect(Number(n)).toBe(1);
  });

  test("500 concurrent registrations make 500 distinct TIDs whose check digits verify", async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => postJson(t, "/api/v1/tickets", { email: `load${i}@example.org`, description: `load ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(500).fill(201));
    const tids = await Promise.all(results.map(async (r) => (await answerOf(r, ticketCreatedSchema)).tid));
    expect(new Set(tids).size).toBe(500);
    expect(tids.every(isValidTid)).toBe(true);
  });

  test("unknown addresses and routes answer JSON errors", async () => {
    const res = await t.app.request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).error.code).toBe("NOT_FOUND");
  });
});
