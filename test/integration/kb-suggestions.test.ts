import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import { kbDeflections, tickets } from "../../server/db/schema";
import { saveArticle } from "../../server/services/kb/articles";
import { siteCreatedSchema } from "../../shared/api/console-responses";
import { kbArticleReadSchema, kbDeflectionRecordedSchema } from "../../shared/api/kb";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, staffSession } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

/**
 * The widget's deflection step (issue 16): one article read inside the dialog, "This solved my
 * problem" counted, and a report that carries what its writer was shown, opened and read.
 */
describe.each(drivers())("kb suggestions on %s", (driver) => {
  let t: TestApp;
  let siteKey = "";
  const ORIGIN = "https://shop.example";
  beforeAll(async () => {
    t = await startTestApp(driver);
    const save = (slug: string, title: string, visibility: "public" | "internal" | "draft", locale: "en" | "de" = "en") =>
      saveArticle(t.deps, { slug, locale, title, body: `# ${title}\n\nRenew it <script>alert(1)</script> [here](javascript:alert(1)).`, visibility }, "test");
    await save("renew-certificate", "Renew the TLS certificate", "public");
    await save("zertifikat-erneuern", "Zertifikat erneuern", "public", "de");
    await save("renew-certificate", "Zertifikat erneuern (Duplikat)", "public", "de");
    await save("internal-runbook", "Internal runbook", "internal");
    await save("unfinished", "Unfinished", "draft");
    siteKey = (await answerOf(await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: [ORIGIN] }, adminHeaders), siteCreatedSchema)).siteKey;
  });
  afterAll(async () => { await t?.close(); });

  test("an article reads rendered and sanitised; drafts and internal ones are 404 for anonymous readers, internal ones readable by staff", async () => {
    const a = await answerOf(await t.app.request("/api/v1/kb/articles/en/renew-certificate"), kbArticleReadSchema);
    expect(a).toMatchObject({ slug: "renew-certificate", locale: "en", title: "Renew the TLS certificate", url: "/help/en/renew-certificate" });
    expect(a.html).toContain("<h1");
    expect(a.html).not.toMatch(/<script|href="javascript:/i);
    for (const path of ["en/internal-runbook", "en/unfinished", "en/nothing-here", "xx/renew-certificate", "en/Bad..Slug"]) {
      expect((await t.app.request(`/api/v1/kb/articles/${path}`)).status, path).toBe(404);
    }
    const agent = await staffSession(t, "agent@support.example", "agent");
    expect((await t.app.request("/api/v1/kb/articles/en/internal-runbook", { headers: agent.headers })).status).toBe(200);
    expect((await t.app.request("/api/v1/kb/articles/en/unfinished", { headers: agent.headers })).status).toBe(404);
  });

  test("the widget's reads are allowed from its site's origins only", async () => {
    const ok = await t.app.request("/api/v1/kb/search?q=certificate", { headers: { Origin: ORIGIN } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const other = await t.app.request("/api/v1/kb/articles/en/renew-certificate", { headers: { Origin: "https://elsewhere.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("\"This solved my problem\" counts a deflection of a public article, with the widget's site; a draft or internal one is 404", async () => {
    const site = { "X-Tidings-Site": siteKey, Origin: ORIGIN };
    await answerOf(await postJson(t, "/api/v1/kb/deflections", { slug: "renew-certificate", locale: "en" }, site), kbDeflectionRecordedSchema);
    expect((await postJson(t, "/api/v1/kb/deflections", { slug: "internal-runbook", locale: "en" })).status).toBe(404);
    expect((await postJson(t, "/api/v1/kb/deflections", { slug: "unfinished", locale: "en" })).status).toBe(404);
    expect((await postJson(t, "/api/v1/kb/deflections", { slug: "renew-certificate" })).status).toBe(422);
    expect((await postJson(t, "/api/v1/kb/deflections", { slug: "renew-certificate", locale: "en" }, { "X-Tidings-Site": siteKey, Origin: "https://evil.example" })).status).toBe(403);
    const rows = await t.deps.db.select().from(kbDeflections);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ locale: "en" });
    expect(rows[0]!.siteId).not.toBeNull();
  });

  test("a report keeps the articles it was shown and opened (in its language) and the documentation link; staff see them, the client only the link", async () => {
    const fd = new FormData();
    fd.set("email", "client@example.org");
    fd.set("description", "My certificate expired and the shop shows a warning");
    fd.set("locale", "de");
    fd.set("kbShown", "renew-certificate,zertifikat-erneuern,internal-runbook,gone-since");
    fd.set("kbOpened", "zertifikat-erneuern");
    fd.set("docLink", "https://forum.example/t/cert-warning");
    const tid = (await answerOf(await t.app.request("/api/v1/tickets", { method: "POST", body: fd }), ticketCreatedSchema)).tid;
    const [row] = await t.deps.db.select({ docLink: tickets.docLink }).from(tickets).where(eq(tickets.tid, tid));
    expect(row!.docLink).toBe("https://forum.example/t/cert-warning");
    const view = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    expect(view.docLink).toBe("https://forum.example/t/cert-warning");
    // An unknown slug is dropped; the German duplicate slug wins for a German ticket.
    expect([...view.kbArticles!].sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: "renew-certificate", locale: "de", title: "Zertifikat erneuern (Duplikat)", url: "/help/de/renew-certificate", shown: true, opened: false, linked: false },
      { slug: "zertifikat-erneuern", locale: "de", title: "Zertifikat erneuern", url: "/help/de/zertifikat-erneuern", shown: true, opened: true, linked: false },
      { slug: "internal-runbook", locale: "en", title: "Internal runbook", url: "/help/en/internal-runbook", shown: true, opened: false, linked: false },
    ].sort((a, b) => a.slug.localeCompare(b.slug)));
    // The client reads their link back, not the list of articles (that is the support side's).
    const client = await clientSession(t, "client@example.org");
    const own = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: client.headers }), ticketViewSchema);
    expect(own.docLink).toBe("https://forum.example/t/cert-warning");
    expect(own.kbArticles).toBeUndefined();
  });

  test("the new fields are validated and bounded", async () => {
    const send = (extra: Record<string, unknown>) => postJson(t, "/api/v1/tickets", { email: "client@example.org", description: "x", ...extra });
    expect((await send({ docLink: "javascript:alert(1)" })).status).toBe(422);
    expect((await send({ kbShown: ["Not A Slug"] })).status).toBe(422);
    expect((await send({ kbOpened: Array.from({ length: 21 }, (_, i) => `a-${i}`) })).status).toBe(422);
    expect((await send({ kbShown: ["renew-certificate", "renew-certificate"], kbOpened: [] })).status).toBe(201);
    expect((await t.deps.db.select({ n: count() }).from(tickets).where(eq(tickets.docLink, "x")))[0]!.n).toBe(0);
  });
});
