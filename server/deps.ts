import type { Config } from "./config";
import type { Db } from "./db/client";
import type { Logger } from "./log";
import type { BlobStore } from "./storage/blob-store";
import type { BusinessCalendar } from "./domain/sla/calendar";
import type { Metrics } from "./metrics/registry";
import type { RateLimitStore } from "./rate-limit/store";
import type { ChangeBus } from "./db/change-bus";

/** What the app and the services are built from. Tests build one with an in-memory database. */
export interface Deps {
  config: Config;
  db: Db;
  dbKind: "pglite" | "postgres";
  ping: () => Promise<void>;
  blobs: BlobStore;
  log: Logger;
  secret: Buffer;
  /** The SLA calendar in force; admin holidays make it change, so it is asked for each time. */
  calendar: () => Promise<BusinessCalendar>;
  /** Drops this process's cached calendar after a local holiday or closure change. */
  invalidateCalendar?: () => void;
  /** Changes announced by any process on the database (LISTEN/NOTIFY): cached rows are dropped on them. */
  changes: ChangeBus;
  now: () => Date;
  /**
   * The bearer token of the admin CLI on this machine (DATA_DIR/cli.json), set by the server while
   * it holds the embedded database, so that the CLI can work through it instead of refusing.
   */
  localToken?: string;
  /** True while the process stops (server/shutdown.ts): /readyz answers 503 so no new work is sent. */
  stopping?: () => boolean;
  /** Where the rate limits count: Redis or Postgres shared by every process, or memory (rate-limit/store.ts). */
  rateLimits: RateLimitStore;
  /** Prometheus counters of this process (GET /metrics). */
  metrics: Metrics;
}
