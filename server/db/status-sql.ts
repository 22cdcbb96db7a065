import { sql, type SQL } from "drizzle-orm";
import type { TicketStatus } from "../../shared/ticket-status";

/**
 * `status in ('new','open',…)` for a named set of shared/ticket-status.ts, as literal SQL: the
 * partial indexes of schema.ts are declared with it, and a query can only use such an index when
 * its own predicate names the same constants (a bound parameter would not let the planner prove
 * it). `table` qualifies the column where a query joins tickets to another table with a status.
 * test/unit/status-index-predicates.test.ts holds the migrations' predicates to the sets.
 */
export function statusIn(set: readonly TicketStatus[], table?: string): SQL {
  return sql.raw(`${table ? `${table}.` : ""}status in (${set.map((s) => `'${s}'`).join(",")})`);
}
