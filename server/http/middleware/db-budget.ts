import type { MiddlewareHandler } from "hono";
import { DATABASE_BUDGET_MS, withDatabaseBudget } from "../../db/deadline";

/**
 * Gives every request its database budget (db/deadline.ts): CONTRACT §3 wants an outage to be a
 * quick 503 UNAVAILABLE, not a hanging request. Time spent reading the body is not counted, so a
 * slow upload on a slow link is not cut off. PGlite, in-process, is not bounded.
 */
export function databaseBudget(ms = DATABASE_BUDGET_MS): MiddlewareHandler {
  return (_c, next) => withDatabaseBudget(ms, () => next());
}
