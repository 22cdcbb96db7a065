import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kbArticleDetailSchema, kbArticleListSchema, kbPreviewResultSchema } from "../../shared/api/kb-staff";
import { kbSearchResponseSchema } from "../../shared/api/kb";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf, errorOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { ALLOWED, HOSTILE, inert } from "../fixtures/kb-hostile";
import { eq } from "drizzle-orm";
import { tickets } from "../../server/db/schema";
import { ticketArticles } from "../../server/services/kb/feedback";

/**
 * The console's article routes (issue 16, "Staff"): who may write (editors and admins), who may
 * only read (agents, supervisors), who gets nothing (clients, anonymous); revisions on update;
 * the preview's sanitising; the draft from a resolved ticket.
 */
describe.each(drivers())("kb articles for staff on %s", (driver) => {
  let t: TestApp;
  let editor: Session, agent: Session, admin: Session, client: Session;
  const send = (method: string, url: string, who: Session | null, body?: unknown) => t.app.request(url, {
    method, headers: { ...(who?.headers ?? {}), ...(body === undefined ? {} : { "Content-Type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const article = (over: Record<string, unknown> = {}) => ({ slug: "renew-certificate", locale: "en", title: "Renew the certificate", body: "Open **Settings**.", category: "security", tags: ["ssl"], ...over });

  beforeAll(async () => {
    t = await startTestApp(driver);
    editor = await staffSession(t, "ed@support.example", "editor");
    agent = await staffSession(t, "agent@support.example", "agent");
    admin = await staffSession(t, "admin@support.example", "admin");
    client = await clientSession(t, "client@shop.example");
  });
  afterAll(async () => { await t?.close(); });

  test("an editor creates an article; a second one at the same address is refused, not overwritten", async () => {
    const res = await send("POST", "/api/v1/kb/articles", editor, article());
    expect(res.status).toBe(201);
    const a = await answerOf(res, kbArticleDetailSchema);
    expect(a).toMatchObject({ slug: "renew-certificate", visibility: "draft", revision: 1, url: "/help/en/renew-certificate", html: "<p>Open <strong>Settings</strong>.</p>\n" });
    expect(a.revisions.map((r) => [r.revision, r.author, Number.isNaN(Date.parse(r.createdAt))])).toEqual([[1, "staff:ed@support.example", false]]);
    const again = await send("POST", "/api/v1/kb/articles", admin, article({ title: "Other" }));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).error.code).toBe("CONFLICT");
  });

  test("agents and supervisors read but do not write; clients and anonymous callers get nothing", async () => {
    const supervisor = await staffSession(t, "lead@support.example", "supervisor");
    for (const who of [agent, supervisor]) {
      expect((await send("GET", "/api/v1/kb/articles", who)).status).toBe(200);
      expect((await send("POST", "/api/v1/kb/articles", who, article({ slug: "by-agent" }))).status).toBe(403);
    }
    expect((await send("GET", "/api/v1/kb/articles", client)).status).toBe(403);
    expect((await send("GET", "/api/v1/kb/articles", null)).status).toBe(401);
    expect((await send("POST", "/api/v1/kb/articles/preview", null, { body: "x" })).status).toBe(401);
    expect((await send("POST", "/api/v1/kb/articles", client, article({ slug: "by-client" }))).status).toBe(403);
    // The admin token writes as the admin API does.
    expect((await postJson(t, "/api/v1/kb/articles", article({ slug: "by-token", title: "Written with the token" }), adminHeaders)).status).toBe(201);
  });

  test("an update writes a revision with its author and time; the same content again writes none; a stale one is refused", async () => {
    const [listed] = (await answerOf(await send("GET", "/api/v1/kb/articles?slug=renew-certificate", agent), kbArticleListSchema)).items;
    const id = listed!.id;
    const res = await send("PUT", `/api/v1/kb/articles/${id}`, admin, article({ body: "Open **Settings**, then *SSL*.", visibility: "public", baseRevision: 1 }));
    expect(res.status).toBe(200);
    const a = await answerOf(res, kbArticleDetailSchema);
    expect(a).toMatchObject({ revision: 2, visibility: "public" });
    expect(a.revisions.map((r) => [r.revision, r.author])).toEqual([[2, "staff:admin@support.example"], [1, "staff:ed@support.example"]]);
    expect(Date.parse(a.revisions[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(a.revisions[1]!.createdAt));
    // Saving what is stored changes nothing.
    const same = await answerOf(await send("PUT", `/api/v1/kb/articles/${id}`, editor, article({ body: "Open **Settings**, then *SSL*.", visibility: "public" })), kbArticleDetailSchema);
    expect(same.revision).toBe(2);
    // Someone saved revision 2 after this editor opened revision 1.
    const stale = await send("PUT", `/api/v1/kb/articles/${id}`, editor, article({ body: "Mine", baseRevision: 1 }));
    expect(stale.status).toBe(409);
    // The agent reads, may not write.
    expect((await send("PUT", `/api/v1/kb/articles/${id}`, agent, article({ body: "Agent" }))).status).toBe(403);
  });

  test("the list filters by locale, visibility, category and words", async () => {
    await send("POST", "/api/v1/kb/articles", editor, article({ slug: "zertifikat-erneuern", locale: "de", title: "Zertifikat erneuern", visibility: "internal", category: "sicherheit", tags: ["tls"] }));
    const slugs = async (query: string) => (await answerOf(await send("GET", `/api/v1/kb/articles${query}`, agent), kbArticleListSchema)).items.map((i) => i.slug).sort();
    expect(await slugs("?locale=de")).toEqual(["zertifikat-erneuern"]);
    expect(await slugs("?visibility=internal")).toEqual(["zertifikat-erneuern"]);
    expect(await slugs("?visibility=public")).toEqual(["renew-certificate"]);
    expect(await slugs("?category=sicherheit")).toEqual(["zertifikat-erneuern"]);
    expect(await slugs("?q=TLS")).toEqual(["zertifikat-erneuern"]);
    expect(await slugs("?q=renew&locale=en")).toEqual(["renew-certificate"]);
    expect((await send("GET", "/api/v1/kb/articles?visibility=secret", agent)).status).toBe(422);
  });

  test("the preview renders hostile Markdown inert, for every staff member", async () => {
    for (const source of HOSTILE) {
      const res = await send("POST", "/api/v1/kb/articles/preview", agent, { body: source });
      expect(res.status).toBe(200);
      const { html } = await answerOf(res, kbPreviewResultSchema);
      expect(inert(html), `${source} → ${html}`).toEqual([]);
      const tags = [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((m) => m[1]!.toLowerCase());
      expect(tags.filter((x) => !ALLOWED.includes(x))).toEqual([]);
    }
    const ok = await answerOf(await send("POST", "/api/v1/kb/articles/preview", editor, { body: "# Hi\n\n[docs](https://docs.example)" }), kbPreviewResultSchema);
    expect(ok.html).toBe('<h1>Hi</h1>\n<p><a href="https://docs.example" rel="nofollow noopener">docs</a></p>\n');
  });

  test("a draft from a resolved ticket holds its subject, description and the staff answer; an open ticket is refused", async () => {
    const tid = (await answerOf(await postJson(t, "/api/v1/tickets", { email: "client@shop.example", subject: "Export größer als 2 GB bricht ab", description: "The export stops at 2 GB with error 500.", locale: "de" }), ticketCreatedSchema)).tid;
    const early = await send("POST", `/api/v1/kb/articles/from-ticket/${tid}`, agent);
    expect(early.status).toBe(409);
    expect((await send("POST", `/api/v1/tickets/${tid}/messages`, agent, { body: "Raise upload_max_filesize to 4G and restart PHP." })).status).toBe(201);
    expect((await send("POST", `/api/v1/tickets/${tid}/messages`, agent, { body: "Internal: customer is on an old plan.", visibility: "internal" })).status).toBe(201);
    expect((await send("POST", `/api/v1/tickets/${tid}/status`, agent, { status: "resolved" })).status).toBe(200);
    const res = await send("POST", `/api/v1/kb/articles/from-ticket/${tid}`, agent);
    expect(res.status).toBe(201);
    const d = await answerOf(res, kbArticleDetailSchema);
    expect(d).toMatchObject({ title: "Export größer als 2 GB bricht ab", slug: "export-groesser-als-2-gb-bricht-ab", locale: "de", visibility: "draft", revision: 1 });
    expect(d.body).toBe("## Problem\n\nThe export stops at 2 GB with error 500.\n\n## Lösung\n\nRaise upload_max_filesize to 4G and restart PHP.");
    expect(d.body).not.toContain("Internal");
    expect(d.revisions[0]!.author).toBe("staff:agent@support.example");
    // A second draft from the same ticket gets its own address; neither reaches the public.
    const second = await answerOf(await send("POST", `/api/v1/kb/articles/from-ticket/${tid}`, editor), kbArticleDetailSchema);
    expect(second.slug).toBe("export-groesser-als-2-gb-bricht-ab-2");
    const found = await answerOf(await t.app.request("/api/v1/kb/search?q=export&locale=de"), kbSearchResponseSchema);
    expect(found.results).toEqual([]);
    expect((await send("POST", "/api/v1/kb/articles/from-ticket/1000015", client)).status).toBe(403);
  });

  test("a staff answer that links public articles records them on the ticket as linked; internal ones and notes are not", async () => {
    const tid = (await answerOf(await postJson(t, "/api/v1/tickets", { email: "client@shop.example", description: "The certificate expired." }), ticketCreatedSchema)).tid;
    const body = "See Renew the certificate: https://desk.example/help/en/renew-certificate\nand https://desk.example/help/de/zertifikat-erneuern (internal) and /help/en/renew-certificate again.";
    expect((await send("POST", `/api/v1/tickets/${tid}/messages`, agent, { body: "Note: /help/en/renew-certificate", visibility: "internal" })).status).toBe(201);
    const [row] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    expect(await ticketArticles(t.deps, row!.id)).toEqual([]);
    expect((await send("POST", `/api/v1/tickets/${tid}/messages`, agent, { body })).status).toBe(201);
    expect((await ticketArticles(t.deps, row!.id)).map((a) => [a.slug, a.kind])).toEqual([["renew-certificate", "linked"]]);
  });

  test("one article opens with its revisions; a missing one is 404", async () => {
    const [listed] = (await answerOf(await send("GET", "/api/v1/kb/articles?slug=renew-certificate", agent), kbArticleListSchema)).items;
    const a = await answerOf(await send("GET", `/api/v1/kb/articles/${listed!.id}`, agent), kbArticleDetailSchema);
    expect(a.body).toBe("Open **Settings**, then *SSL*.");
    expect(a.revisions.length).toBe(2);
    expect((await send("GET", "/api/v1/kb/articles/999999", agent)).status).toBe(404);
  });
});
