import { bigint, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * The rate limits' counts when several processes share Postgres (rate-limit/postgres-store.ts):
 * one row per limit, client address and fixed window, living two windows. Unlogged (see the
 * migration): a count is worth no WAL flush, and a crash that empties the table only forgives
 * a minute of requests. No index on `expires_at`: the prune runs once a minute per process over
 * a table that holds two windows of clients, and every index more would be written by each hit.
 */
export const rateLimitWindows = pgTable("rate_limit_windows", {
  name: text("name").notNull(),
  address: text("address").notNull(),
  /** The window's number counted from the epoch (milliseconds / window length). */
  windowIndex: bigint("window_index", { mode: "number" }).notNull(),
  count: integer("count").notNull(),
  /** Epoch milliseconds after which the row is no one's previous window any more. */
  expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
}, (t) => [primaryKey({ columns: [t.name, t.address, t.windowIndex] })]);
