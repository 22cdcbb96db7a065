// @vitest-environment happy-dom
/**
 * The knowledge base's section of the reports page (issue 16): what a supervisor reads there, in
 * English and German, from the four report routes.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, screen, within } from "@testing-library/preact";
import { renderConsole, staff } from "./console-harness";

afterEach(cleanup);

const weeks = [{ week: "2026-W49", weekStart: "2026-11-30", startsAt: "2026-11-29T23:00:00.000Z", endsAt: "2026-12-06T23:00:00.000Z" }];
const head = { timeZone: "Europe/Berlin", generatedAt: "2026-12-07T10:00:00.000Z", weeks };
const article = { articleId: 7, slug: "ssl-certificate", locale: "en", title: "Renew the SSL certificate", visibility: "public" };
const routes = {
  "GET /auth/me": () => ({ body: staff("supervisor") }),
  "GET /reports/kb/deflection": () => ({ body: { ...head, rows: [{ week: "2026-W49", weekStart: "2026-11-30", deflections: 3, widgetTickets: 1, ratePct: 75 }], total: { deflections: 3, widgetTickets: 1, ratePct: 75 } } }),
  "GET /reports/kb/no-result": () => ({ body: { ...head, rows: [{ query: "backup failed", locale: "en", count: 3, lastSeenAt: "2026-12-06T09:00:00.000Z" }], total: 3 } }),
  "GET /reports/kb/referenced": () => ({ body: { ...head, rows: [{ ...article, tickets: 3, shown: 2, opened: 1, linked: 1 }] } }),
  "GET /reports/kb/votes": () => ({ body: { ...head, rows: [{ ...article, articleId: 8, slug: "dns", title: "DNS (internal)", visibility: "internal", yes: 2, no: 1, helpfulPct: 66.7 }], total: { yes: 2, no: 1, helpfulPct: 66.7 } } }),
};

describe("the knowledge base reports", () => {
  test("deflection, the no-result to-do list, referenced articles and votes, each with its CSV", async () => {
    renderConsole({ path: "/console/reports", routes });
    const section = (await screen.findByRole("heading", { level: 2, name: "Knowledge base" })).closest("section")!;
    const s = within(section);
    expect((await s.findByText(/3 of 4 reports in the widget/)).textContent).toContain("75 %");
    const todo = await s.findByRole("table", { name: "Queries that found nothing" });
    expect(within(todo).getAllByRole("row").map((r) => r.textContent)).toEqual(["QueryLanguageTimesLast searched", expect.stringMatching(/^backup failedEnglish3/)]);
    const referenced = await s.findByRole("table", { name: "Articles by tickets" });
    expect(within(referenced).getByRole("link", { name: "Renew the SSL certificate" }).getAttribute("href")).toBe("/help/en/ssl-certificate");
    // An internal article has no public page to link to.
    const votes = await s.findByRole("table", { name: "Votes per article" });
    expect(within(votes).queryByRole("link")).toBeNull();
    expect(within(votes).getByText("(en · internal)")).toBeTruthy();
    expect(s.getAllByRole("link", { name: /Download CSV/ }).map((a) => a.getAttribute("href"))).toEqual([
      "/api/v1/reports/kb/deflection?format=csv", "/api/v1/reports/kb/no-result?format=csv", "/api/v1/reports/kb/referenced?format=csv", "/api/v1/reports/kb/votes?format=csv",
    ]);
  });

  test("in German", async () => {
    renderConsole({ path: "/console/reports", routes, lang: "de" });
    const section = (await screen.findByRole("heading", { level: 2, name: "Wissensdatenbank" })).closest("section")!;
    expect(await within(section).findByRole("table", { name: "Suchanfragen ohne Ergebnis" })).toBeTruthy();
    expect(within(section).getByRole("heading", { name: "Selbsthilfequote pro Woche" })).toBeTruthy();
  });
});
