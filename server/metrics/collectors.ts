import { Gauge } from "prom-client";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rowsOf } from "../db/rows";
import type { Metrics } from "./registry";
import { withTimeout } from "../with-timeout";

/** A scrape must answer even when the database does not: Prometheus' default scrape timeout is 10 s. */
const READ_TIMEOUT_MS = 3000;

/**
 * Gauges read from the database at scrape time. They describe shared state (every process
 * would report the same numbers), so a dashboard may take any one instance's value. A scrape
 * while the database is away reports `tidings_database_up 0` instead of failing the whole page.
 */
export function addDatabaseGauges(metrics: Metrics, db: Db): void {
  let shared: Promise<void> | null = null;
  // One query per scrape, shared by the three gauges: the first collect() starts it, the others wait for it.
  const read = () => (shared ??= readOutbox().finally(() => setImmediate(() => { shared = null; })));
  const registers = [metrics.registry];
  const up = new Gauge({ name: "tidings_database_up", help: "1 when the last scrape could read the database, else 0.", registers, collect: read });
  const depth = new Gauge({ name: "tidings_outbox_pending", help: "Mails waiting in the outbox (pending delivery or retry).", registers, collect: read });
  const oldest = new Gauge({
    name: "tidings_outbox_oldest_pending_age_seconds", help: "Age of the oldest mail still waiting in the outbox; 0 when none waits.", registers, collect: read,
  });

  async function readOutbox(): Promise<void> {
    try {
      // Matches the partial index outbox_due_idx (status = 'pending'), so the sent history is not read.
      const query = db.execute(sql`select count(*) as n, min(created_at) as oldest from outbox where status = 'pending'`);
      const [row] = rowsOf<{ n: number | string; oldest: Date | string | null }>(await withTimeout(query, READ_TIMEOUT_MS));
      depth.set(Number(row?.n ?? 0));
      oldest.set(row?.oldest ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : 0);
      up.set(1);
    } catch {
      up.set(0);
    }
  }
}
