import { beforeAll, describe, expect, test } from "vitest";
import { watchSla } from "../../server/jobs/sla-watch";
import type { BacklogReport, FirstResponseReport, SlaReport } from "../../shared/api/console";
import { drivers } from "../support/databases";
import { clientSession, staffSession } from "../support/sessions";
import { adminGet, adminHeaders, clockedApp, postJson, type TestApp } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

/**
 * Issue 13: reopening keeps the first response. The ticket below is received Monday 2 March 2026
 * 09:00 Berlin, answered at 11:00 (2 business hours), resolved, and reopened by the client on
 * Wednesday 09:00; reports are read on Friday.
 */
describe.each(drivers())("a reopened ticket keeps its first response on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-03-02T08:00:00Z");
  const at = clock.at;
  let tid: string;
  const get = <T>(url: string) => adminGet<T>(t, url);
  beforeAll(async () => {
    t = clock.t;
    tid = (await answerOf(await postJson(t, "/api/v1/tickets", { email: "again@kunde.example", description: "Broken checkout", edition: "cloud" }), ticketCreatedSchema)).tid;
    at("2026-03-02T10:00:00Z");
    const agent = await staffSession(t, "first@support.example", "agent");
    const answer = await t.app.request(`/api/v1/tickets/${tid}/messages`, { method: "POST", headers: { ...agent.headers, "Content-Type": "application/json" }, body: JSON.stringify({ body: "Fixed the cache" }) });
    expect(answer.status).toBe(201);
    at("2026-03-02T12:00:00Z");
    expect((await postJson(t, `/api/v1/tickets/${tid}/status`, { status: "resolved" }, adminHeaders)).status).toBe(200);
    at("2026-03-04T08:00:00Z");
    const client = await clientSession(t, "again@kunde.example");
    const reopened = await t.app.request(`/api/v1/tickets/${tid}/reopen`, { method: "POST", headers: { ...client.headers, "Content-Type": "application/json" }, body: JSON.stringify({ reason: "Broken again" }) });
    expect(reopened.status).toBe(200);
  });

  test("firstResponseAt is kept; the reopening has a response target of its own that the watch and the backlog follow", async () => {
    const v = await get<{ firstResponseAt: string; answeredAt: string | null; responseTargetAt: string; slaStartedAt: string; status: string }>(`/api/v1/tickets/${tid}`);
    expect(v.firstResponseAt).toBe("2026-03-02T10:00:00.000Z");
    expect(v.answeredAt).toBeNull();
    expect(v.status).toBe("open");
    expect(v.slaStartedAt).toBe("2026-03-04T08:00:00.000Z");
    expect(v.responseTargetAt).toBe("2026-03-05T15:00:00.000Z"); // 16 business hours from Wed 09:00: Thu 16:00 local
    // Past the reopening's target and unanswered: the watch warns, the backlog counts it.
    at("2026-03-05T15:30:00Z");
    expect(await watchSla(t.deps, "warning")).toBe(1);
    const backlog = await get<BacklogReport>("/api/v1/reports/backlog");
    expect(backlog.total).toMatchObject({ count: 1, pastTarget: 1 });
  });

  test("the reports count it as answered, with its first response time", async () => {
    at("2026-03-06T12:00:00Z");
    const fr = await get<FirstResponseReport>("/api/v1/reports/first-response?weeks=1");
    expect(fr.rows.find((r) => r.level === "non-commercial-cloud")).toMatchObject({ answered: 1, unanswered: 0, medianHours: 2 });
    const sla = await get<SlaReport>("/api/v1/reports/sla?weeks=1");
    expect(sla.totals.find((r) => r.level === "non-commercial-cloud")).toMatchObject({ received: 1, respondedWithinTarget: 1, respondedWithinMaximum: 1, open: 0 });
  });
});

/** Issue 13: after a hand-over the 14-day clock runs from the hand-over, also for an answered ticket. */
describe.each(drivers())("a hand-over to development on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-03-02T08:00:00Z");
  beforeAll(() => { t = clock.t; });

  test("an answered ticket handed over has a 14-day due time from the hand-over, watched; back to support it is answered again", async () => {
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { email: "dev@kunde.example", description: "Bug in the core", edition: "cloud" }), ticketCreatedSchema);
    clock.at("2026-03-02T09:00:00Z");
    const agent = await staffSession(t, "dev-agent@support.example", "agent");
    const r = await t.app.request(`/api/v1/tickets/${tid}/messages`, { method: "POST", headers: { ...agent.headers, "Content-Type": "application/json" }, body: JSON.stringify({ body: "We see it" }) });
    expect(r.status).toBe(201);
    clock.at("2026-03-19T10:00:00Z");
    expect((await postJson(t, `/api/v1/tickets/${tid}/level`, { level: "development", reason: "Core bug", override: true }, adminHeaders)).status).toBe(200);
    const view = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    expect(view).toMatchObject({
      slaLevel: "development", status: "in-development", slaStartedAt: "2026-03-19T10:00:00.000Z", responseDueAt: "2026-04-02T09:00:00.000Z",
      firstResponseAt: "2026-03-02T09:00:00.000Z", answeredAt: null,
    });
    clock.at("2026-04-02T09:30:00Z");
    expect(await watchSla(t.deps, "breach")).toBe(1);
    expect((await postJson(t, `/api/v1/tickets/${tid}/level`, { level: "license", reason: "Fixed" }, adminHeaders)).status).toBe(200);
    const back = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    expect(back).toMatchObject({ status: "open", answeredAt: "2026-03-02T09:00:00.000Z" });
  });
});
