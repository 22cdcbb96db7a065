import { once } from "node:events";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { kbArticles, kbCategories, kbSearches, kbVotes } from "../../server/db/schema";
import { importFolder } from "../../server/services/kb/folder";
import { HIDDEN, writeHelpCorpus } from "../fixtures/help-corpus";
import { drivers } from "../support/databases";
import { freePort } from "../support/server-process";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The help center (issue 16, acceptance 5 and 6) on a corpus imported the way authors publish:
 * pages in both languages with canonical and hreflang links, the sitemap, votes by a plain form,
 * and drafts, internal and scheduled articles absent from every page, search and the sitemap.
 */
const PUBLIC_URL = "https://help.example";
const OWN = { Origin: PUBLIC_URL, "Content-Type": "application/x-www-form-urlencoded" };
/** Each fragment stands in the page: one expectation a fragment, so a miss names the fragment. */
const expectHolds = (html: string, fragments: string[]) => {
  for (const fragment of fragments) expect(html).toContain(fragment);
};

describe.each(drivers())("the help center on %s", (driver) => {
  let t: TestApp;
  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
  const page = async (path: string) => {
    const res = await get(path);
    return { status: res.status, html: await res.text(), res };
  };
  const vote = (path: string, helpful: string, headers: Record<string, string> = OWN) =>
    t.app.request(path, { method: "POST", headers, body: new URLSearchParams({ helpful }).toString() });

  beforeAll(async () => {
    t = await startTestApp(driver, { PUBLIC_URL });
    const report = await importFolder(t.deps, writeHelpCorpus(), "test");
    expect(report).toMatchObject({ created: 6, refused: 0 });
    await t.deps.db.insert(kbCategories).values([
      { slug: "certificates", locale: "en", title: "Certificates", description: "HTTPS and renewals.", position: 1 },
      { slug: "certificates", locale: "de", title: "Zertifikate", description: "HTTPS und Erneuerung.", position: 1 },
    ]);
  });
  afterAll(async () => { await t?.close(); });

  test("/help/ sends the reader to their language: the one they read last, else the browser's", async () => {
    expect((await get("/help/", { "Accept-Language": "de-AT,de;q=0.9,en;q=0.5" })).headers.get("location")).toBe("/help/de/");
    expect((await get("/help/", { "Accept-Language": "fr" })).headers.get("location")).toBe("/help/en/");
    expect((await get("/help/", { "Accept-Language": "de", Cookie: "tidings_help_lang=en" })).headers.get("location")).toBe("/help/en/");
    const de = await get("/help/de/");
    expect(de.headers.get("set-cookie")).toMatch(/tidings_help_lang=de;.*Path=\/help/);
    expect((await get("/help/en")).headers.get("location")).toBe("/help/en/");
  });

  test("the index lists the public articles by category, in the page's language, with hreflang to the other", async () => {
    const en = await page("/help/en/");
    expect(en.status).toBe(200);
    expect(en.res.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(en.res.headers.get("referrer-policy")).toBe("same-origin");
    expect(en.res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expectHolds(en.html, [
      '<html lang="en">',
      '<a href="/help/en/c/certificates">Certificates</a>',
      '<a href="/help/en/ssl-renewal">Certificate renewal fails</a>',
      '<a href="/help/en/backup-restore">Restoring a backup</a>',
      '<link rel="canonical" href="https://help.example/help/en/">',
      '<link rel="alternate" hreflang="de" href="https://help.example/help/de/">',
      'class="skip" href="#main"',
    ]);
    expect(en.html).toMatch(/<main id="main"/);
    const de = await page("/help/de/");
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain("Wie können wir helfen?");
    expect(de.html).toContain('<a href="/help/de/c/certificates">Zertifikate</a>');
    expect(de.html).not.toContain("Certificate renewal fails");
    for (const p of [en, de]) for (const word of HIDDEN) expect(p.html).not.toContain(word);
  });

  test("an article page holds its rendered text, its category, its date and the links between its translations", async () => {
    const en = await page("/help/en/ssl-renewal");
    expect(en.status).toBe(200);
    expectHolds(en.html, [
      '<h1 id="article-title">Certificate renewal fails</h1>',
      "Certificates renew <strong>thirty days</strong> before they expire.",
      "<h2>When renewal fails</h2>",
      "harbor cert renew --force",
      '<a href="https://docs.example/acme" rel="nofollow noopener">the ACME guide</a>',
      '<a href="/help/en/c/certificates">Certificates</a>',
    ]);
    expect(en.html).toMatch(/Updated <time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{1,2} \w+ \d{4}<\/time>/);
    expectHolds(en.html, [
      '<link rel="canonical" href="https://help.example/help/en/ssl-renewal">',
      '<link rel="alternate" hreflang="en" href="https://help.example/help/en/ssl-renewal">',
      '<link rel="alternate" hreflang="de" href="https://help.example/help/de/zertifikat-erneuern">',
      '<a href="/help/de/zertifikat-erneuern" hreflang="de" lang="de">Deutsch</a>',
      '<form method="post" action="/help/en/ssl-renewal/vote"',
    ]);
    expect(en.html).not.toMatch(/<script/i);
    const de = await page("/help/de/zertifikat-erneuern");
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain("War das hilfreich?");
    expect(de.html).toContain('<link rel="alternate" hreflang="en" href="https://help.example/help/en/ssl-renewal">');
    expect(de.html).toMatch(/Aktualisiert <time[^>]*>\d{1,2}\. \w+ \d{4}<\/time>/);
    // Without a translation there is no hreflang set to point at.
    expect((await page("/help/en/backup-restore")).html).not.toContain('rel="alternate"');
  });

  test("a category page lists its public articles; hidden ones are not counted", async () => {
    const en = await page("/help/en/c/certificates");
    expect(en.status).toBe(200);
    expect(en.html).toContain("<h1>Certificates</h1>");
    expect(en.html).toContain("1 article");
    expect(en.html).toContain('<link rel="alternate" hreflang="de" href="https://help.example/help/de/c/certificates">');
    for (const word of HIDDEN) expect(en.html).not.toContain(word);
    // The scheduling category holds only a draft: to a reader it does not exist.
    expect((await page("/help/en/c/scheduling")).status).toBe(404);
  });

  test("drafts, internal and scheduled articles answer the same not-found page as a wrong address", async () => {
    const wrong = await page("/help/en/no-such-article");
    expect(wrong.status).toBe(404);
    expect(wrong.html).toContain("<h1>Page not found</h1>");
    for (const slug of ["cron-draft", "internal-runbook", "coming-soon"]) {
      const p = await page(`/help/en/${slug}`);
      expect(p.status, slug).toBe(404);
      expect(p.html).toBe(wrong.html.replaceAll("/help/en/no-such-article", `/help/en/${slug}`));
    }
    const de = await page("/help/de/gibt-es-nicht");
    expect(de.html).toContain("<h1>Seite nicht gefunden</h1>");
    expect((await page("/help/fr/")).status).toBe(404);
    expect((await page("/help/en/c/x/y")).status).toBe(404);
  });

  test("search shows public articles with their snippets; hidden words find nothing", async () => {
    const found = await page(`/help/en/search?q=${encodeURIComponent("my certificate does not renew")}`);
    expect(found.status).toBe(200);
    expect(found.html).toContain('<a href="/help/en/ssl-renewal">Certificate renewal fails</a>');
    expect(found.html).toMatch(/<mark>/);
    expect(found.html).toContain('value="my certificate does not renew"');
    for (const word of ["quokkaword", "wombatword", "numbatword"]) {
      const p = await page(`/help/en/search?q=${word}`);
      expect(p.html, word).toContain("No article fits your search.");
      for (const hidden of HIDDEN) expect(p.html.replaceAll(word, "")).not.toContain(hidden);
    }
    expect((await page("/help/en/search")).html).toContain("Type a few words or describe your problem.");
    const logged = await t.deps.db.select().from(kbSearches).where(eq(kbSearches.source, "help"));
    expect(logged.length).toBeGreaterThanOrEqual(4);
  });

  test("what a reader typed is text, never markup, in titles, fields and headings", async () => {
    const q = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const p = await page(`/help/en/search?q=${encodeURIComponent(q)}`);
    expect(p.html).not.toMatch(/<script|<img/i);
    expect(p.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("the sitemap lists the public pages with their translations, and nothing hidden", async () => {
    const res = await get("/help/sitemap.xml");
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]).sort();
    expect(locs).toEqual([
      "https://help.example/help/de/", "https://help.example/help/de/c/certificates", "https://help.example/help/de/zertifikat-erneuern",
      "https://help.example/help/en/", "https://help.example/help/en/backup-restore", "https://help.example/help/en/c/certificates", "https://help.example/help/en/ssl-renewal",
    ]);
    const en = /<url>\s*<loc>https:\/\/help.example\/help\/en\/ssl-renewal<\/loc>[\s\S]*?<\/url>/.exec(xml)![0];
    expect(en).toContain('<xhtml:link rel="alternate" hreflang="de" href="https://help.example/help/de/zertifikat-erneuern"/>');
    expect(en).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://help.example/help/en/ssl-renewal"/>');
    expect(en).toMatch(/<lastmod>\d{4}-\d\d-\d\dT/);
    for (const word of HIDDEN) expect(xml).not.toContain(word);
  });

  test("\"Did this help?\" records the vote from our own page and thanks the reader; another site's form is refused", async () => {
    const [{ id }] = await t.deps.db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, "ssl-renewal")) as [{ id: number }];
    const votes = () => t.deps.db.select({ helpful: kbVotes.helpful, voter: kbVotes.voterKey }).from(kbVotes).where(eq(kbVotes.articleId, id));

    const res = await vote("/help/en/ssl-renewal/vote", "yes");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/help/en/ssl-renewal?voted=yes#feedback");
    const cookie = /tidings_help_voter=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(await votes()).toEqual([{ helpful: true, voter: cookie }]);
    const thanked = await page("/help/en/ssl-renewal?voted=yes");
    expect(thanked.html).toContain('<p class="ok" role="status">Thank you for telling us.</p>');
    expect(thanked.html).not.toContain("/vote");
    expect(thanked.html).toContain('<link rel="canonical" href="https://help.example/help/en/ssl-renewal">');

    // The same reader changing their mind changes their vote; a browser's same-origin POST without Origin counts too.
    expect((await vote("/help/en/ssl-renewal/vote", "no", { ...OWN, Cookie: `tidings_help_voter=${cookie}` })).status).toBe(303);
    expect(await votes()).toEqual([{ helpful: false, voter: cookie }]);
    expect((await vote("/help/en/ssl-renewal/vote", "yes", { "Content-Type": OWN["Content-Type"], "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
    expect(await votes()).toHaveLength(2);

    const foreign: Record<string, string>[] = [{ ...OWN, Origin: "https://evil.example" }, { "Content-Type": OWN["Content-Type"] }, { "Content-Type": OWN["Content-Type"], "Sec-Fetch-Site": "cross-site" }];
    for (const headers of foreign) {
      const refused = await vote("/help/en/ssl-renewal/vote", "yes", headers);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain("<h1>Your answer was not sent</h1>");
    }
    expect(await votes()).toHaveLength(2);
    const hidden = await vote("/help/en/cron-draft/vote", "yes");
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toContain("<h1>Page not found</h1>");
  });

  test("without JavaScript: a plain HTTP fetch of the page holds the article's text and no script", async () => {
    const port = await freePort();
    const server = serve({ fetch: t.app.fetch, port, hostname: "127.0.0.1" });
    await once(server, "listening");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/help/de/zertifikat-erneuern`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const text = await res.text();
      expect(text).toContain("Zertifikate werden <strong>dreißig Tage</strong> vor Ablauf erneuert.");
      expect(text).toContain("Prüfen Sie, ob Port 80 erreichbar ist.");
      expect(text).not.toMatch(/<script/i);
      const css = await fetch(`http://127.0.0.1:${port}${/<link rel="stylesheet" href="([^"]+)"/.exec(text)![1]}`);
      expect(css.headers.get("content-type")).toMatch(/^text\/css/);
      expect(await css.text()).toContain(".help-article");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
