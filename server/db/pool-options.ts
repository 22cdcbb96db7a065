import postgres from "postgres";
import { replyWatchdog } from "./reply-watchdog";

/**
 * The bounds on every wait for Postgres, chosen so that a request meets its database budget
 * (db/deadline.ts, 7 s) and so gets its answer, 503 included, within 10 s whether
 * the database refuses, resets or silently drops packets:
 * - connect_timeout 5 s: a connection that cannot be opened (or whose startup gets no answer);
 * - statement_timeout 8 s: the server stops a statement that outlives every caller's budget;
 * - the reply watchdog (10 s, statement_timeout plus a margin): a connection whose server stopped
 *   answering mid-query is destroyed, so its pool slot reconnects instead of staying wedged;
 * - idle_in_transaction_session_timeout 30 s: the server rolls back a transaction whose client
 *   vanished in a partition (ours never pause inside a transaction; they hold no user waits);
 * - backoff at most 1 s: postgres.js otherwise counts failures across the pool (3^n / 100 s, up
 *   to 20 s), so after ten backends are terminated at once a slot waited 10-20 s to reconnect.
 */
export const STATEMENT_TIMEOUT_MS = 8000;
export const REPLY_TIMEOUT_MS = STATEMENT_TIMEOUT_MS + 2000;

export function poolOptions(url: string, max: number): postgres.Options<Record<string, postgres.PostgresType>> {
  const base = {
    max,
    connect_timeout: 5,
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    keep_alive: 15,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
    onnotice: () => {},
    connection: {
      application_name: "tidings",
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: 30_000,
    },
  };
  // The parsed options say whether the driver's bytes are readable (no TLS, one host).
  const parsed = postgres(url, base).options as unknown as Parameters<typeof replyWatchdog>[1];
  const socket = replyWatchdog(REPLY_TIMEOUT_MS, parsed);
  // `socket` is a documented option that the 3.4 type definitions leave out.
  return socket ? ({ ...base, socket } as typeof base) : base;
}
