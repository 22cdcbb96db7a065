/**
 * The browser details of a ticket (CONTRACT §9, SLA 4.2) through the API: taken as the field
 * `environment` (an object in JSON, JSON text in a multipart part), checked, stored with the
 * ticket, and returned by GET /api/v1/tickets/:tid to staff only.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count } from "drizzle-orm";
import { tickets } from "../../server/db/schema";
import { ticketToken } from "../../server/services/accounts/signed-links";
import { png } from "../fixtures/files";
import { drivers } from "../support/databases";
import { clientSession, staffSession } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

const FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0";

const environment = {
  userAgent: FIREFOX,
  viewport: { width: 1280, height: 720, pixelRatio: 2 },
  languages: ["de-DE", "en"],
  timeZone: "Europe/Berlin",
  page: "https://shop.example/admin/orders?session=abc123#top",
  errors: [{ kind: "error", message: "TypeError: order.items is undefined", stack: "at render (https://shop.example/app.js:10:5)", at: "2026-03-02T09:00:01.000Z", extra: "dropped" }],
  requests: [
    { method: "GET", url: "https://shop.example/api/orders?token=s3cr3t", status: 404, at: "2026-03-02T09:00:02.000Z" },
    { method: "POST", url: "http://127.0.0.1:9/collect", status: 0, at: "2026-03-02T09:00:03.000Z" },
  ],
  plugins: ["not ours to keep"],
};

/** The parts of the OpenAPI document the last test reads: a probe of this test's, which no schema names. */
interface DocumentProbe {
  components: { schemas: { Environment: { properties: { requests: { maxItems: number } } }; TicketCreate: { properties: { environment: { allOf: [{ $ref: string }] } } } } };
  paths: { "/api/v1/tickets": { post: { requestBody: { content: { "multipart/form-data": { schema: { properties: { environment: { type: string } } } } } } } } };
}

describe.each(drivers())("browser details of a ticket on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  const base = { email: "env@example.org", description: "The order page is blank" };
  const staffView = async (tid: string) => answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
  const ticketCount = async () => Number((await t.deps.db.select({ n: count() }).from(tickets))[0]!.n);

  test("JSON: stored and shown to staff as sent, without unknown keys or queries, with browser and system named", async () => {
    const res = await postJson(t, "/api/v1/tickets", { ...base, environment });
    expect(res.status).toBe(201);
    const { tid } = await answerOf(res, ticketCreatedSchema);
    const view = await staffView(tid);
    expect(view.environment).toEqual({
      userAgent: FIREFOX,
      browser: { name: "Firefox", version: "128.0" },
      os: { name: "macOS", version: "14.5" },
      viewport: { width: 1280, height: 720, pixelRatio: 2 },
      languages: ["de-DE", "en"],
      timeZone: "Europe/Berlin",
      page: "https://shop.example/admin/orders",
      errors: [{ kind: "error", message: "TypeError: order.items is undefined", stack: "at render (https://shop.example/app.js:10:5)", at: "2026-03-02T09:00:01.000Z" }],
      requests: [
        { method: "GET", url: "https://shop.example/api/orders", status: 404, at: "2026-03-02T09:00:02.000Z" },
        { method: "POST", url: "http://127.0.0.1:9/collect", status: 0, at: "2026-03-02T09:00:03.000Z" },
      ],
    });
    expect(JSON.stringify(view)).not.toContain("s3cr3t");
    expect(JSON.stringify(view)).not.toContain("abc123");
  });

  test("client hints the widget sent win over the User-Agent string", async () => {
    const env = { userAgent: FIREFOX.replace("Firefox/128.0", "Chrome/131.0.0.0 Safari/537.36"), browser: { name: "Brave", version: "131" }, os: { name: "Linux" } };
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { ...base, environment: env }), ticketCreatedSchema);
    expect((await staffView(tid)).environment).toMatchObject({ browser: { name: "Brave", version: "131" }, os: { name: "Linux" } });
  });

  test("multipart: a text part `environment` holding JSON", async () => {
    const fd = new FormData();
    fd.append("email", base.email);
    fd.append("description", base.description);
    fd.append("environment", JSON.stringify(environment));
    fd.append("attachments", new Blob([new Uint8Array(png())]), "dot.png");
    const res = await t.app.request("/api/v1/tickets", { method: "POST", body: fd });
    expect(res.status).toBe(201);
    const view = await staffView((await answerOf(res, ticketCreatedSchema)).tid);
    expect(view.attachments).toHaveLength(1);
    expect(view.environment?.requests?.map((r) => r.url)).toEqual(["https://shop.example/api/orders", "http://127.0.0.1:9/collect"]);
    expect(view.environment).not.toHaveProperty("plugins");
  });

  test("without the field, or with an empty part, a ticket has no environment", async () => {
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", base), ticketCreatedSchema);
    expect((await staffView(tid)).environment).toBeNull();
    const fd = new FormData();
    fd.append("email", base.email);
    fd.append("description", base.description);
    fd.append("environment", "");
    const res = await t.app.request("/api/v1/tickets", { method: "POST", body: fd });
    expect((await staffView((await answerOf(res, ticketCreatedSchema)).tid)).environment).toBeNull();
  });

  test.each([
    ["not JSON (multipart)", "{oops", "environment", "JSON text"],
    ["an array", [environment], "environment", "wrong type"],
    ["a message over 1000 characters", { errors: [{ kind: "error", message: "x".repeat(1001) }] }, "environment.errors[0].message", "at most 1000"],
    ["more than 20 failed requests", { requests: Array.from({ length: 21 }, () => ({ method: "GET", url: "https://a.example/", status: 500 })) }, "environment.requests", "at most 20"],
    ["a status that is no number", { requests: [{ method: "GET", url: "https://a.example/", status: "500" }] }, "environment.requests[0].status", "wrong type"],
    ["an unknown kind of error", { errors: [{ kind: "warning", message: "x" }] }, "environment.errors[0].kind", "not valid"],
  ])("refuses %s with 422 VALIDATION_FAILED naming the field, and stores nothing", async (_name, value, field, words) => {
    const before = await ticketCount();
    const res = typeof value === "string"
      ? await t.app.request("/api/v1/tickets", { method: "POST", body: (() => { const fd = new FormData(); fd.append("email", base.email); fd.append("description", base.description); fd.append("environment", value); return fd; })() })
      : await postJson(t, "/api/v1/tickets", { ...base, environment: value });
    expect(res.status).toBe(422);
    const { error } = await errorOf(res);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect(error.message).toContain(words);
    expect(error.message).toMatch(/^The field "environment.*\.$/);
    expect(await ticketCount()).toBe(before);
  });

  test("the client does not see it, by signed link or by session; staff do", async () => {
    const email = `env-client-${driver}@example.org`;
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { ...base, email, environment }), ticketCreatedSchema);
    const byLink = await t.app.request(`/api/v1/tickets/${tid}?token=${ticketToken(t.deps.secret, tid)}`);
    expect(byLink.status).toBe(200);
    const linkView = await answerOf(byLink, ticketViewSchema);
    expect(linkView.tid).toBe(tid);
    expect(linkView).not.toHaveProperty("environment");
    expect(JSON.stringify(linkView)).not.toContain("order.items is undefined");

    const client = await clientSession(t, email);
    const bySession = await t.app.request(`/api/v1/tickets/${tid}`, { headers: client.headers });
    expect(bySession.status).toBe(200);
    expect(await bySession.json()).not.toHaveProperty("environment");

    const agent = await staffSession(t, `agent-env-${driver}@support.example`, "agent");
    const byStaff = await t.app.request(`/api/v1/tickets/${tid}`, { headers: agent.headers });
    expect(byStaff.status).toBe(200);
    expect((await answerOf(byStaff, ticketViewSchema)).environment?.errors?.[0]?.message).toBe("TypeError: order.items is undefined");
  });

  test("the OpenAPI document describes the field", async () => {
    const doc = (await (await t.app.request("/api/v1/openapi.json")).json()) as DocumentProbe;
    expect(doc.components.schemas.Environment.properties.requests.maxItems).toBe(20);
    expect(doc.components.schemas.TicketCreate.properties.environment.allOf[0].$ref).toBe("#/components/schemas/Environment");
    expect(doc.paths["/api/v1/tickets"].post.requestBody.content["multipart/form-data"].schema.properties.environment.type).toBe("string");
  });
});
