import { sql } from "drizzle-orm";
import type { Deps } from "../deps";
import { rowsOf } from "../db/rows";
import type { Job } from "./runner";

const BATCH = 5000;
const DAY_MS = 86_400_000;
/** Searches age by the day: once an hour is soon enough. */
const INTERVAL_MS = 3_600_000;

/**
 * Deletes knowledge-base searches older than KB_SEARCH_RETENTION_DAYS (issue 16): the log serves
 * the no-result report and is not kept for ever. A batch at a time, rows claimed with SKIP LOCKED,
 * so several processes may run it; `zero_result in (true, false)` lets the (zero_result,
 * created_at) index find the old rows without an index of its own.
 */
export async function deleteOldSearches(deps: Pick<Deps, "db" | "now" | "config">): Promise<number> {
  const before = new Date(deps.now().getTime() - deps.config.kbSearchRetentionDays * DAY_MS).toISOString();
  const rows = rowsOf<{ id: string }>(await deps.db.execute(sql`
    delete from kb_searches where id in (
      select id from kb_searches where zero_result in (true, false) and created_at < ${before}::timestamptz
      limit ${BATCH} for update skip locked
    ) returning id`));
  return rows.length;
}

export const kbSearchRetentionJob = (intervalMs = INTERVAL_MS): Job => ({ name: "kb-search-retention", intervalMs, batchSize: BATCH, run: deleteOldSearches });
