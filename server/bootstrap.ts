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
  const database: Database = { ...opened, close: async () => { await changes.stop(); await opened.close(); release(); } };
  const calendar = calendarProvider(database.db);
  changes.on("calendar", () => calendar.invalidate());
  changes.on("kb", () => forgetPublicArticles(database.db));
  const metrics = createMetrics();
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
    changes,
    now: () => new Date(),
    metrics,
  };
  return { deps, database };
}

/** A bus that hears nothing: for a process that caches nothing. */
function quietBus(): ChangeBus {
  return { on: () => () => {}, announce: () => {}, onStop: () => () => {}, stop: async () => {} };
}
