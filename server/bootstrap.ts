import type { Config } from "./config";
import type { Deps } from "./deps";
import { openDatabase, type Database } from "./db/client";
import { createLogger, type Logger } from "./log";
import { loadSecretKey } from "./secret-key";
import { fsBlobStore } from "./storage/fs-store";
import { defaultCalendar } from "./domain/sla/calendar";
import path from "node:path";

/**
 * Builds the dependencies from a config: used by the server, the CLI and the integration tests,
 * so all three run the same wiring.
 */
export async function buildDeps(config: Config, opts: { log?: Logger; inMemory?: boolean } = {}): Promise<{ deps: Deps; database: Database }> {
  const log = opts.log ?? createLogger(config.logLevel);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: opts.inMemory ? undefined : path.join(config.dataDir, "pglite"),
  });
  const calendar = defaultCalendar();
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    ping: database.ping,
    blobs: fsBlobStore(config.attachmentsDir),
    log,
    secret: loadSecretKey(config.secretKeyHex, config.dataDir),
    calendar: async () => calendar,
    now: () => new Date(),
  };
  return { deps, database };
}
