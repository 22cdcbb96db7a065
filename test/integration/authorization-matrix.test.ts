import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { licenseEmails } from "../../server/db/schema";
import { saveArticle } from "../../server/services/kb/articles";
import { licenseCreatedSchema } from "../../shared/api/console-responses";
import { credentialRefSchema } from "../../shared/api/ticket-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

/**
 * Every API route against every kind of caller. A route that exists in the app but has no row
 * here fails the first test: adding a route means deciding who may use it.
 */
type Who = "anonymous" | "otherClient" | "requester" | "contact" | "agent" | "editor" | "supervisor" | "adminStaff" | "adminToken";
const WHO: Who[] = ["anonymous", "otherClient", "requester", "contact", "agent", "editor", "supervisor", "adminStaff", "adminToken"];
/** ok: got past access control (any status but 401/403/404, and never 5xx). */
type Expect = "ok" | 401 | 403 | 404;
/** An editor works tickets as an agent does: unless a row says otherwise (`e`), the agent's answer is the editor's. */
const row = (a: Expect, o: Expect, r: Expect, c: Expect, g: Expect, s: Expect, ad: Expect, t: Expect, e: Expect = g) => ({ anonymous: a, otherClient: o, requester: r, contact: c, agent: g, editor: e, supervisor: s, adminStaff: ad, adminToken: t });

const PUBLIC = row("ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok");
const CLIENT_ONLY = row(401, "ok", "ok", "ok", 403, 403, 403, 403);
const TICKET_READ = row(401, 404, "ok", "ok", "ok", "ok", "ok", "ok");
const TICKET_CLIENT_ACTION = row(401, 404, "ok", "ok", 403, 403, 403, 403);
const TICKET_REQUESTER_ONLY = row(401, 404, "ok", 403, 403, 403, 403, 403);
const TICKET_BOTH_SIDES = row(401, 404, "ok", "ok", "ok", "ok", "ok", "ok");
const STAFF_ON_TICKET = row(401, 404, 403, 403, "ok", "ok", "ok", "ok");
const STAFF = row(401, 403, 403, 403, "ok", "ok", "ok", "ok");
const ADMIN = row(401, 403, 403, 403, 403, 403, "ok", "ok");
/** Admin routes naming something that does not exist here: past the guard, the answer is 404. */
const ADMIN_MISSING = row(401, 403, 403, 403, 403, 403, 404, 404);
const SUPERVISOR = row(401, 403, 403, 403, 403, "ok", "ok", "ok");
/** Writing knowledge base articles: editors and admins, not agents or supervisors. */
const KB_WRITER = row(401, 403, 403, 403, 403, 403, "ok", "ok", "ok");

/** A draft and an internal article, each with a word found nowhere else. */
const HIDDEN_ARTICLES = [["matrix-draft", "draft", "zebracrossing"], ["matrix-internal", "internal", "quokkafeed"]] as const;

const MATRIX: Record<string, ReturnType<typeof row>> = {
  "GET /healthz": PUBLIC, "GET /readyz": PUBLIC, "GET /metrics": PUBLIC, "GET /": PUBLIC, "GET /demo/panel.css": PUBLIC, "GET /demo/panel.js": PUBLIC,
  "GET /demo/phpinfo.php": PUBLIC, "GET /widget.js": PUBLIC,
  // A chunk name that does not exist: public, and the same 404 for everyone.
  "GET /widget/:file": row(404, 404, 404, 404, 404, 404, 404, 404), "GET /api/v1/openapi.json": PUBLIC,
  // The portal and console pages are public shells: what they show comes from the API rows below.
  "GET /portal": PUBLIC, "GET /portal/": PUBLIC, "GET /portal/*": PUBLIC, "GET /console": PUBLIC, "GET /console/": PUBLIC, "GET /console/*": PUBLIC,
  "GET /portal/assets/:file": row(404, 404, 404, 404, 404, 404, 404, 404), "GET /console/assets/:file": row(404, 404, 404, 404, 404, 404, 404, 404),
  "GET /api/v1/schedule": PUBLIC, "GET /api/v1/widget/config": PUBLIC, "GET /api/v1/schedule.ics": PUBLIC, "POST /api/v1/tickets": PUBLIC,
  "POST /api/v1/auth/login": PUBLIC, "POST /api/v1/auth/link": PUBLIC, "POST /api/v1/auth/link/consume": PUBLIC, "GET /api/v1/auth/me": PUBLIC,
  "POST /api/v1/auth/logout": PUBLIC, "GET /api/v1/auth/setup": PUBLIC, "POST /api/v1/auth/setup": PUBLIC,
  // Only a staff account has a password of its own (the admin token has none).
  "POST /api/v1/auth/password": row(401, 403, 403, 403, "ok", "ok", "ok", 403),
  "GET /api/v1/portal/tickets": CLIENT_ONLY, // Finding another's ticket by its number answers "none of yours" (404), like a missing one.
  "GET /api/v1/portal/find": row(401, 404, "ok", "ok", 403, 403, 403, 403), "POST /api/v1/portal/tickets": CLIENT_ONLY,
  "GET /api/v1/tickets/:tid": TICKET_READ, "GET /api/v1/tickets/:tid/attachments/:id": TICKET_READ, "GET /api/v1/tickets/:tid/credentials": TICKET_READ,
  "POST /api/v1/tickets/:tid/messages": TICKET_BOTH_SIDES, "POST /api/v1/tickets/:tid/reopen": TICKET_CLIENT_ACTION,
  "POST /api/v1/tickets/:tid/escalations": TICKET_CLIENT_ACTION, "POST /api/v1/tickets/:tid/credentials": TICKET_CLIENT_ACTION,
  "POST /api/v1/tickets/:tid/rating": TICKET_REQUESTER_ONLY, "POST /api/v1/tickets/:tid/rating/confirm": TICKET_REQUESTER_ONLY,
  "POST /api/v1/tickets/:tid/credentials/:id/reveal": STAFF_ON_TICKET,
  "POST /api/v1/tickets/:tid/status": STAFF, "GET /api/v1/tickets/:tid/events": STAFF, "GET /api/v1/tickets/:tid/sla": STAFF,
  // The matrix ticket has no phpinfo: past the staff guard the answer is 404.
  "GET /api/v1/tickets/:tid/phpinfo": row(401, 403, 403, 403, 404, 404, 404, 404),
  "POST /api/v1/tickets/:tid/request-info": STAFF, "POST /api/v1/tickets/:tid/assign": STAFF, "POST /api/v1/tickets/:tid/level": STAFF, "GET /api/v1/queue": STAFF, "GET /api/v1/queue/events": STAFF,
  "POST /api/v1/admin/licenses": ADMIN, "POST /api/v1/admin/sites": ADMIN, "GET /api/v1/admin/holidays": ADMIN, "POST /api/v1/admin/holidays": ADMIN, "POST /api/v1/admin/sla/due": ADMIN,
  "DELETE /api/v1/admin/holidays/:date": ADMIN_MISSING, "POST /api/v1/admin/holidays/import": ADMIN, "GET /api/v1/admin/closures": ADMIN,
  "POST /api/v1/admin/closures": ADMIN, "DELETE /api/v1/admin/closures/:id": ADMIN_MISSING, "GET /api/v1/admin/mail/inbound": ADMIN,
  "POST /api/v1/admin/mail/spam/:id/release": ADMIN_MISSING,
  "GET /api/v1/reports/sla": STAFF, "GET /api/v1/reports/first-response": STAFF, "GET /api/v1/reports/backlog": STAFF, "GET /api/v1/reports/ratings": STAFF,
  "GET /api/v1/reports/kb/deflection": STAFF, "GET /api/v1/reports/kb/no-result": STAFF, "GET /api/v1/reports/kb/referenced": STAFF, "GET /api/v1/reports/kb/votes": STAFF,
  "GET /api/v1/canned": STAFF, "POST /api/v1/admin/canned": ADMIN, "PUT /api/v1/admin/canned/:id": ADMIN_MISSING, "DELETE /api/v1/admin/canned/:id": ADMIN_MISSING,
  "GET /api/v1/supervisor/escalations": SUPERVISOR, "GET /api/v1/supervisor/breaches": SUPERVISOR, "POST /api/v1/supervisor/tickets/:tid/assign": SUPERVISOR,
  "POST /api/v1/supervisor/escalations/:id/handled": row(401, 403, 403, 403, 403, 404, 404, 404),
  "GET /api/v1/admin/staff": ADMIN, "POST /api/v1/admin/staff": ADMIN, "POST /api/v1/admin/staff/:id/disable": ADMIN_MISSING,
  "POST /api/v1/admin/staff/:id/enable": ADMIN_MISSING, "GET /api/v1/admin/licenses": ADMIN, "GET /api/v1/admin/sites": ADMIN,
  "PATCH /api/v1/admin/staff/:id": ADMIN_MISSING, "PATCH /api/v1/admin/licenses/:key": ADMIN_MISSING,
  "PATCH /api/v1/admin/sites/:siteKey": ADMIN_MISSING, "POST /api/v1/admin/sites/:siteKey/rotate": ADMIN_MISSING,
  "GET /api/v1/admin/outbox": ADMIN, "GET /api/v1/admin/outbox/:id": ADMIN_MISSING, "POST /api/v1/admin/outbox/:id/retry": ADMIN_MISSING,
  // Public, but what each caller finds differs (drafts and internal articles: test/integration/kb-relevance.test.ts).
  "GET /api/v1/kb/search": PUBLIC,
  // The console's articles: every staff member reads, previews and drafts from a ticket (the matrix
  // ticket is not resolved: 409, past the guard); editors and admins write. Article 999999 is missing.
  "GET /api/v1/kb/articles": STAFF, "GET /api/v1/kb/articles/:id": row(401, 403, 403, 403, 404, 404, 404, 404),
  "POST /api/v1/kb/articles": KB_WRITER, "PUT /api/v1/kb/articles/:id": row(401, 403, 403, 403, 403, 403, 404, 404, 404),
  "POST /api/v1/kb/articles/preview": STAFF, "POST /api/v1/kb/articles/from-ticket/:tid": STAFF,
  // The matrix's public article, the same for everyone (drafts and internal ones: test/integration/kb-suggestions.test.ts).
  "GET /api/v1/kb/articles/:locale/:slug": PUBLIC, "POST /api/v1/kb/deflections": PUBLIC,
  // The help center's pages are for anonymous readers: the same for everyone (drafts and internal articles: test/integration/help-center.test.ts).
  "GET /help": PUBLIC, "GET /help/": PUBLIC, "GET /help/help.css": PUBLIC, "GET /help/sitemap.xml": PUBLIC, "GET /help/:locale/": PUBLIC,
  "GET /help/:locale/search": PUBLIC, "GET /help/:locale/c/:category": PUBLIC, "GET /help/:locale/:slug": PUBLIC, "POST /help/:locale/:slug/vote": PUBLIC,
  // An article image: public, served only while a public article shows it (test/integration/kb-images.test.ts); `nope.js` is no image.
  "GET /help/media/:file": row(404, 404, 404, 404, 404, 404, 404, 404),
  // Any other address under /help/ is the help center's not-found page.
  "GET /help/*": row(404, 404, 404, 404, 404, 404, 404, 404),
  // Docs as code through a running server (tidings kb import/export).
  "POST /api/v1/admin/kb/import": ADMIN, "GET /api/v1/admin/kb/export": ADMIN,
  "GET /api/v1/admin/suppressions": ADMIN, "DELETE /api/v1/admin/suppressions/:address": ADMIN_MISSING, "GET /api/v1/admin/mail/alerts": ADMIN,
};

describe.each(drivers())("the authorization matrix on %s", (driver) => {
  let t: TestApp;
  const headers = {} as Record<Who, Record<string, string>>;
  let tid = "";
  let attachmentId = "";
  let credentialId = "";
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(driver);
    const lic = await answerOf(await postJson(t, "/api/v1/admin/licenses", { key: "MATRIX-1", holder: "Org", category: "commercial", edition: "cloud", emails: ["requester@org.example", "contact@org.example"] }, adminHeaders), licenseCreatedSchema);
    await t.deps.db.update(licenseEmails).set({ isContact: true }).where((await import("drizzle-orm")).eq(licenseEmails.email, "contact@org.example"));
    void lic;
    const fd = new FormData();
    fd.set("email", "requester@org.example");
    fd.set("description", "The matrix ticket");
    fd.append("attachments", new Blob([new Uint8Array((await import("../fixtures/files")).png())]), "shot.png");
    tid = (await answerOf(await t.app.request("/api/v1/tickets", { method: "POST", body: fd }), ticketCreatedSchema)).tid;
    const sessions: Partial<Record<Who, Session>> = {
      otherClient: await clientSession(t, "other@elsewhere.example"),
      requester: await clientSession(t, "requester@org.example"),
      contact: await clientSession(t, "contact@org.example"),
      agent: await staffSession(t, "agent@support.example", "agent"),
      editor: await staffSession(t, "editor@support.example", "editor"),
      supervisor: await staffSession(t, "super@support.example", "supervisor"),
      adminStaff: await staffSession(t, "admin@support.example", "admin"),
    };
    for (const w of WHO) headers[w] = w === "adminToken" ? adminHeaders : w === "anonymous" ? {} : sessions[w]!.headers;
    const view = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    attachmentId = view.attachments[0]!.id;
    credentialId = (await answerOf(await t.app.request(`/api/v1/tickets/${tid}/credentials`, { method: "POST", headers: { ...headers.requester, "Content-Type": "application/json" }, body: JSON.stringify({ kind: "ssh", label: "SSH", secret: "x" }) }), credentialRefSchema)).id;
    await saveArticle(t.deps, { slug: "matrix-article", locale: "en", title: "Matrix", body: "x", category: "matrix", visibility: "public" }, "test");
    // What no anonymous answer may hold (the last test): a draft and an internal article beside the public
    // one, which the searches' "certificate steps" would find; their own words are in no query, so no page echoes them.
    for (const [slug, visibility, word] of HIDDEN_ARTICLES) {
      await saveArticle(t.deps, { slug, locale: "en", title: `Matrix ${word} certificate`, body: `The ${word} certificate steps.`, category: "matrix", tags: [word], visibility }, "test");
    }
  });
  afterAll(async () => { await t?.close(); });

  test("every route of the app has a rule here", () => {
    const routes = new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    expect([...routes].filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.has(r))).toEqual([]);
  });

  const request = (key: string, who: Who): [string, RequestInit] => {
    const [method, pattern] = key.split(" ") as [string, string];
    const path = pattern.replace(":tid", tid).replace(":id", pattern.includes("attachments") ? attachmentId : pattern.includes("credentials") ? credentialId : "999999")
      .replace(":file", "nope.js").replace(":date", "2031-01-07").replace(":siteKey", "site_missing").replace(":key", "NO-SUCH-LICENSE").replace(":address", "nobody@nowhere.example")
      .replace(":locale", "en").replace(":slug", "matrix-article").replace(":category", "matrix");
    // Signing in replaces the caller's session; these run without it so the other rows keep theirs.
    const h = /\/auth\/(login|link)/.test(key) ? {} : headers[who];
    const jsonBody = (b: unknown): RequestInit => ({ method, headers: { ...h, "Content-Type": "application/json" }, body: JSON.stringify(b) });
    const isClient = who === "otherClient" || who === "requester" || who === "contact";
    const query = key.endsWith("/find") ? `?tid=${tid}` : key.endsWith("/search") ? "?q=certificate%20steps" : "";
    if (method === "GET" || method === "DELETE") return [path + query, { method, headers: h }];
    if (key === "POST /api/v1/tickets/:tid/messages" && isClient) {
      const fd = new FormData();
      fd.set("body", `reply ${n++}`);
      return [path, { method, headers: h, body: fd }];
    }
    if (key === "POST /api/v1/portal/tickets") {
      const fd = new FormData();
      fd.set("description", "from the portal");
      return [path, { method, headers: h, body: fd }];
    }
    const bodies: Record<string, unknown> = {
      "POST /api/v1/tickets": { email: "new@example.org", description: "x" },
      "POST /api/v1/auth/login": { email: "agent@support.example", password: "correct horse battery" },
      "POST /api/v1/auth/link": { email: `link${n++}@example.org` },
      "POST /api/v1/auth/link/consume": { token: "not-a-real-token-000000000000" },
      "POST /api/v1/auth/setup": { token: "not-a-real-token-000000000000", email: "setup@support.example", password: "long enough password" },
      "POST /api/v1/auth/password": { current: "", next: "" },
      "POST /api/v1/tickets/:tid/messages": { body: "staff answer" },
      "POST /api/v1/tickets/:tid/reopen": { reason: "still broken" },
      "POST /api/v1/tickets/:tid/escalations": { target: "supervisor", reason: "please" },
      "POST /api/v1/tickets/:tid/credentials": { kind: "ftp", label: "FTP", secret: "s" },
      "POST /api/v1/tickets/:tid/rating": { score: 4 },
      "POST /api/v1/tickets/:tid/status": { status: "open" },
      "POST /api/v1/tickets/:tid/request-info": { body: "Which PHP version?" },
      "POST /api/v1/tickets/:tid/assign": { email: null },
      "POST /api/v1/tickets/:tid/level": { level: "license", reason: "matrix" },
      "POST /api/v1/admin/licenses": { key: `M-${n++}`, holder: "x", category: "commercial", edition: "cloud" },
      "POST /api/v1/admin/sites": { name: "x", allowedOrigins: ["https://x.example"] },
      "POST /api/v1/admin/holidays": { date: "2027-01-05", name: "Matrix day" },
      "POST /api/v1/admin/sla/due": { from: "2026-03-02T09:00:00Z", businessHours: 16 },
      "POST /api/v1/admin/closures": { startsAt: "2027-02-01T10:00:00Z", endsAt: "2027-02-01T12:00:00Z", name: "Matrix" },
      "POST /api/v1/admin/canned": { title: "Matrix", locale: "en", body: "See {{link}}", category: "docs" },
      "PUT /api/v1/admin/canned/:id": { title: "Matrix", locale: "en", body: "See {{link}}", category: "docs" },
      "POST /api/v1/supervisor/tickets/:tid/assign": { email: "agent@support.example" },
      "POST /api/v1/admin/staff": { email: `matrix${n++}@support.example`, role: "agent" },
      "PATCH /api/v1/admin/staff/:id": { name: "Matrix" },
      "PATCH /api/v1/admin/licenses/:key": { holder: "Matrix" },
      "PATCH /api/v1/admin/sites/:siteKey": { name: "Matrix" },
      "POST /api/v1/kb/articles": { slug: `matrix-${n++}`, locale: "en", title: "Matrix", body: "Text" },
      "PUT /api/v1/kb/articles/:id": { slug: "matrix", locale: "en", title: "Matrix", body: "Text" },
      "POST /api/v1/kb/articles/preview": { body: "# Matrix" },
    };
    // A form from the help center's own page (its origin is the one app.request uses).
    if (key === "POST /help/:locale/:slug/vote") return [path, { method, headers: { ...h, Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" }, body: "helpful=yes" }];
    if (key === "POST /api/v1/admin/holidays/import") return [path, { method, headers: { ...h, "Content-Type": "text/calendar" }, body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" }];
    return [path, jsonBody(bodies[key] ?? {})];
  };

  // Logout last: it ends the sessions the other rows use.
  const keys = Object.keys(MATRIX).sort((a, b) => Number(a.endsWith("/logout")) - Number(b.endsWith("/logout")));
  test.each(keys)("%s", async (key) => {
    const results: Record<string, number> = {};
    for (const who of WHO) {
      if (key.endsWith("/logout") && who !== "anonymous" && who !== "adminToken") continue;
      const [path, init] = request(key, who);
      const res = await t.app.request(path, init);
      results[who] = res.status;
      expect(res.status, `${who} → ${res.status}`).toBeLessThan(500);
    }
    const got = Object.fromEntries(Object.entries(results).map(([w, s]) => [w, s === 401 || s === 403 || s === 404 ? s : "ok"]));
    const want = Object.fromEntries(Object.keys(results).map((w) => [w, MATRIX[key]![w as Who]]));
    expect(got).toEqual(want);
  });

  // Every GET an anonymous reader (or a client) can make, with the article routes also asked for
  // the hidden articles by name: none of their words in any answer (issue 16, acceptance 6).
  test("the searches' words do find the internal article for staff (so the check above could fail)", async () => {
    const [path, init] = request("GET /api/v1/kb/search", "agent");
    expect(await (await t.app.request(path, init)).text()).toContain("quokkafeed");
  });
  const readable = keys.filter((k) => k.startsWith("GET "));
  test.each(readable)("no draft or internal article in the anonymous answer of %s", async (key) => {
    for (const who of ["anonymous", "otherClient"] as const) {
      const [path, init] = request(key, who);
      const paths = [path, ...(key.includes(":slug") ? HIDDEN_ARTICLES.map(([slug]) => path.replace("matrix-article", slug)) : [])];
      for (const p of paths) {
        const text = await (await t.app.request(p, init)).text();
        for (const [, , word] of HIDDEN_ARTICLES) expect(text, `${who} ${p}`).not.toContain(word);
      }
    }
  });
});
