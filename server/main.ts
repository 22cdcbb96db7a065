import { serve } from "@hono/node-server";
import { loadConfig, ConfigError } from "./config";
import { createLogger } from "./log";
import { buildDeps } from "./bootstrap";
import { createApp } from "./app";
import { sweepOrphanBlobs } from "./services/tickets/storage-sweep";
import { sweepUploadTemp } from "./services/tickets/upload-temp-sweep";
import { ensureAssets } from "./build-assets";
import { ensureDemoSite } from "./services/accounts/demo-site";
import { startJobs } from "./jobs/runner";
import { slaWatchJobs } from "./jobs/sla-watch";
import { outboxSenderJob } from "./jobs/outbox-sender";
import { kbSearchRetentionJob } from "./jobs/kb-search-retention";
import { closeInbound, createInboundServer, listenInbound } from "./smtp/inbound-server";
import { localUrl, writeLocalAccess } from "./cli/local-access";
import { issueSetupLink } from "./services/accounts/setup-link";
import { createShutdown } from "./shutdown";
import { trackRequests } from "./http/drain";
import { startupSteps } from "./startup-steps";
import type { Server } from "node:http";

/**
 * Process entry: config → database (migrated) → sweep → HTTP; stops gracefully on SIGINT/SIGTERM
 * (server/shutdown.ts). Logs how long each step of the start took ("started").
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const steps = startupSteps();
  // At once: a signal during the start waits for it to finish, then stops what was started.
  const shutdown = createShutdown({ log, graceMs: config.shutdownGraceMs, delayMs: config.shutdownDelayMs });
  // The widget must match its sources before the first page asks for it (CONTRACT §1).
  await ensureAssets((line) => log.info(line)).catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, "widget build failed; the widget is not served"));
  steps.done("assets");
  const { deps, database } = await buildDeps(config, { log });
  deps.stopping = () => shutdown.stopping;
  steps.done("database");
  await ensureDemoSite(deps.db, config.publicUrl).catch((err) => log.warn({ err }, "demo site not seeded"));
  steps.done("demoSite");
  // PGlite has one process at a time, so every orphan is from a crash; with Postgres give in-flight requests elsewhere time.
  await sweepOrphanBlobs(deps, database.kind === "pglite" ? 0 : undefined).catch((err) => log.warn({ err }, "attachment sweep failed"));
  await sweepUploadTemp(config.uploadsTempDir, database.kind === "pglite" ? 0 : undefined).then(
    (removed) => { if (removed) log.info({ removed }, "removed temporary upload files left by a stopped process"); },
    (err: unknown) => log.warn({ err }, "upload temp sweep failed"),
  );
  steps.done("sweep");

  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  // Idle keep-alive connections outlive a proxy's (nginx, load balancers: 60 s), so a client or
  // proxy never reuses a connection the server is just closing (Node's 5 s default raced with
  // clients under load: "other side closed"). A slow client's headers are still cut off by 66 s.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const requests = trackRequests(server, () => shutdown.stopping, deps.metrics.httpInFlight);
  shutdown.drain("http", (force) => requests.drain(force));
  const address = await new Promise<{ address: string; port: number }>((resolve, reject) => {
    server.once("listening", () => resolve(server.address() as { address: string; port: number }));
    server.once("error", reject);
  });
  steps.done("listen");
  // The embedded database is this process's alone: the admin CLI works through it meanwhile.
  const access = database.kind === "pglite" ? writeLocalAccess(config.dataDir, localUrl(address.address, address.port)) : null;
  if (access) deps.localToken = access.token;
  const setupUrl = await issueSetupLink(deps).catch((err) => { log.warn({ err }, "no setup link"); return null; });
  printBanner(config, database.kind, setupUrl);

  const smtp = config.smtpInboundPort ? createInboundServer(deps) : null;
  if (smtp) {
    const port = await listenInbound(smtp, config.smtpInboundPort, config.smtpInboundHost);
    log.info({ port, host: config.smtpInboundHost }, "inbound SMTP listening");
    shutdown.drain("smtp", (force) => closeInbound(smtp, force));
  }

  // Without SMTP_URL mail simply waits in the outbox (CONTRACT §2).
  const sender = config.jobs && config.smtpUrl ? outboxSenderJob(config.smtpUrl, config.outboxIntervalMs, config.smtpEhloName, config.outboxConnections) : null;
  const jobs = config.jobs ? startJobs(deps, [...slaWatchJobs(config.slaWatchIntervalMs), kbSearchRetentionJob(), ...(sender ? [sender] : [])]) : null;
  if (jobs) shutdown.drain("jobs", () => jobs.stop().then(() => 0));
  // Ends the console's event streams, which would otherwise hold their requests open to the deadline.
  shutdown.drain("events", () => deps.changes.stop().then(() => 0));
  // Closed before the database, after the jobs that send through it (close steps run in order).
  shutdown.close("access", () => {
    sender?.close();
    access?.remove();
  });
  shutdown.close("database", () => database.close());
  log.info(steps.all(), "started");
  shutdown.started();
}

/** Printed once the port listens, so every address in it answers. */
function printBanner(config: ReturnType<typeof loadConfig>, kind: "pglite" | "postgres", setupUrl: string | null) {
  const u = config.publicUrl;
  const firstAdmin = setupUrl
    ? `  First admin:    ${setupUrl}\n                  (one-time link, valid 24 hours: open it to create the first admin account)\n`
    : "";
  console.log(`\nTidings is running (${kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL"}).\n` +
    `  Demo panel:     ${u}/  (the widget, embedded)\n  Portal:         ${u}/portal/\n  Console:        ${u}/console/  (staff: npm run --silent tidings -- staff add --email you@example.com --role admin)\n` +
    `  API:            ${u}/api/v1/openapi.json\n  Health:         ${u}/healthz\n${firstAdmin}`);
}

main().catch((err) => {
  console.error(`Tidings could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
