import { beforeAll, describe, expect, test } from "vitest";
import { csvCell } from "../../server/http/reports";
import type { FirstResponseReport, RatingsReport, SlaReport, BacklogReport } from "../../shared/api/console";
import { drivers } from "../support/databases";
import { clientSession, staffSession } from "../support/sessions";
import { adminGet, adminHeaders, clockedApp, postJson, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";

describe("report helpers", () => {
  test("CSV cells are quoted when needed and never start a formula", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+49 30 123")).toBe("'+49 30 123");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
});

/**
 * A small hand-made fortnight (Berlin, Monday to Friday 09:00–18:00; no holidays in March 2026):
 *
 * | ticket | level | received (UTC) | first answer (UTC) | business hours | outcome |
 * |---|---|---|---|---|---|
 * | A | commercial-cloud (8/16) | Mon 03-02 08:00 | Mon 10:00 | 2 | within target |
 * | B | commercial-cloud | Mon 03-02 09:00 | Tue 03-03 12:00 | 12 | within maximum |
 * | C | commercial-cloud | Mon 03-02 10:00 | Thu 03-05 10:00 | 27 | breached |
 * | F | non-commercial-cloud (16/32) | Wed 03-04 08:00 | – | – | breached (unanswered, due Mon 03-09 13:00) |
 * | G | non-commercial-cloud | Sun 03-08 23:30 (Mon 00:30 in Berlin: week 11) | – | – | breached (due Thu 03-12 13:00) |
 * | D | non-commercial-cloud | Tue 03-10 08:00 | – | – | open (past target, not maximum) |
 * | E | non-commercial-self-hosted | Mon 03-09 08:00 | – | – | resolved without an answer |
 * | P | commercial-cloud | Wed 03-11 08:00, waits on the client 09:00 → Thu 08:00 | Thu 03-12 10:00 | 3 (11 without the pause) | within target |
 * | H | non-commercial-cloud | Fri 02-27 10:00 (before the period) | – | – | only in the backlog |
 *
 * Reports are read on Fri 2026-03-13 12:00 UTC for two weeks (2026-W10 and 2026-W11).
 */
describe.each(drivers())("reports on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-02-27T10:00:00Z");
  const tid: Record<string, string> = {};
  const at = clock.at;
  const ticket = async (name: string, iso: string, body: Record<string, unknown>) => {
    at(iso);
    const r = await postJson(t, "/api/v1/tickets", { description: `ticket ${name}`, subject: `Ticket ${name}`, ...body });
    expect(r.status).toBe(201);
    tid[name] = (await answerOf(r, ticketCreatedSchema)).tid;
  };
  const answer = async (name: string, iso: string) => {
    at(iso);
    const s = await staffSession(t, "reporter@support.example", "agent");
    const r = await t.app.request(`/api/v1/tickets/${tid[name]}/messages`, { method: "POST", headers: { ...s.headers, "Content-Type": "application/json" }, body: JSON.stringify({ body: `Answer to ${name}` }) });
    expect(r.status).toBe(201);
  };
  const status = async (name: string, iso: string, s: string) => {
    at(iso);
    expect((await postJson(t, `/api/v1/tickets/${tid[name]}/status`, { status: s }, adminHeaders)).status).toBe(200);
  };
  const rate = async (name: string, email: string, iso: string, score: number, comment: string, confirm = true) => {
    at(iso);
    const s = await clientSession(t, email);
    const json = (b: unknown) => ({ method: "POST", headers: { ...s.headers, "Content-Type": "application/json" }, body: JSON.stringify(b) });
    expect((await t.app.request(`/api/v1/tickets/${tid[name]}/rating`, json({ score, comment }))).status).toBe(200);
    if (confirm) expect((await t.app.request(`/api/v1/tickets/${tid[name]}/rating/confirm`, json({}))).status).toBe(200);
  };
  const get = <T>(url: string) => adminGet<T>(t, url);

  beforeAll(async () => {
    t = clock.t;
    expect((await postJson(t, "/api/v1/admin/licenses", { key: "SHOP-REPORTS", holder: "Shop", category: "commercial", edition: "cloud", emails: ["shop@kunde.example"] }, adminHeaders)).status).toBe(201);
    const shop = { email: "shop@kunde.example", edition: "cloud" };
    await ticket("H", "2026-02-27T10:00:00Z", { email: "h@example.org", edition: "cloud" });
    await ticket("A", "2026-03-02T08:00:00Z", shop);
    await ticket("B", "2026-03-02T09:00:00Z", shop);
    await ticket("C", "2026-03-02T10:00:00Z", shop);
    await answer("A", "2026-03-02T10:00:00Z");
    await answer("B", "2026-03-03T12:00:00Z");
    await status("A", "2026-03-03T11:00:00Z", "resolved");
    await rate("A", "shop@kunde.example", "2026-03-03T12:00:00Z", 5, '=HYPERLINK("http://evil.example","click")');
    await ticket("F", "2026-03-04T08:00:00Z", { email: "f@example.org", edition: "cloud" });
    await answer("C", "2026-03-05T10:00:00Z");
    await ticket("G", "2026-03-08T23:30:00Z", { email: "g@example.org", edition: "cloud", urgent: true });
    await ticket("E", "2026-03-09T08:00:00Z", { email: "e@example.org", edition: "self-hosted" });
    await status("E", "2026-03-09T09:00:00Z", "resolved");
    await rate("E", "e@example.org", "2026-03-09T10:00:00Z", 1, "never confirmed", false);
    await ticket("D", "2026-03-10T08:00:00Z", { email: "d@example.org", edition: "cloud" });
    await status("B", "2026-03-10T11:00:00Z", "resolved");
    await rate("B", "shop@kunde.example", "2026-03-10T12:00:00Z", 3, 'Good, but "slow"\nsecond line');
    await ticket("P", "2026-03-11T08:00:00Z", shop);
    await status("P", "2026-03-11T09:00:00Z", "pending-client");
    at("2026-03-12T08:00:00Z");
    const client = await clientSession(t, "shop@kunde.example");
    const fd = new FormData();
    fd.set("body", "Here is what you asked for");
    expect((await t.app.request(`/api/v1/tickets/${tid.P}/messages`, { method: "POST", headers: client.headers, body: fd })).status).toBe(201);
    await answer("P", "2026-03-12T10:00:00Z");
    at("2026-03-13T12:00:00Z");
  });

  test("SLA compliance per ISO week and level", async () => {
    const r = await get<SlaReport>("/api/v1/reports/sla?weeks=2");
    expect(r.timeZone).toBe("Europe/Berlin");
    expect(r.weeks.map((w) => w.week)).toEqual(["2026-W10", "2026-W11"]);
    const cell = (week: string, level: string) => r.rows.find((x) => x.week === week && x.level === level)!;
    expect(cell("2026-W10", "commercial-cloud")).toMatchObject({ received: 3, respondedWithinTarget: 1, respondedWithinMaximum: 2, breached: 1, open: 0, closedWithoutResponse: 0, compliancePct: 66.7 });
    expect(cell("2026-W10", "non-commercial-cloud")).toMatchObject({ received: 1, respondedWithinMaximum: 0, breached: 1, open: 0, compliancePct: 0 });
    expect(cell("2026-W11", "non-commercial-cloud")).toMatchObject({ received: 2, breached: 1, open: 1, compliancePct: 0 });
    expect(cell("2026-W11", "non-commercial-self-hosted")).toMatchObject({ received: 1, closedWithoutResponse: 1, compliancePct: null });
    expect(cell("2026-W11", "commercial-cloud")).toMatchObject({ received: 1, respondedWithinTarget: 1, respondedWithinMaximum: 1, breached: 0, compliancePct: 100 });
    expect(cell("2026-W10", "partner-cloud")).toMatchObject({ received: 0, compliancePct: null });
    // Every week × every level, zero-filled, for a chart with stable series.
    expect(r.rows).toHaveLength(2 * 8);
    expect(r.totals.find((x) => x.level === "commercial-cloud")).toMatchObject({ received: 4, respondedWithinTarget: 2, respondedWithinMaximum: 3, breached: 1, compliancePct: 75 });
    // The ticket from before the period counts nowhere.
    expect(r.totals.reduce((a, x) => a + x.received, 0)).toBe(8);
  });

  test("first-response time in business hours, paused time left out", async () => {
    const r = await get<FirstResponseReport>("/api/v1/reports/first-response?weeks=2");
    expect(r.buckets.map((b) => b.label)).toEqual(["<1h", "1–4h", "4–8h", "8–16h", "16–24h", "24–48h", ">48h"]);
    const cc = r.rows.find((x) => x.level === "commercial-cloud")!;
    expect(cc).toMatchObject({ answered: 4, unanswered: 0, medianHours: 7.5 });
    expect(cc.counts).toEqual({ lt1h: 0, "1-4h": 2, "4-8h": 0, "8-16h": 1, "16-24h": 0, "24-48h": 1, gt48h: 0 });
    expect(r.rows.find((x) => x.level === "non-commercial-cloud")).toMatchObject({ answered: 0, unanswered: 3, medianHours: null });
    expect(r.rows.at(-1)).toMatchObject({ level: "all", answered: 4, unanswered: 4, medianHours: 7.5 });
  });

  test("backlog by level and status, with what is past target and maximum now", async () => {
    const r = await get<BacklogReport>("/api/v1/reports/backlog");
    expect(r.rows).toEqual([
      { level: "commercial-cloud", status: "open", count: 2, pastTarget: 0, pastMaximum: 0 },
      { level: "non-commercial-cloud", status: "new", count: 4, pastTarget: 4, pastMaximum: 3 },
    ]);
    expect(r.total).toEqual({ count: 6, pastTarget: 4, pastMaximum: 3 });
    expect(r.byLevel.find((x) => x.level === "non-commercial-cloud")).toEqual({ level: "non-commercial-cloud", count: 4, pastTarget: 4, pastMaximum: 3 });
  });

  test("confirmed ratings per week, their distribution and the latest comments", async () => {
    const r = await get<RatingsReport>("/api/v1/reports/ratings?weeks=2");
    expect(r.perWeek).toEqual([
      { week: "2026-W10", weekStart: "2026-03-02", count: 1, average: 5 },
      { week: "2026-W11", weekStart: "2026-03-09", count: 1, average: 3 },
    ]);
    expect(r.distribution).toEqual({ 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 });
    expect(r).toMatchObject({ count: 2, average: 4 });
    expect(r.comments.map((c) => [c.tid, c.score, c.comment])).toEqual([
      [tid.B, 3, 'Good, but "slow"\nsecond line'],
      [tid.A, 5, '=HYPERLINK("http://evil.example","click")'],
    ]);
    expect(r.comments[0]!.confirmedAt).toBe("2026-03-10T12:00:00.000Z");
  });

  test("every report downloads as CSV, escaped and safe to open in a spreadsheet", async () => {
    for (const name of ["sla", "first-response", "backlog", "ratings"]) {
      const r = await t.app.request(`/api/v1/reports/${name}?weeks=2&format=csv`, { headers: adminHeaders });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(r.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="tidings-${name}-[\\w-]+\\.csv"$`));
    }
    const sla = await (await t.app.request("/api/v1/reports/sla?weeks=2&format=csv", { headers: adminHeaders })).text();
    const lines = sla.split("\r\n");
    expect(lines[0]).toBe("week,week_start,level,received,responded_within_target,responded_within_maximum,breached,open,closed_without_response,compliance_pct");
    expect(lines).toContain("2026-W10,2026-03-02,commercial-cloud,3,1,2,1,0,0,66.7");
    expect(lines).toContain("total,total,commercial-cloud,4,2,3,1,0,0,75");

    const bytes = new Uint8Array(await (await t.app.request("/api/v1/reports/ratings?weeks=2&format=csv", { headers: adminHeaders })).arrayBuffer());
    // A byte order mark, so Excel reads the file as UTF-8 (Response.text() drops it again).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const ratings = new TextDecoder().decode(bytes);
    expect(ratings.startsWith("confirmed_at,week,tid,level,score,comment\r\n")).toBe(true);
    expect(ratings).toContain(`2026-03-10T12:00:00.000Z,2026-W11,${tid.B},commercial-cloud,3,"Good, but ""slow""\nsecond line"\r\n`);
    expect(ratings).toContain(`2026-03-03T12:00:00.000Z,2026-W10,${tid.A},commercial-cloud,5,"'=HYPERLINK(""http://evil.example"",""click"")"\r\n`);
    expect(ratings).not.toContain("never confirmed");
  });

  test("reports are for staff; the period is checked", async () => {
    expect((await t.app.request("/api/v1/reports/sla")).status).toBe(401);
    const client = await clientSession(t, "h@example.org");
    expect((await t.app.request("/api/v1/reports/backlog", { headers: client.headers })).status).toBe(403);
    const agent = await staffSession(t, "reporter@support.example", "agent");
    expect((await t.app.request("/api/v1/reports/ratings", { headers: agent.headers })).status).toBe(200);
    const bad = await t.app.request("/api/v1/reports/sla?weeks=0", { headers: adminHeaders });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "weeks" });
    expect((await t.app.request("/api/v1/reports/sla?format=xlsx", { headers: adminHeaders })).status).toBe(422);
  });
});
