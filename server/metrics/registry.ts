import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics (CONTRACT §3, `/metrics`). One registry per app, not
 * prom-client's global one, so that every test app counts its own requests. Counters are bumped
 * after the work they count has committed: a rolled-back transaction must not count as a ticket.
 * What lives in the database (outbox depth, oldest waiting mail) is read at scrape time by
 * `collectors.ts`, so every process reports the same truth.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
  httpDuration: Histogram<"route" | "method" | "status">;
  httpInFlight: Gauge;
  ticketsCreated: Counter<"channel" | "level">;
  attachmentsRefused: Counter<"code" | "channel">;
  slaAlerts: Counter<"kind">;
  inboundMails: Counter<"outcome">;
  outboxDeliveries: Counter<"result">;
  mailDeliveryFailures: Counter<"kind">;
  mailSetupAlerts: Counter;
  jobRuns: Counter<"job" | "result">;
  jobDuration: Histogram<"job">;
  jobLastRun: Gauge<"job">;
  rateLimitStoreErrors: Counter<"store">;
}

export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Process metrics (CPU, memory, event-loop lag, handles) come from prom-client itself.
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: "tidings_http_requests_total", help: "HTTP requests by route template, method and status.", labelNames: ["route", "method", "status"], registers }),
    httpDuration: new Histogram({
      name: "tidings_http_request_duration_seconds", help: "HTTP request duration by route template, method and status.",
      labelNames: ["route", "method", "status"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    }),
    // Set by server/http/drain.ts: what a stop waits for (the embedded test app, without a server, leaves it at 0).
    httpInFlight: new Gauge({ name: "tidings_http_requests_in_flight", help: "HTTP requests received and not yet answered in full.", registers }),
    ticketsCreated: new Counter({ name: "tidings_tickets_created_total", help: "Tickets registered, by channel and SLA level.", labelNames: ["channel", "level"], registers }),
    attachmentsRefused: new Counter({ name: "tidings_attachments_refused_total", help: "Attachments refused, by error code and channel.", labelNames: ["code", "channel"], registers }),
    slaAlerts: new Counter({ name: "tidings_sla_alerts_total", help: "SLA warnings (target passed) and breaches (maximum passed) announced.", labelNames: ["kind"], registers }),
    inboundMails: new Counter({ name: "tidings_inbound_mails_total", help: "Inbound mails by outcome: ticket, message, spam, bounce, ignored, rejected (stored), duplicate (a redelivery), deferred (answered 4xx), too-large.", labelNames: ["outcome"], registers }),
    outboxDeliveries: new Counter({ name: "tidings_outbox_deliveries_total", help: "Outbound delivery attempts by result (sent, retry, failed).", labelNames: ["result"], registers }),
    mailDeliveryFailures: new Counter({
      name: "tidings_mail_delivery_failures_total", help: "Refused or bounced outbound mail by kind (mailbox, our-setup, policy, system, transient, …; docs/mail.md).", labelNames: ["kind"], registers,
    }),
    mailSetupAlerts: new Counter({ name: "tidings_mail_setup_alerts_total", help: "Delivery failures that point at our own mail setup or a policy refusal (operator alerts).", registers }),
    jobRuns: new Counter({ name: "tidings_job_runs_total", help: "Background job runs by job and result (ok, error, unavailable).", labelNames: ["job", "result"], registers }),
    jobDuration: new Histogram({ name: "tidings_job_run_duration_seconds", help: "Background job run duration.", labelNames: ["job"], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers }),
    jobLastRun: new Gauge({ name: "tidings_job_last_run_timestamp_seconds", help: "When each background job last finished a run (unix seconds); now minus this is the job's lag.", labelNames: ["job"], registers }),
    rateLimitStoreErrors: new Counter({
      name: "tidings_rate_limit_store_errors_total", help: "Requests let through unchecked because the rate limits' store (redis, postgres) failed or was too slow.", labelNames: ["store"], registers,
    }),
  };
}
