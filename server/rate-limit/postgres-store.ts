import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { withDatabaseBudget } from "../db/deadline";
import { rowsOf } from "../db/rows";
import { windowAt, type RateLimitRule, type RateLimitStore, type Verdict } from "./store";

/**
 * A hit waits for the database at most this long (a free pool connection included), then the
 * limiter lets the request through (failOpen): the request's own 7 s budget is left whole.
 */
export const POSTGRES_HIT_MS = 1000;
/** How often each process deletes the windows no one counts any more. */
const PRUNE_EVERY_MS = 60_000;

/**
 * The limits in Postgres, shared by every process on the database. One statement and one round
 * trip per request: it reads the previous window's count and adds one to the current window's,
 * only while the weighted sum stays under the limit. The conditional update runs on the locked
 * row, so concurrent hits from N processes count exactly as one process would.
 */
export function postgresRateLimitStore(db: Db): RateLimitStore {
  let prunedAt = Date.now();
  const prune = (now: number) => {
    if (now - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now;
    // Off the request's path and its budget: statement_timeout bounds it, and a failure only delays the cleanup.
    void withDatabaseBudget(POSTGRES_HIT_MS * 5, () => db.execute(sql`delete from rate_limit_windows where expires_at < ${now}`)).catch(() => {});
  };
  return {
    kind: "postgres",
    async hit(rule: RateLimitRule, key: string, now: number): Promise<Verdict> {
      const w = windowAt(now, rule.windowMs);
      const expiresAt = (w.index + 2) * rule.windowMs;
      const result = await withDatabaseBudget(POSTGRES_HIT_MS, () => db.execute(sql`
        with previous as (
          select coalesce((select count from rate_limit_windows
            where name = ${rule.name} and address = ${key} and window_index = ${w.index - 1}), 0) * ${w.previousWeight}::float8 as used
        )
        insert into rate_limit_windows as w (name, address, window_index, count, expires_at)
        select ${rule.name}, ${key}, ${w.index}, 1, ${expiresAt} from previous where previous.used < ${rule.limit}
        on conflict (name, address, window_index) do update set count = w.count + 1
          where w.count + (select used from previous) < ${rule.limit}
        returning w.count`));
      prune(now);
      return rowsOf(result).length > 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: w.retryAfterSeconds };
    },
    close: () => Promise.resolve(),
  };
}
