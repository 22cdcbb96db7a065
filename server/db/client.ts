import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import postgres from "postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { preparingClient } from "./prepared-client";
import { poolOptions } from "./pool-options";
import { deadlineClient, withDatabaseBudget } from "./deadline";
import { pgliteStartParams } from "./pglite-memory";
import { takeWarmPgliteWasm } from "./pglite-warm.mjs";
import { initPgliteDataDir, pgliteDataDirExists } from "./pglite-init";
import { listenPglite, listenPostgres, type NoticeHandlers, type NoticeListener } from "./notice-listener";

/**
 * One drizzle type for both drivers, so no service knows which database it talks to. Without the
 * schema: nothing uses drizzle's relational queries (`db.query.*`), and with it every transaction
 * built a query builder per table (bench/intake.ts: a fifth of drizzle's own time per ticket).
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Throws when the database cannot answer; /readyz and the 503 mapping rely on it. */
  ping: () => Promise<void>;
  /** LISTEN on `channel` for as long as the process runs (db/notice-listener.ts). */
  listen: (channel: string, on: NoticeHandlers) => Promise<NoticeListener>;
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));
/** Any fixed number: it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK = 7_356_001;
/** /readyz answers within this, whatever the network does. */
const PING_MS = 3000;

export interface OpenOptions {
  /** postgres:// URL; without it PGlite is used. */
  url?: string;
  /** PGlite data directory; undefined means in memory (tests). */
  dataDir?: string;
  /** Pool size for postgres.js. */
  max?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.max ?? 10) : openPglite(opts.dataDir);
}

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir && !pgliteDataDirExists(dataDir)) await initPgliteDataDir(dataDir);
  // pg_trgm: the knowledge base's typo tolerance (migration 0012 creates the extension).
  // Compiled meanwhile by the launcher when it ran (npm start); PGlite compiles it otherwise.
  const pgliteWasmModule = await takeWarmPgliteWasm();
  const options = { extensions: { pg_trgm }, startParams: pgliteStartParams(), ...(pgliteWasmModule && { pgliteWasmModule }) };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
  return {
    db,
    kind: "pglite",
    ping: async () => { await client.query("select 1"); },
    listen: (channel, on) => listenPglite(client, channel, on),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const client = postgres(url, poolOptions(url, max));
  await migrateLocked(url);
  const db = drizzlePostgres(preparingClient(deadlineClient(client))) as unknown as Db;
  return {
    db,
    kind: "postgres",
    ping: () => withDatabaseBudget(PING_MS, async () => { await deadlineClient(client).unsafe("select 1"); }),
    listen: (channel, on) => listenPostgres(url, channel, on),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Several processes may start at once; the advisory lock lets exactly one of them migrate. */
async function migrateLocked(url: string): Promise<void> {
  const one = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await one`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(one), { migrationsFolder: MIGRATIONS });
    await one`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await one.end({ timeout: 5 });
  }
}


/** A transaction handle; services that must run inside the caller's transaction take this. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
