import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { siteCreatedSchema } from "../../shared/api/console-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { makeTid } from "../../shared/tid";
import { ticketToken } from "../../server/services/accounts/signed-links";
import { answerOf, errorOf } from "../support/answers";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

// The parts of the OpenAPI document these tests read. No response schema names the document (it is
// generated from the routes), so the test says which keys it looks at.
interface OpenApiProbe {
  openapi: string;
  components: { schemas: Record<string, { required?: string[] }> };
  paths: Record<string, Record<string, { responses: Record<string, { description: string }> }> | undefined>;
}
const openApiOf = async (t: TestApp) => (await (await t.app.request("/api/v1/openapi.json")).json()) as OpenApiProbe;

describe.each(drivers())("licenses, sites and access on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  const license = (body: Record<string, unknown>) => postJson(t, "/api/v1/admin/licenses", body, adminHeaders);
  const register = async (body: Record<string, unknown>) => answerOf(await postJson(t, "/api/v1/tickets", { description: "Help", ...body }), ticketCreatedSchema);

  test("the admin API needs the admin token", async () => {
    const body = { key: "L-0", holder: "x", category: "commercial", edition: "cloud" };
    expect((await postJson(t, "/api/v1/admin/licenses", body)).status).toBe(401);
    const wrong = await postJson(t, "/api/v1/admin/licenses", body, { Authorization: "Bearer wrong-token-wrong-token" });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).error.code).toBe("UNAUTHENTICATED");
  });

  test("a license email gets the partner or commercial level for its edition; others do not", async () => {
    expect((await license({ key: "L-COM-CLOUD", holder: "Shop GmbH", category: "commercial", edition: "cloud", emails: ["Admin@Shop.example"], supportUntil: "2099-12-31" })).status).toBe(201);
    expect((await license({ key: "L-PARTNER", holder: "Agency", category: "partner", edition: "self-hosted", emails: ["dev@agency.example"], supportUntil: null })).status).toBe(201);
    expect((await license({ key: "L-EXPIRED", holder: "Old", category: "commercial", edition: "cloud", emails: ["old@shop.example"], supportUntil: "2020-01-01" })).status).toBe(201);

    expect((await register({ email: "admin@shop.example", edition: "cloud" })).slaLevel).toBe("commercial-cloud");
    expect((await register({ email: "ADMIN@shop.example", edition: "self-hosted" })).slaLevel).toBe("commercial-self-hosted");
    expect((await register({ email: "dev@agency.example" })).slaLevel).toBe("partner-self-hosted");
    expect((await register({ email: "dev@agency.example", edition: "cloud" })).slaLevel).toBe("partner-cloud");
    expect((await register({ email: "old@shop.example", edition: "cloud" })).slaLevel).toBe("non-commercial-cloud");
    expect((await register({ email: "stranger@example.org" })).slaLevel).toBe("non-commercial-self-hosted");
  });

  test("a duplicate license key is a conflict, bad fields are named", async () => {
    const body = { key: "L-DUP", holder: "x", category: "commercial", edition: "cloud" };
    expect((await license(body)).status).toBe(201);
    const dup = await license(body);
    expect(dup.status).toBe(409);
    expect((await errorOf(dup)).error).toMatchObject({ code: "CONFLICT", field: "key" });
    const bad = await license({ ...body, key: "L-BAD", category: "gold" });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error.field).toBe("category");
  });

  test("a site gets a key and a snippet; the widget header is checked against Origin", async () => {
    const res = await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: ["https://shop.example"] }, adminHeaders);
    expect(res.status).toBe(201);
    const site = await answerOf(res, siteCreatedSchema);
    expect(site.snippet).toContain(`data-site="${site.siteKey}"`);
    expect(site.snippet).toContain("/widget.js");

    const ok = await postJson(t, "/api/v1/tickets", { email: "w@shop.example", description: "From the widget" }, { "X-Tidings-Site": site.siteKey, Origin: "https://shop.example" });
    expect(ok.status).toBe(201);
    const view = await answerOf(await t.app.request(`/api/v1/tickets/${(await answerOf(ok, ticketCreatedSchema)).tid}`, { headers: adminHeaders }), ticketViewSchema);
    expect(view.channel).toBe("widget");

    const other = await postJson(t, "/api/v1/tickets", { email: "w@shop.example", description: "x" }, { "X-Tidings-Site": site.siteKey, Origin: "https://evil.example" });
    expect(other.status).toBe(403);
    expect((await errorOf(other)).error.code).toBe("ORIGIN_NOT_ALLOWED");
    const unknown = await postJson(t, "/api/v1/tickets", { email: "w@shop.example", description: "x" }, { "X-Tidings-Site": "site_nope", Origin: "https://shop.example" });
    expect(unknown.status).toBe(403);
    expect((await errorOf(unknown)).error.code).toBe("SITE_UNKNOWN");
  });

  test("a ticket is shown to the admin token and to the requester's signed link only", async () => {
    const { tid } = await register({ email: "owner@example.org" });
    expect((await t.app.request(`/api/v1/tickets/${tid}`)).status).toBe(401);
    expect((await t.app.request(`/api/v1/tickets/${tid}?token=forged`)).status).toBe(401);
    const other = makeTid(999_999);
    expect((await t.app.request(`/api/v1/tickets/${tid}?token=${ticketToken(t.deps.secret, other)}`)).status).toBe(401);
    const mine = await t.app.request(`/api/v1/tickets/${tid}?token=${ticketToken(t.deps.secret, tid)}`);
    expect(mine.status).toBe(200);
    expect((await answerOf(mine, ticketViewSchema)).tid).toBe(tid);
  });

  test("a mistyped TID is told apart from a missing ticket", async () => {
    const { tid } = await register({ email: "typo@example.org" });
    const typo = tid.slice(0, -1) + String((Number(tid.at(-1)) + 1) % 10);
    const res = await t.app.request(`/api/v1/tickets/${typo}`, { headers: adminHeaders });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).error).toMatchObject({ code: "TID_INVALID", field: "tid" });
    const missing = await t.app.request(`/api/v1/tickets/${makeTid(987_654_321)}`, { headers: adminHeaders });
    expect(missing.status).toBe(404);
  });

  test("health, readiness and the OpenAPI document answer", async () => {
    expect((await t.app.request("/healthz")).status).toBe(200);
    expect(await (await t.app.request("/readyz")).json()).toMatchObject({ status: "ready", database: driver });
    const doc = await openApiOf(t);
    expect(doc.openapi).toBe("3.0.3");
    expect(doc.components.schemas.TicketCreate!.required).toEqual(expect.arrayContaining(["email", "description"]));
    expect(doc.paths["/api/v1/tickets"]!.post!.responses["415"]!.description).toContain("BMP_NOT_ARCHIVED");
  });
});

describe("limits that protect intake", () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp("pglite", { INTAKE_RATE_LIMIT: "3", TIDINGS_ADMIN_TOKEN: "" }); });
  afterAll(async () => { await t?.close(); });

  test("too many tickets from one address answer 429 with Retry-After", async () => {
    const body = { email: "flood@example.org", description: "flood" };
    for (let i = 0; i < 3; i++) expect((await postJson(t, "/api/v1/tickets", body)).status).toBe(201);
    const res = await postJson(t, "/api/v1/tickets", body);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(res)).error.code).toBe("RATE_LIMITED");
  });

  test("without TIDINGS_ADMIN_TOKEN the admin API is closed", async () => {
    const res = await postJson(t, "/api/v1/admin/sites", { name: "x", allowedOrigins: ["https://x.example"] }, adminHeaders);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).error.message).toContain("TIDINGS_ADMIN_TOKEN");
  });
});

describe("the OpenAPI document", () => {
  test("lists every API route of the app", async () => {
    const t = await startTestApp("pglite");
    try {
      const doc = await openApiOf(t);

      for (const r of t.app.routes.filter((x) => x.method !== "ALL" && x.path.startsWith("/api/v1/"))) {
        const path = r.path.replace(/:(\w+)/g, "{$1}");
        expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeTruthy();
      }
    } finally {
      await t.close();
    }
  });
});
