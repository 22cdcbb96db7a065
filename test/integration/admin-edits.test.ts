/**
 * Admins change what they made (issue 13): sites (name, allowed origins, on/off, a new key),
 * licenses (terms and addresses) and staff (role, state), through the admin API, with the rules
 * that keep the console administrable.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { licenseEmails, licenses } from "../../server/db/schema";
import { siteCreatedSchema, siteSchema, staffListSchema } from "../../shared/api/console-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf, errorOf } from "../support/answers";
import { drivers } from "../support/databases";
import { staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

const patch = (body: unknown, headers: Record<string, string> = adminHeaders) =>
  ({ method: "PATCH", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

describe.each(drivers())("admin edits on %s", (driver) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = await staffSession(t, "edit-admin@support.test", "admin");
  });
  afterAll(async () => { await t?.close(); });

  const fromWidget = (siteKey: string, origin: string) =>
    postJson(t, "/api/v1/tickets", { email: "widget@client.test", description: "From the widget" }, { Origin: origin, "X-Tidings-Site": siteKey });

  test("a site's origins change without a new snippet; switched off it files nothing; a new key stops the old one", async () => {
    const made = await answerOf(await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: ["https://old.shop.example"] }, adminHeaders), siteCreatedSchema);
    expect(made.snippet).toBe(`<script src="${t.deps.config.publicUrl}/widget.js" data-site="${made.siteKey}" defer></script>`);
    expect((await fromWidget(made.siteKey, "https://new.shop.example")).status).toBe(403);

    const changed = await t.app.request(`/api/v1/admin/sites/${made.siteKey}`, patch({ name: "Shop (new domain)", allowedOrigins: ["https://new.shop.example"] }, admin.headers));
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ siteKey: made.siteKey, name: "Shop (new domain)", allowedOrigins: ["https://new.shop.example"], disabled: false, snippet: made.snippet });
    expect((await fromWidget(made.siteKey, "https://new.shop.example")).status).toBe(201);
    const old = await fromWidget(made.siteKey, "https://old.shop.example");
    expect(old.status).toBe(403);
    expect((await errorOf(old)).error.code).toBe("ORIGIN_NOT_ALLOWED");

    expect((await t.app.request(`/api/v1/admin/sites/${made.siteKey}`, patch({ disabled: true }))).status).toBe(200);
    const off = await fromWidget(made.siteKey, "https://new.shop.example");
    expect(off.status).toBe(403);
    expect((await errorOf(off)).error.code).toBe("SITE_DISABLED");
    expect((await t.app.request(`/api/v1/admin/sites/${made.siteKey}`, patch({ disabled: false }))).status).toBe(200);

    const rotated = await t.app.request(`/api/v1/admin/sites/${made.siteKey}/rotate`, { method: "POST", headers: admin.headers });
    expect(rotated.status).toBe(200);
    const fresh = await answerOf(rotated, siteSchema);
    expect(fresh.siteKey).not.toBe(made.siteKey);
    expect(fresh.snippet).toContain(`data-site="${fresh.siteKey}"`);
    const stale = await fromWidget(made.siteKey, "https://new.shop.example");
    expect(stale.status).toBe(403);
    expect((await errorOf(stale)).error.code).toBe("SITE_UNKNOWN");
    expect((await fromWidget(fresh.siteKey, "https://new.shop.example")).status).toBe(201);

    expect((await t.app.request(`/api/v1/admin/sites/${made.siteKey}`, patch({ name: "Gone" }))).status).toBe(404);
    expect((await t.app.request(`/api/v1/admin/sites/${fresh.siteKey}`, patch({ allowedOrigins: ["not an origin"] }))).status).toBe(422);
    expect((await t.app.request(`/api/v1/admin/sites/${fresh.siteKey}`, patch({ siteKey: "site_mine" }))).status).toBe(422);
    expect(t.logs.join("")).toMatch(/"actor":"staff:edit-admin@support.test","action":"site-key-rotated"/);
  });

  test("a license's new terms and addresses level the next ticket; contacts keep their mark", async () => {
    await postJson(t, "/api/v1/admin/licenses", { key: "EDIT-1", holder: "Org", category: "commercial", edition: "cloud", emails: ["boss@org.example"], supportUntil: "2020-12-31" }, adminHeaders);
    const [lic] = await t.deps.db.select().from(licenses).where(eq(licenses.key, "EDIT-1"));
    await t.deps.db.update(licenseEmails).set({ isContact: true }).where(eq(licenseEmails.licenseId, lic!.id));
    const level = async (email: string) => (await answerOf(await postJson(t, "/api/v1/tickets", { email, description: "Level?", edition: "self-hosted" }), ticketCreatedSchema)).slaLevel;
    expect(await level("boss@org.example")).toBe("non-commercial-self-hosted");

    const res = await t.app.request("/api/v1/admin/licenses/EDIT-1", patch({
      supportUntil: null, emails: ["boss@org.example", "Dev@Org.example"], category: "partner", accountManagerEmail: "am@vendor.example",
    }, admin.headers));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ key: "EDIT-1", category: "partner", supportUntil: null, accountManagerEmail: "am@vendor.example", emails: ["boss@org.example", "dev@org.example"] });
    expect(await level("dev@org.example")).toBe("partner-self-hosted");
    const marks = Object.fromEntries((await t.deps.db.select().from(licenseEmails).where(eq(licenseEmails.licenseId, lic!.id))).map((e) => [e.email, e.isContact]));
    expect(marks).toEqual({ "boss@org.example": true, "dev@org.example": false });
    expect((await t.app.request("/api/v1/admin/licenses/NOPE", patch({ holder: "x" }))).status).toBe(404);
    expect((await t.app.request("/api/v1/admin/licenses/EDIT-1", patch({ category: "gold" }))).status).toBe(422);
  });

  test("staff roles change at once; nobody demotes themselves; the last admin stays", async () => {
    const agent = await staffSession(t, "edit-agent@support.test", "agent");
    const list = (await answerOf(await t.app.request("/api/v1/admin/staff", { headers: adminHeaders }), staffListSchema)).items;
    const id = (email: string) => list.find((s) => s.email === email)!.id;
    expect((await t.app.request("/api/v1/supervisor/escalations", { headers: agent.headers })).status).toBe(403);
    const promoted = await t.app.request(`/api/v1/admin/staff/${id("edit-agent@support.test")}`, patch({ role: "supervisor", name: "Edit Agent" }, admin.headers));
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ role: "supervisor", name: "Edit Agent", disabled: false });
    expect((await t.app.request("/api/v1/supervisor/escalations", { headers: agent.headers })).status).toBe(200);

    const self = await t.app.request(`/api/v1/admin/staff/${id("edit-admin@support.test")}`, patch({ role: "agent" }, admin.headers));
    expect(self.status).toBe(409);
    const last = await t.app.request(`/api/v1/admin/staff/${id("edit-admin@support.test")}`, patch({ disabled: true }));
    expect(last.status).toBe(409);
    expect((await errorOf(last)).error.message).toMatch(/last admin/);

    const off = await t.app.request(`/api/v1/admin/staff/${id("edit-agent@support.test")}`, patch({ disabled: true }, admin.headers));
    expect(off.status).toBe(200);
    expect((await t.app.request("/api/v1/queue", { headers: agent.headers })).status).toBe(401);
  });
});
