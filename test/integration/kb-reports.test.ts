import { beforeAll, describe, expect, test } from "vitest";
import { siteCreatedSchema } from "../../shared/api/console-responses";
import type { KbDeflectionReport, KbNoResultReport, KbReferencedReport, KbVotesReport } from "../../shared/api/kb-reports";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { eq } from "drizzle-orm";
import { tickets } from "../../server/db/schema";
import { saveArticle } from "../../server/services/kb/articles";
import { recordDeflection, recordTicketArticles, recordVote } from "../../server/services/kb/feedback";
import type { KbTicketRef } from "../../shared/kb";
import { answerOf } from "../support/answers";
import { drivers } from "../support/databases";
import { staffSession } from "../support/sessions";
import { adminGet, adminHeaders, clockedApp, postJson, type TestApp } from "../support/test-app";

/**
 * The knowledge base's reports on a hand-made fortnight (Berlin; read Fri 2026-03-13 12:00 UTC for
 * 2026-W10 and 2026-W11, like test/integration/reports.test.ts):
 *
 * | what | W10 (Mar 2–8) | W11 (Mar 9–15) | before the period |
 * |---|---|---|---|
 * | deflections | 3 (the last Sun 22:30 UTC = 23:30 Berlin) | 2 (Sun 23:30 UTC = Mon 00:30 Berlin) | 1 |
 * | widget tickets | 1 | 3 | 1 |
 * | API tickets (not the widget's) | 2 | – | – |
 * | searches with no result | "Backup failed!", "backup   FAILED", "Fehler beim Überspielen" | " backup failed", "fehler beim überspielen", one with an address | "backup failed" |
 * | votes on ssl / dns | ssl: yes, yes | ssl: no; dns: no | ssl: yes |
 */
describe.each(drivers())("knowledge base reports on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-02-20T10:00:00Z");
  const ids: Record<string, number> = {};
  let siteKey = "";
  const at = clock.at;
  const ticket = async (iso: string, widget: boolean) => {
    at(iso);
    const headers: Record<string, string> = widget ? { "X-Tidings-Site": siteKey, Origin: "https://shop.example" } : {};
    const r = await postJson(t, "/api/v1/tickets", { email: "reader@example.org", description: "It does not work", subject: "Help" }, headers);
    expect(r.status).toBe(201);
    const { tid } = await answerOf(r, ticketCreatedSchema);
    return (await t.deps.db.select({ id: tickets.id, channel: tickets.channel }).from(tickets).where(eq(tickets.tid, tid)))[0]!;
  };
  const deflect = async (iso: string) => { at(iso); await recordDeflection(t.deps, { articleId: ids.ssl!, siteId: null, locale: "en" }); };
  const search = async (iso: string, q: string, locale = "en") => {
    at(iso);
    const r = await t.app.request(`/api/v1/kb/search?${new URLSearchParams({ q, locale })}`);
    expect(r.status).toBe(200);
    return ((await r.json()) as { results: unknown[] }).results.length;
  };
  const vote = async (iso: string, slug: string, helpful: boolean, voter: string) => { at(iso); await recordVote(t.deps, ids[slug]!, helpful, voter); };
  const refs = async (ticketId: number, list: [string, KbTicketRef][]) =>
    t.deps.db.transaction((tx) => recordTicketArticles(tx, ticketId, list.map(([slug, kind]) => ({ articleId: ids[slug]!, kind })), clock.now()));

  beforeAll(async () => {
    t = clock.t;
    siteKey = (await answerOf(await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: ["https://shop.example"] }, adminHeaders), siteCreatedSchema)).siteKey;
    ids.ssl = (await saveArticle(t.deps, { slug: "ssl-certificate", locale: "en", title: "Renew the SSL certificate", body: "How to renew an expiring certificate.", visibility: "public" }, "test")).article.id;
    ids.dns = (await saveArticle(t.deps, { slug: "dns-records", locale: "en", title: "DNS records for your domain", body: "Point the domain at the server.", visibility: "public" }, "test")).article.id;

    const early = await ticket("2026-02-27T10:00:00Z", true);
    await refs(early.id, [["dns", "shown"]]);
    await deflect("2026-02-27T11:00:00Z");
    expect(await search("2026-02-27T12:00:00Z", "backup failed")).toBe(0);
    await vote("2026-02-27T13:00:00Z", "ssl", true, "v0");

    await deflect("2026-03-02T10:00:00Z");
    await deflect("2026-03-03T10:00:00Z");
    await deflect("2026-03-08T22:30:00Z");
    const w1 = await ticket("2026-03-04T08:00:00Z", true);
    expect(w1.channel).toBe("widget");
    await ticket("2026-03-04T09:00:00Z", false);
    const api = await ticket("2026-03-05T09:00:00Z", false);
    expect(await search("2026-03-03T09:00:00Z", "Backup failed!")).toBe(0);
    expect(await search("2026-03-04T09:00:00Z", "backup   FAILED")).toBe(0);
    expect(await search("2026-03-05T09:00:00Z", "Fehler beim Überspielen", "de")).toBe(0);
    expect(await search("2026-03-05T10:00:00Z", "renew certificate")).toBeGreaterThan(0);
    await vote("2026-03-03T12:00:00Z", "ssl", true, "v1");
    await vote("2026-03-04T12:00:00Z", "ssl", true, "v2");
    await refs(w1.id, [["ssl", "shown"], ["ssl", "opened"], ["dns", "shown"]]);
    await refs(api.id, [["ssl", "linked"]]);

    await deflect("2026-03-08T23:30:00Z");
    await deflect("2026-03-09T09:00:00Z");
    const w2 = await ticket("2026-03-10T08:00:00Z", true);
    await ticket("2026-03-11T08:00:00Z", true);
    await ticket("2026-03-12T08:00:00Z", true);
    expect(await search("2026-03-10T09:00:00Z", " backup failed")).toBe(0);
    expect(await search("2026-03-11T09:00:00Z", "fehler beim überspielen", "de")).toBe(0);
    expect(await search("2026-03-12T09:00:00Z", "write to jane.doe@example.com or call +49 (30) 123 4567")).toBe(0);
    await vote("2026-03-10T12:00:00Z", "ssl", false, "v3");
    await vote("2026-03-11T12:00:00Z", "dns", false, "v1");
    await refs(w2.id, [["ssl", "shown"]]);
    at("2026-03-13T12:00:00Z");
  });

  const get = <T>(url: string) => adminGet<T>(t, url);

  test("deflection rate per ISO week: deflections / (deflections + widget tickets)", async () => {
    const r = await get<KbDeflectionReport>("/api/v1/reports/kb/deflection?weeks=2");
    expect(r.weeks.map((w) => w.week)).toEqual(["2026-W10", "2026-W11"]);
    expect(r.rows).toEqual([
      { week: "2026-W10", weekStart: "2026-03-02", deflections: 3, widgetTickets: 1, ratePct: 75 },
      { week: "2026-W11", weekStart: "2026-03-09", deflections: 2, widgetTickets: 3, ratePct: 40 },
    ]);
    expect(r.total).toEqual({ deflections: 5, widgetTickets: 4, ratePct: 55.6 });
    const empty = await get<KbDeflectionReport>("/api/v1/reports/kb/deflection?weeks=3");
    expect(empty.rows[0]).toMatchObject({ week: "2026-W09", deflections: 1, widgetTickets: 1, ratePct: 50 });
  });

  test("searches with no result, grouped by the normalised query, with count and last seen; no address or phone number kept", async () => {
    const r = await get<KbNoResultReport>("/api/v1/reports/kb/no-result?weeks=2");
    expect(r.rows).toEqual([
      { query: "backup failed", locale: "en", count: 3, lastSeenAt: "2026-03-10T09:00:00.000Z" },
      { query: "fehler beim überspielen", locale: "de", count: 2, lastSeenAt: "2026-03-11T09:00:00.000Z" },
      { query: "write to [email] or call [number]", locale: "en", count: 1, lastSeenAt: "2026-03-12T09:00:00.000Z" },
    ]);
    expect(r.total).toBe(6);
    // text() drops the BOM the file starts with.
    const csv = await (await t.app.request("/api/v1/reports/kb/no-result?weeks=2&format=csv", { headers: adminHeaders })).text();
    expect(csv.split("\r\n").slice(0, 2)).toEqual(["query,locale,count,last_seen_at", "backup failed,en,3,2026-03-10T09:00:00.000Z"]);
    expect(csv).not.toContain("jane");
    expect(csv).not.toContain("4567");
  });

  test("articles most referenced by the period's tickets", async () => {
    const r = await get<KbReferencedReport>("/api/v1/reports/kb/referenced?weeks=2");
    expect(r.rows.map(({ articleId: _, ...x }) => x)).toEqual([
      { slug: "ssl-certificate", locale: "en", title: "Renew the SSL certificate", visibility: "public", tickets: 3, shown: 2, opened: 1, linked: 1 },
      { slug: "dns-records", locale: "en", title: "DNS records for your domain", visibility: "public", tickets: 1, shown: 1, opened: 0, linked: 0 },
    ]);
  });

  test("helpful votes per article: yes, no and the share of yes", async () => {
    const r = await get<KbVotesReport>("/api/v1/reports/kb/votes?weeks=2");
    expect(r.rows.map((x) => [x.slug, x.yes, x.no, x.helpfulPct])).toEqual([["ssl-certificate", 2, 1, 66.7], ["dns-records", 0, 1, 0]]);
    expect(r.total).toEqual({ yes: 2, no: 2, helpfulPct: 50 });
  });

  test("any staff member reads them, as the other reports; a client does not", async () => {
    const agent = await staffSession(t, "agent@support.example", "agent");
    expect((await t.app.request("/api/v1/reports/kb/votes", { headers: agent.headers })).status).toBe(200);
    expect((await t.app.request("/api/v1/reports/kb/votes")).status).toBe(401);
  });
});
