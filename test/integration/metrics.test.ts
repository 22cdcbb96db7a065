import { afterAll, beforeAll, describe, expect, test } from "vitest";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { bmp } from "../fixtures/files";
import { drivers } from "../support/databases";
import { startMailApp, type MailApp } from "../support/mail-app";
import { postJson, startTestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";

interface Family { name: string; type: string; metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string> }[] }

/** The scrape as Prometheus would read it; the parser throws on text that is not the exposition format. */
async function scrape(m: MailApp, headers: Record<string, string> = {}): Promise<Map<string, Family>> {
  const res = await m.t.app.request("/metrics", { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(await res.text()) as Family[];
  return new Map(families.map((f) => [f.name, f]));
}

function value(fams: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  const fam = fams.get(name);
  if (!fam) return 0;
  const hit = fam.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return hit.reduce((sum, m) => sum + Number(m.value ?? 0), 0);
}

async function until(ok: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(drivers())("GET /metrics (%s)", (driver) => {
  let m: MailApp;
  beforeAll(async () => { m = await startMailApp(driver, { OUTBOX_INTERVAL_MS: "100" }); });
  afterAll(async () => { await m?.close(); });

  test("names every family the operator needs, in Prometheus' text format", async () => {
    const fams = await scrape(m);
    for (const name of [
      "tidings_http_requests_total", "tidings_http_request_duration_seconds", "tidings_tickets_created_total",
      "tidings_attachments_refused_total", "tidings_sla_alerts_total", "tidings_outbox_pending",
      "tidings_outbox_oldest_pending_age_seconds", "tidings_inbound_mails_total", "tidings_job_runs_total",
      "tidings_database_up", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds",
    ]) expect(fams.has(name), name).toBe(true);
    expect(value(fams, "tidings_database_up")).toBe(1);
  });

  test("tickets, HTTP, attachments, inbound mail and the outbox move as tickets are registered and mail is sent", async () => {
    const before = await scrape(m);
    const created = (ch: Map<string, Family>, channel: string) => value(ch, "tidings_tickets_created_total", { channel });
    const posts = (f: Map<string, Family>, status: string) => value(f, "tidings_http_requests_total", { route: "/api/v1/tickets", method: "POST", status });

    for (const n of [1, 2]) {
      const res = await postJson(m.t, "/api/v1/tickets", { email: `metrics-${n}@example.org`, description: `Counting tickets ${n}` });
      expect(res.status).toBe(201);
    }
    const form = new FormData();
    form.set("email", "metrics-bmp@example.org");
    form.set("description", "A BMP that was not zipped");
    form.append("attachments", new Blob([new Uint8Array(bmp())]), "shot.bmp");
    expect((await m.t.app.request("/api/v1/tickets", { method: "POST", body: form })).status).toBe(415);
    // Refused while the body streamed in, before the service's judge saw it: counted all the same.
    const big = new FormData();
    big.set("email", "metrics-big@example.org");
    big.set("description", "A screenshot over the 10 MiB limit");
    big.append("attachments", new Blob([new Uint8Array(11 * 1024 * 1024)]), "huge.png");
    expect((await m.t.app.request("/api/v1/tickets", { method: "POST", body: big })).status).toBe(413);
    await m.send({ from: "mailer@example.org", subject: "Counted by mail", text: "A mail that opens a ticket." });

    const after = await scrape(m);
    expect(created(after, "api") - created(before, "api")).toBe(2);
    expect(created(after, "email") - created(before, "email")).toBe(1);
    expect(value(after, "tidings_tickets_created_total", { channel: "api", level: "non-commercial-self-hosted" })).toBeGreaterThanOrEqual(2);
    expect(posts(after, "201") - posts(before, "201")).toBe(2);
    expect(posts(after, "415") - posts(before, "415")).toBe(1);
    expect(value(after, "tidings_attachments_refused_total", { code: "BMP_NOT_ARCHIVED", channel: "api" })).toBe(1);
    expect(value(after, "tidings_attachments_refused_total", { code: "ATTACHMENT_TOO_LARGE", channel: "api" })).toBe(1);
    expect(value(after, "tidings_inbound_mails_total", { outcome: "ticket" }) - value(before, "tidings_inbound_mails_total", { outcome: "ticket" })).toBe(1);
    // The route label is the template, never a concrete TID.
    const tid = (await answerOf(await postJson(m.t, "/api/v1/tickets", { email: "metrics-3@example.org", description: "Template label" }), ticketCreatedSchema)).tid;
    await m.t.app.request(`/api/v1/tickets/${tid}`);
    const routes = (await scrape(m)).get("tidings_http_requests_total")!.metrics.map((x) => x.labels?.route ?? "");
    expect(routes).toContain("/api/v1/tickets/:tid");
    expect(routes.some((r) => r.includes(tid))).toBe(false);

    // Four acknowledgements were queued; the sender delivers them to the real sink and the depth falls to 0.
    await until(() => Promise.resolve(m.sink.received.length >= 4));
    await until(async () => value(await scrape(m), "tidings_outbox_pending") === 0);
    const jobs = await scrape(m);
    expect(value(jobs, "tidings_job_runs_total", { job: "outbox-sender", result: "ok" })).toBeGreaterThan(0);
    expect(value(jobs, "tidings_outbox_deliveries_total", { result: "sent" })).toBeGreaterThanOrEqual(4);
  });

  test("with METRICS_TOKEN the page needs the bearer token", async () => {
    const t = await startTestApp(driver, { METRICS_TOKEN: "metrics-token-0123456789" });
    try {
      const refused = await t.app.request("/metrics");
      expect(refused.status).toBe(401);
      expect((await errorOf(refused)).error.code).toBe("UNAUTHENTICATED");
      expect((await t.app.request("/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
      const ok = await t.app.request("/metrics", { headers: { Authorization: "Bearer metrics-token-0123456789" } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("tidings_http_requests_total");
    } finally {
      await t.close();
    }
  });
});
