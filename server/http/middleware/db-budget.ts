import type { MiddlewareHandler } from "hono";
import { withDatabaseBudget } from "../../db/deadline";

/**
 * Each request may wait at most this long for Postgres in all (CONTRACT §3: an outage is a quick
 * 503 UNAVAILABLE, not a hanging request). 6 s leaves room within the 10 s that issue 11 promises
 * for the work around the waits; time spent reading the body is not counted, so a slow upload
 * on a slow link is not cut off.
 */
export const REQUEST_DATABASE_BUDGET_MS = 6000;

/** Gives every request its database budget (db/deadline.ts); PGlite, in-process, ignores it. */
export function databaseBudget(ms = REQUEST_DATABASE_BUDGET_MS): MiddlewareHandler {
  return (_c, next) => withDatabaseBudget(ms, next);
}
