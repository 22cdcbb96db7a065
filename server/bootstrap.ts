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
import { redisRateLimitStore } from "./rate-limit/redis-store";
import { failOpen } from "./rate-limit/fail-open";

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
  const metrics = createMetrics();
  // The CLI serves no HTTP: it never counts a request, so it opens no connection to Redis.
  const rateLimits = opts.purpose === "cli" ? memoryRateLimitStore() : await rateLimitStore(config, opened, log, metrics);
  const database: Database = { ...opened, close: async () => { await rateLimits.close(); await opened.close(); release(); } };
  const calendar = calendarProvider(database.db);
  addDatabaseGauges(metrics, database.db);
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    ping: database.ping,
    blobs: fsBlobStore(config.attachmentsDir),
    log,
    secret: loadSecretKey(config.secretKeyHex, config.dataDir),
    calendar: () => calendar.get(),
    invalidateCalendar: () => calendar.invalidate(),
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
    ? await redisRateLimitStore(config.redis, log)
    : database.kind === "postgres" ? postgresRateLimitStore(database.db) : memoryRateLimitStore();
  return failOpen(store, log, metrics);
}
