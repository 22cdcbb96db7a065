import { sql } from "drizzle-orm";
import type { Config } from "./config";
import type { Deps } from "./deps";
import { openDatabase, type Database } from "./db/client";
import { createLogger, type Logger } from "./log";
import { loadSecretKey } from "./secret-key";
import { fsBlobStore } from "./storage/fs-store";
import { calendarProvider } from "./services/calendar/calendar";
import path from "node:path";
import { lockDataDir } from "./db/pglite-lock";
import { createMetrics } from "./metrics/registry";
import { addDatabaseGauges } from "./metrics/collectors";
import type { Metrics } from "./metrics/registry";
import type { RateLimitStore } from "./rate-limit/store";
import { memoryRateLimitStore } from "./rate-limit/memory-store";
import { postgresRateLimitStore } from "./rate-limit/postgres-store";
import { failOpen } from "./rate-limit/fail-open";
import { CHANGE_CHANNEL, startChangeBus, type ChangeBus } from "./db/change-bus";
import { forgetPublicArticles } from "./services/kb/public-articles";

/**
 * Builds the dependencies from a config: used by the server, the CLI and the integration tests,
 * so all three run the same wiring.
 */
export async function buildDeps(
  config: Config,
  opts: { log?: Logger; inMemory?: boolean; purpose?: "server" | "cli" } = {},
): Promise<{ deps: Deps; database: Database }> {
  const log = opts.log ?? createLogger(config.logLevel);
  const release = !config.databaseUrl && !opts.inMemory ? lockDataDir(config.dataDir, opts.purpose ?? "server") : () => {};
  const opened = await openDatabase({
    url: config.databaseUrl,
    dataDir: opts.inMemory ? undefined : path.join(config.dataDir, "pglite"),
  }).catch((e) => {
    release();
    throw e;
  });
  // The CLI runs one command and keeps nothing in memory: it needs no listening connection.
  const changes = opts.purpose === "cli" ? quietBus() : await startChangeBus(
    (on) => opened.listen(CHANGE_CHANNEL, on),
    (channel, payload) => opened.db.execute(sql`select pg_notify(${channel}, ${payload})`),
    log,
  );
  const metrics = createMetrics();
  // The CLI serves no HTTP: it never counts a request, so it opens no connection to Redis.
  const rateLimits = opts.purpose === "cli" ? memoryRateLimitStore() : await rateLimitStore(config, opened, log, metrics);
  const database: Database = { ...opened, close: async () => { await changes.stop(); await rateLimits.close(); await opened.close(); release(); } };
  const calendar = calendarProvider(database.db);
  changes.on("calendar", () => calendar.invalidate());
  changes.on("kb", () => forgetPublicArticles(database.db));
  addDatabaseGauges(metrics, database.db);
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    ping: database.ping,
    // The AWS SDK and ioredis (below) are loaded only where configured: a quarter of the
    // compiled code, which every start would otherwise parse (npm run bench -- startup).
    blobs: config.s3 ? (await import("./storage/s3-store")).s3BlobStore(config.s3) : fsBlobStore(config.attachmentsDir),
    log,
    secret: loadSecretKey(config.secretKeyHex, config.dataDir),
    calendar: () => calendar.get(),
    invalidateCalendar: () => calendar.invalidate(),
    changes,
    now: () => new Date(),
    rateLimits,
    metrics,
  };
  return { deps, database };
}

/**
 * The one place the rate limits' store is chosen: Redis when REDIS_URL is set, else the Postgres
 * the processes share, else (the embedded database, one process) this process's memory.
 */
async function rateLimitStore(config: Config, database: Omit<Database, "close">, log: Logger, metrics: Metrics): Promise<RateLimitStore> {
  const store = config.redis
    ? await (await import("./rate-limit/redis-store")).redisRateLimitStore(config.redis, log)
    : database.kind === "postgres" ? postgresRateLimitStore(database.db) : memoryRateLimitStore();
  return failOpen(store, log, metrics);
}

/** A bus that hears nothing: for a process that caches nothing. */
function quietBus(): ChangeBus {
  return { on: () => () => {}, announce: () => {}, onStop: () => () => {}, stop: async () => {} };
}
