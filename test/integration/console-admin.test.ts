import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { escalations, licenseEmails, outbox, sessions, staff, ticketEvents, tickets } from "../../server/db/schema";
import type { CannedAnswer } from "../../shared/api/console";
import {
  breachListSchema, cannedAnswerSchema, cannedListSchema, escalationListSchema, licenseListSchema, outboxListSchema, outboxMailSchema,
  siteCreatedSchema, siteListSchema, staffCreatedSchema, staffListSchema,
} from "../../shared/api/console-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf, errorOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

const send = (method: string, body: unknown, headers: Record<string, string>) => ({ method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

describe.each(drivers())("console: canned answers, supervisors and admin lists on %s", (driver) => {
  let t: TestApp;
  let now = Date.parse("2026-03-02T08:00:00Z");
  let agent: Session;
  let supervisor: Session;
  let admin: Session;
  const eventsOf = async (tid: string) => {
    const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    return t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, tk!.id));
  };
  const newTicket = async (email: string, extra: Record<string, unknown> = {}) => (await answerOf(await postJson(t, "/api/v1/tickets", { email, description: "Help", ...extra }), ticketCreatedSchema)).tid;

  // Staff sessions last 12 hours: a test that moves the clock by days signs in afresh (not before
  // every test: sign-ins are rate limited per address in real time).
  const signIn = async () => {
    agent = await staffSession(t, "agent@support.example", "agent");
    supervisor = await staffSession(t, "super@support.example", "supervisor");
    admin = await staffSession(t, "admin@support.example", "admin");
  };
  beforeAll(async () => {
    t = await startTestApp(driver);
    t.deps.now = () => new Date(now);
    await signIn();
  });
  afterAll(async () => { await t?.close(); });

  describe("canned answers", () => {
    test("the first reads seed the defaults once: documentation links and SLA 3.1–3.5, in English and German", async () => {
      const [a, b] = await Promise.all([
        t.app.request("/api/v1/canned", { headers: agent.headers }),
        t.app.request("/api/v1/canned", { headers: supervisor.headers }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const all: CannedAnswer[] = (await answerOf(a, cannedListSchema)).items;
      expect((await answerOf(b, cannedListSchema)).items).toHaveLength(all.length);
      const again: CannedAnswer[] = (await answerOf(await t.app.request("/api/v1/canned", { headers: agent.headers }), cannedListSchema)).items;
      expect(again.map((x) => x.id)).toEqual(all.map((x) => x.id));
      for (const locale of ["en", "de"] as const) {
        const mine = all.filter((x) => x.locale === locale);
        const scope = mine.filter((x) => x.category === "out-of-scope");
        expect(scope.map((x) => /SLA (3\.\d)/.exec(x.title)?.[1]).sort()).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5"]);
        expect(mine.filter((x) => x.category === "docs").length).toBeGreaterThanOrEqual(4);
        expect(mine.filter((x) => x.category === "docs").every((x) => x.body.includes("{{link}}"))).toBe(true);
      }
      expect(all.find((x) => x.locale === "de" && x.title.includes("3.5"))!.body).toContain("Partner");
      const en: CannedAnswer[] = (await answerOf(await t.app.request("/api/v1/canned?locale=en", { headers: agent.headers }), cannedListSchema)).items;
      expect(en.length).toBe(all.length / 2);
      expect(en.every((x) => x.locale === "en")).toBe(true);
    });

    test("admins add, change and delete answers; others may only read", async () => {
      const body = { title: "Cache settings", locale: "en", body: "See {{link}}", category: "docs" };
      for (const s of [agent, supervisor]) {
        expect((await t.app.request("/api/v1/admin/canned", send("POST", body, s.headers))).status).toBe(403);
      }
      expect((await t.app.request("/api/v1/canned")).status).toBe(401);
      const created = await t.app.request("/api/v1/admin/canned", send("POST", body, admin.headers));
      expect(created.status).toBe(201);
      const c = await answerOf(created, cannedAnswerSchema);
      expect(c).toMatchObject({ ...body, updatedBy: "staff:admin@support.example" });
      const put = await t.app.request(`/api/v1/admin/canned/${c.id}`, send("PUT", { ...body, title: "Caching", locale: "de" }, adminHeaders));
      expect(put.status).toBe(200);
      expect(await put.json()).toMatchObject({ id: c.id, title: "Caching", locale: "de", updatedBy: "admin" });
      expect((await t.app.request(`/api/v1/admin/canned/${c.id}`, send("PUT", { ...body, category: "gossip" }, adminHeaders))).status).toBe(422);
      expect((await t.app.request("/api/v1/admin/canned/99999999", send("PUT", body, adminHeaders))).status).toBe(404);
      const del = await t.app.request(`/api/v1/admin/canned/${c.id}`, { method: "DELETE", headers: admin.headers });
      expect(await del.json()).toEqual({ id: c.id, deleted: true });
      expect((await t.app.request(`/api/v1/admin/canned/${c.id}`, { method: "DELETE", headers: admin.headers })).status).toBe(404);
      const logs = t.logs.join("");
      for (const action of ["canned-created", "canned-updated", "canned-deleted"]) expect(logs).toContain(`"action":"${action}"`);
      expect(logs).toMatch(/"actor":"staff:admin@support.example","action":"canned-created"/);
    });
  });

  describe("supervisors", () => {
    test("see open escalations oldest first, and mark them handled with a ticket event", async () => {
      const tidOld = await newTicket("esc1@kunde.example", { subject: "Old one" });
      const tidNew = await newTicket("esc2@kunde.example", { subject: "New one" });
      for (const [tid, email] of [[tidOld, "esc1@kunde.example"], [tidNew, "esc2@kunde.example"]] as const) {
        now += 60_000;
        const c = await clientSession(t, email);
        expect((await t.app.request(`/api/v1/tickets/${tid}/escalations`, send("POST", { target: "supervisor", reason: `Please hurry ${tid}` }, c.headers))).status).toBe(201);
      }
      expect((await t.app.request("/api/v1/supervisor/escalations", { headers: agent.headers })).status).toBe(403);
      const list = await answerOf(await t.app.request("/api/v1/supervisor/escalations", { headers: supervisor.headers }), escalationListSchema);
      const mine = list.items.filter((e) => [tidOld, tidNew].includes(e.ticket.tid));
      expect(mine.map((e) => e.ticket.tid)).toEqual([tidOld, tidNew]);
      expect(mine[0]).toMatchObject({ target: "supervisor", byEmail: "esc1@kunde.example", ticket: { subject: "Old one", slaLevel: "non-commercial-self-hosted", requesterEmail: "esc1@kunde.example", status: "new" } });

      const id = mine[0]!.id;
      expect((await t.app.request(`/api/v1/supervisor/escalations/${id}/handled`, send("POST", {}, agent.headers))).status).toBe(403);
      const handled = await t.app.request(`/api/v1/supervisor/escalations/${id}/handled`, send("POST", { note: "Called them" }, supervisor.headers));
      expect(handled.status).toBe(200);
      const [sup] = await t.deps.db.select({ id: staff.id }).from(staff).where(eq(staff.email, "super@support.example"));
      expect(await handled.json()).toMatchObject({ id, tid: tidOld, handledBy: sup!.id, changed: true });
      // Without a body too, and a second time changes nothing.
      const twice = await t.app.request(`/api/v1/supervisor/escalations/${id}/handled`, { method: "POST", headers: adminHeaders });
      expect(await twice.json()).toMatchObject({ changed: false, handledBy: sup!.id });
      const events = (await eventsOf(tidOld)).filter((e) => e.type === "escalation-handled");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: "staff:super@support.example", data: { escalationId: id, note: "Called them", target: "supervisor" } });
      const [row] = await t.deps.db.select().from(escalations).where(eq(escalations.id, id));
      expect(row!.handledAt).not.toBeNull();
      const after = await answerOf(await t.app.request("/api/v1/supervisor/escalations", { headers: adminHeaders }), escalationListSchema);
      expect(after.items.map((e) => e.id)).not.toContain(id);
      expect((await t.app.request("/api/v1/supervisor/escalations/99999999/handled", send("POST", {}, supervisor.headers))).status).toBe(404);
    });

    test("see the breach list: past the maximum without an answer, or marked breached, still being worked", async () => {
      now = Date.parse("2026-03-09T08:00:00Z");
      await signIn();
      const late = await newTicket("late@kunde.example", { subject: "Late one" });
      const answered = await newTicket("fine@kunde.example");
      const done = await newTicket("done@kunde.example");
      await t.app.request(`/api/v1/tickets/${answered}/messages`, send("POST", { body: "On it" }, agent.headers));
      await postJson(t, `/api/v1/tickets/${done}/status`, { status: "resolved" }, adminHeaders);
      now = Date.parse("2026-03-20T08:00:00Z");
      await signIn();
      expect((await t.app.request("/api/v1/supervisor/breaches", { headers: agent.headers })).status).toBe(403);
      const r = await answerOf(await t.app.request("/api/v1/supervisor/breaches?limit=500", { headers: supervisor.headers }), breachListSchema);
      const tids = r.items.map((i) => i.tid);
      expect(tids).toContain(late);
      expect(tids).not.toContain(answered);
      expect(tids).not.toContain(done);
      expect(r.items.find((i) => i.tid === late)).toMatchObject({ subject: "Late one", breached: true, firstResponseAt: null, requesterEmail: "late@kunde.example", assignee: null });
      expect((await t.app.request("/api/v1/supervisor/breaches?limit=0", { headers: supervisor.headers })).status).toBe(422);
    });

    test("reassign a ticket to any staff member, with an event naming who", async () => {
      const tid = await newTicket("assign@kunde.example");
      const to = (email: string | null, s: Session) => t.app.request(`/api/v1/supervisor/tickets/${tid}/assign`, send("POST", { email }, s.headers));
      expect((await to("agent@support.example", agent)).status).toBe(403);
      const r = await to("AGENT@support.example", supervisor);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ tid, assignee: "agent@support.example" });
      const [a] = await t.deps.db.select({ id: staff.id }).from(staff).where(eq(staff.email, "agent@support.example"));
      const [tk] = await t.deps.db.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.tid, tid));
      expect(tk!.assigneeId).toBe(a!.id);
      expect((await to("nobody@support.example", supervisor)).status).toBe(422);
      expect((await to(null, admin)).status).toBe(200);
      const assigned = (await eventsOf(tid)).filter((e) => e.type === "assigned");
      expect(assigned.map((e) => [e.actor, e.data.to])).toEqual([["staff:super@support.example", "agent@support.example"], ["staff:admin@support.example", null]]);
      expect((await t.app.request("/api/v1/supervisor/tickets/1234/assign", send("POST", { email: null }, supervisor.headers))).status).toBe(422);
    });
  });

  describe("admin lists", () => {
    test("staff: list, add with a one-time password, disable (signs them out) and enable", async () => {
      for (const s of [agent, supervisor]) expect((await t.app.request("/api/v1/admin/staff", { headers: s.headers })).status).toBe(403);
      const list = await answerOf(await t.app.request("/api/v1/admin/staff", { headers: admin.headers }), staffListSchema);
      expect(list.items.map((s) => s.email)).toEqual(expect.arrayContaining(["admin@support.example", "agent@support.example", "super@support.example"]));
      expect(JSON.stringify(list)).not.toMatch(/passwordHash|scrypt/);

      const added = await t.app.request("/api/v1/admin/staff", send("POST", { email: "New.Agent@Support.example", role: "agent", name: "New Agent" }, admin.headers));
      expect(added.status).toBe(201);
      expect(added.headers.get("cache-control")).toBe("no-store");
      const n = await answerOf(added, staffCreatedSchema);
      expect(n).toMatchObject({ email: "new.agent@support.example", role: "agent", name: "New Agent", disabled: false });
      expect(n.generatedPassword).toMatch(/^\S{12,}$/);
      expect(t.logs.join("")).not.toContain(n.generatedPassword);
      expect(t.logs.join("")).toMatch(/"actor":"staff:admin@support.example","action":"staff-added"/);
      const login = await t.app.request("/api/v1/auth/login", send("POST", { email: "new.agent@support.example", password: n.generatedPassword }, {}));
      expect(login.status).toBe(200);
      const withPassword = await answerOf(await t.app.request("/api/v1/admin/staff", send("POST", { email: "sup2@support.example", role: "supervisor", password: "a long enough secret" }, adminHeaders)), staffCreatedSchema);
      expect(withPassword.generatedPassword).toBeNull();
      expect((await t.app.request("/api/v1/admin/staff", send("POST", { email: "sup2@support.example", role: "agent" }, adminHeaders))).status).toBe(409);
      expect((await t.app.request("/api/v1/admin/staff", send("POST", { email: "x@support.example", role: "boss" }, adminHeaders))).status).toBe(422);

      const victim = await staffSession(t, "leaving@support.example", "agent");
      expect((await t.app.request("/api/v1/queue", { headers: victim.headers })).status).toBe(200);
      const [v] = await t.deps.db.select({ id: staff.id }).from(staff).where(eq(staff.email, "leaving@support.example"));
      expect((await t.app.request(`/api/v1/admin/staff/${v!.id}/disable`, send("POST", {}, supervisor.headers))).status).toBe(403);
      const off = await t.app.request(`/api/v1/admin/staff/${v!.id}/disable`, send("POST", {}, admin.headers));
      expect(await off.json()).toMatchObject({ id: v!.id, disabled: true, changed: true });
      expect((await t.app.request("/api/v1/queue", { headers: victim.headers })).status).toBe(401);
      expect(await t.deps.db.select().from(sessions).where(eq(sessions.staffId, v!.id))).toHaveLength(0);
      expect((await t.app.request("/api/v1/auth/login", send("POST", { email: "leaving@support.example", password: "correct horse battery" }, {}))).status).toBe(401);
      expect(t.logs.join("")).toMatch(/"actor":"staff:admin@support.example","action":"staff-disabled"/);
      const on = await t.app.request(`/api/v1/admin/staff/${v!.id}/enable`, send("POST", {}, adminHeaders));
      expect(await on.json()).toMatchObject({ disabled: false, changed: true });
      expect((await t.app.request("/api/v1/auth/login", send("POST", { email: "leaving@support.example", password: "correct horse battery" }, {}))).status).toBe(200);

      const [me] = await t.deps.db.select({ id: staff.id }).from(staff).where(eq(staff.email, "admin@support.example"));
      expect((await t.app.request(`/api/v1/admin/staff/${me!.id}/disable`, send("POST", {}, admin.headers))).status).toBe(409);
      expect((await t.app.request("/api/v1/admin/staff/99999999/disable", send("POST", {}, admin.headers))).status).toBe(404);
    });

    test("licenses with their emails and contact flags; sites with their snippet", async () => {
      await postJson(t, "/api/v1/admin/licenses", { key: "LIST-1", holder: "Listed GmbH", category: "partner", edition: "self-hosted", emails: ["boss@listed.example", "dev@listed.example"] }, adminHeaders);
      await postJson(t, "/api/v1/admin/licenses", { key: "LIST-2", holder: "Expired AG", category: "commercial", edition: "cloud", emails: [], supportUntil: "2025-12-31" }, adminHeaders);
      await t.deps.db.update(licenseEmails).set({ isContact: true }).where(eq(licenseEmails.email, "boss@listed.example"));
      expect((await t.app.request("/api/v1/admin/licenses", { headers: supervisor.headers })).status).toBe(403);
      const all = await answerOf(await t.app.request("/api/v1/admin/licenses", { headers: admin.headers }), licenseListSchema);
      const one = all.items.find((l) => l.key === "LIST-1");
      expect(one).toMatchObject({ holder: "Listed GmbH", category: "partner", edition: "self-hosted", supportUntil: null, supportActive: true });
      expect(one!.emails).toEqual([{ email: "boss@listed.example", isContact: true }, { email: "dev@listed.example", isContact: false }]);
      expect(all.items.find((l) => l.key === "LIST-2")).toMatchObject({ supportActive: false, emails: [] });
      const found = await answerOf(await t.app.request("/api/v1/admin/licenses?q=dev%40listed", { headers: adminHeaders }), licenseListSchema);
      expect(found.items.map((l) => l.key)).toEqual(["LIST-1"]);
      const page1 = await answerOf(await t.app.request("/api/v1/admin/licenses?limit=1", { headers: adminHeaders }), licenseListSchema);
      expect(page1.items).toHaveLength(1);
      const page2 = await answerOf(await t.app.request(`/api/v1/admin/licenses?limit=1&after=${page1.next}`, { headers: adminHeaders }), licenseListSchema);
      expect(page2.items[0]!.id).toBeGreaterThan(page1.items[0]!.id);

      const site = await answerOf(await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: ["https://shop.example"] }, adminHeaders), siteCreatedSchema);
      const sites = await answerOf(await t.app.request("/api/v1/admin/sites", { headers: admin.headers }), siteListSchema);
      expect(sites.items.find((s) => s.siteKey === site.siteKey)).toMatchObject({ name: "Shop", allowedOrigins: ["https://shop.example"], snippet: site.snippet });
      expect(site.snippet).toContain(`data-site="${site.siteKey}"`);
    });

    test("one mail reads in full for an admin, with its links, uncached and logged with the reader", async () => {
      const tid = await newTicket("reader@kunde.example");
      const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
      const [ack] = await t.deps.db.select().from(outbox).where(and(eq(outbox.ticketId, tk!.id), eq(outbox.kind, "acknowledgement")));
      const list = await answerOf(await t.app.request("/api/v1/admin/outbox?status=pending", { headers: admin.headers }), outboxListSchema);
      // This app has no SMTP_URL: the console says mail only waits.
      expect(list.mailConfigured).toBe(false);

      expect((await t.app.request(`/api/v1/admin/outbox/${ack!.id}`, { headers: supervisor.headers })).status).toBe(403);
      const res = await t.app.request(`/api/v1/admin/outbox/${ack!.id}`, { headers: admin.headers });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const mail = await answerOf(res, outboxMailSchema);
      expect(mail).toMatchObject({ id: ack!.id, tid, kind: "acknowledgement", to: "reader@kunde.example", text: ack!.textBody, status: "pending" });
      expect(mail.links.length).toBeGreaterThan(0);
      expect(mail.links.every((l) => ack!.textBody.includes(l) && /^https?:\/\//.test(l))).toBe(true);
      expect(mail.links.some((l) => l.includes(`/portal/`))).toBe(true);
      expect((await t.app.request("/api/v1/admin/outbox/99999999", { headers: adminHeaders })).status).toBe(404);
      expect(t.logs.join("")).toMatch(new RegExp(`"actor":"staff:admin@support.example","action":"outbox-read","outboxId":${ack!.id}`));
    });

    test("the outbox lists mail without bodies; a failed mail can be retried, keeping its attempts", async () => {
      const tid = await newTicket("bounce@kunde.example");
      const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
      const [ack] = await t.deps.db.select().from(outbox).where(and(eq(outbox.ticketId, tk!.id), eq(outbox.kind, "acknowledgement")));
      expect(ack).toBeDefined();
      await t.deps.db.update(outbox).set({ status: "failed", attempts: 7, lastError: "421: try later", nextAttemptAt: new Date("2026-03-01T00:00:00Z") }).where(eq(outbox.id, ack!.id));

      expect((await t.app.request("/api/v1/admin/outbox", { headers: supervisor.headers })).status).toBe(403);
      const failed = await answerOf(await t.app.request("/api/v1/admin/outbox?status=failed", { headers: admin.headers }), outboxListSchema);
      const item = failed.items.find((i) => i.id === ack!.id);
      expect(item).toMatchObject({ tid, kind: "acknowledgement", to: "bounce@kunde.example", status: "failed", attempts: 7, lastError: "421: try later" });
      expect(item!.subject).toContain(tid);
      expect(Object.keys(item!)).not.toContain("textBody");
      expect(JSON.stringify(failed)).not.toContain(ack!.textBody.slice(0, 40));
      const pending = await answerOf(await t.app.request("/api/v1/admin/outbox?status=pending&limit=5", { headers: adminHeaders }), outboxListSchema);
      expect(pending.items.length).toBeLessThanOrEqual(5);
      expect(pending.items.every((i) => i.status === "pending")).toBe(true);
      expect((await t.app.request("/api/v1/admin/outbox?status=lost", { headers: adminHeaders })).status).toBe(422);

      const retried = await t.app.request(`/api/v1/admin/outbox/${ack!.id}/retry`, send("POST", {}, admin.headers));
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual({ id: ack!.id, status: "pending", attempts: 7, nextAttemptAt: new Date(now).toISOString() });
      const [row] = await t.deps.db.select().from(outbox).where(eq(outbox.id, ack!.id));
      expect(row).toMatchObject({ status: "pending", attempts: 7, nextAttemptAt: new Date(now) });
      const again = await t.app.request(`/api/v1/admin/outbox/${ack!.id}/retry`, send("POST", {}, admin.headers));
      expect(again.status).toBe(409);
      expect((await errorOf(again)).error.code).toBe("NOT_ALLOWED_NOW");

      expect((await t.app.request("/api/v1/admin/outbox/99999999/retry", send("POST", {}, adminHeaders))).status).toBe(404);
      expect((await eventsOf(tid)).filter((e) => e.type === "mail-retried").map((e) => e.actor)).toEqual(["staff:admin@support.example"]);
      expect(t.logs.join("")).toMatch(/"actor":"staff:admin@support.example","action":"outbox-retried"/);
    });
  });
});
