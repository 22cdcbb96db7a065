import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { kbSearches, outbox, tickets } from "../../server/db/schema";
import { saveArticle } from "../../server/services/kb/articles";
import { siteCreatedSchema, siteListSchema, siteSchema } from "../../shared/api/console-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

/**
 * The acknowledgement lists up to three matching public articles (issue 16), unless the site
 * switched it off; a desk without public articles pays no statement for it (intake is measured:
 * bench/intake.ts). Statements are counted by a drizzle logger on the app's own connection.
 */
describe.each(drivers())("the acknowledgement's articles on %s", (driver) => {
  let t: TestApp;
  let statements = 0;
  let n = 0;
  const sites = { on: "", off: "" };
  const ORIGIN = "https://shop.example";

  const widgetTicket = async (site: string, body: Record<string, unknown>) => {
    // A new address each time: automatic mail to one address is capped.
    const r = await postJson(t, "/api/v1/tickets", { email: `reader${n++}@example.org`, ...body }, { "X-Tidings-Site": site, Origin: ORIGIN });
    expect(r.status).toBe(201);
    return (await answerOf(r, ticketCreatedSchema)).tid;
  };
  const ackOf = async (tid: string) => {
    const [row] = await t.deps.db.select({ text: outbox.textBody, html: outbox.htmlBody }).from(outbox)
      .innerJoin(tickets, eq(tickets.id, outbox.ticketId)).where(and(eq(tickets.tid, tid), eq(outbox.kind, "acknowledgement")));
    return row!;
  };
  /** The statements one widget ticket costs. */
  const cost = async (site: string, body: Record<string, unknown>) => {
    const before = statements;
    await widgetTicket(site, body);
    return statements - before;
  };
  const PROBLEM = { locale: "en", subject: "Certificate expired", description: "The browser says the SSL certificate of our shop has expired. How do we renew the certificate?" };

  beforeAll(async () => {
    t = await startTestApp(driver);
    const client = (t.deps.db as unknown as { $client: never }).$client;
    const logger = { logQuery: () => { statements++; } };
    t.deps.db = driver === "pglite" ? drizzlePglite(client, { logger }) : drizzlePostgres(client, { logger });
    for (const k of ["on", "off"] as const) {
      sites[k] = (await answerOf(await postJson(t, "/api/v1/admin/sites", { name: `Shop ${k}`, allowedOrigins: [ORIGIN] }, adminHeaders), siteCreatedSchema)).siteKey;
    }
    const off = await t.app.request(`/api/v1/admin/sites/${sites.off}`, { method: "PATCH", headers: { ...adminHeaders, "Content-Type": "application/json" }, body: JSON.stringify({ ackArticles: false }) });
    expect((await answerOf(off, siteSchema)).ackArticles).toBe(false);
  });
  afterAll(async () => { await t?.close(); });

  test("no public article: the acknowledgement lists none, and intake runs no extra statement for it", async () => {
    await saveArticle(t.deps, { slug: "renew-certificate-draft", locale: "en", title: "Renew the certificate (draft)", body: "Renew the SSL certificate.", visibility: "draft" }, "test");
    await saveArticle(t.deps, { slug: "renew-certificate-internal", locale: "en", title: "Renew the certificate (internal)", body: "Renew the SSL certificate.", visibility: "internal" }, "test");
    // The first ticket learns that there is no public article; the ones after it only remember.
    await widgetTicket(sites.on, PROBLEM);
    const on = await cost(sites.on, PROBLEM);
    const off = await cost(sites.off, PROBLEM);
    expect(on).toBe(off);
    const ack = await ackOf(await widgetTicket(sites.on, PROBLEM));
    expect(ack.text).not.toMatch(/articles may already answer|renew-certificate/i);
  });

  test("public articles: up to three matching ones, title and help center URL, in the ticket's language; drafts and internal ones never", async () => {
    const article = (slug: string, locale: "en" | "de", title: string, body: string) => saveArticle(t.deps, { slug, locale, title, body, visibility: "public" }, "test");
    await article("renew-ssl-certificate", "en", "Renew the SSL certificate", "When the browser says the certificate has expired, renew it in the control panel.");
    await article("certificate-chain", "en", "Install the certificate chain", "An expired intermediate certificate shows the same warning in the browser.");
    await article("lets-encrypt-certificate", "en", "Free certificates with Let's Encrypt", "Renew the SSL certificate automatically.");
    await article("expired-certificate-cache", "en", "The browser still shows the expired certificate", "Clear the cache after you renew the certificate.");
    await article("dns-records", "en", "DNS records for your domain", "Point the domain at the server.");
    await article("zertifikat-erneuern", "de", "SSL-Zertifikat erneuern", "Wenn der Browser meldet, dass das Zertifikat abgelaufen ist, erneuern Sie es.");
    const searchesBefore = (await t.deps.db.select({ n: count() }).from(kbSearches))[0]!.n;

    await widgetTicket(sites.on, PROBLEM);
    const on = await cost(sites.on, PROBLEM);
    const off = await cost(sites.off, PROBLEM);
    // The search of the ticket's language (its plan and its scoring) runs, outside the ticket's transaction.
    expect(on - off).toBe(2);
    // A request that names no language may end up in either (the requester's last choice): both are searched.
    const { locale: _, ...unnamed } = PROBLEM;
    expect(await cost(sites.on, unnamed) - off).toBe(4);

    const ack = await ackOf(await widgetTicket(sites.on, PROBLEM));
    const listed = [...ack.text.matchAll(/<(http[^>]+\/help\/[^>]+)>/g)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(3);
    expect(listed[0]).toBe(`${t.deps.config.publicUrl}/help/en/renew-ssl-certificate`);
    expect(ack.text).toContain("Renew the SSL certificate <");
    expect(ack.text).not.toMatch(/dns-records|draft|internal|zertifikat/);
    expect(ack.html).toContain(`href="${t.deps.config.publicUrl}/help/en/renew-ssl-certificate"`);

    const de = await ackOf(await widgetTicket(sites.on, { subject: "Zertifikat abgelaufen", description: "Der Browser meldet, dass das SSL-Zertifikat abgelaufen ist.", locale: "de" }));
    expect(de.text).toContain(`${t.deps.config.publicUrl}/help/de/zertifikat-erneuern`);
    expect(de.text).not.toContain("/help/en/");
    // The ticket's text is no search of a reader: the no-result report never sees it.
    expect((await t.deps.db.select({ n: count() }).from(kbSearches))[0]!.n).toBe(searchesBefore);
  });

  test("a site that switched it off: no articles, and no search", async () => {
    const ack = await ackOf(await widgetTicket(sites.off, PROBLEM));
    expect(ack.text).not.toContain("/help/");
    const list = await answerOf(await t.app.request("/api/v1/admin/sites", { headers: adminHeaders }), siteListSchema);
    expect(list.items.find((s) => s.siteKey === sites.off)?.ackArticles).toBe(false);
    expect(list.items.find((s) => s.siteKey === sites.on)?.ackArticles).toBe(true);
  });
});
