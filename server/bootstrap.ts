import type { Config } from "./config";
import type { Deps } from "./deps";
import { openDatabase, type Database } from "./db/client";
import { createLogger, type Logger } from "./log";
import { loadSecretKey } from "./secret-key";
import { fsBlobStore } from "./storage/fs-store";
import { s3BlobStore } from "./storage/s3-store";
import { calendarProvider } from "./services/calendar/calendar";
import path from "node:path";
import { lockDataDir } from "./db/pglite-lock";
import { createMetrics } from "./metrics/registry";
import { addDatabaseGauges } from "./metrics/collectors";

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
  const database: Database = { ...opened, close: async () => { await opened.close(); release(); } };
  const calendar = calendarProvider(database.db);
  const metrics = createMetrics();
  addDatabaseGauges(metrics, database.db);
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    ping: database.ping,
    blobs: config.s3 ? s3BlobStore(config.s3) : fsBlobStore(config.attachmentsDir),
    log,
    secret: loadSecretKey(config.secretKeyHex, config.dataDir),
    calendar: () => calendar.get(),
    invalidateCalendar: () => calendar.invalidate(),
    now: () => new Date(),
    metrics,
  };
  return { deps, database };
}
