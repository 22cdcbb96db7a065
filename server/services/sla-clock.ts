import { and, asc, eq, gte, isNull, or } from "drizzle-orm";
import type { SlaLevelId } from "../../shared/sla";
import type { Tx } from "../db/client";
import { slaPauses, tickets } from "../db/schema";
import type { BusinessCalendar } from "../domain/sla/calendar";
import type { Pause } from "../domain/sla/due";
import { responseTimes } from "../domain/sla/response-times";

/** The pauses that matter for a clock started at `since`: those still open or ending after it. */
export async function pausesSince(tx: Tx, ticketId: number, since: Date): Promise<Pause[]> {
  const rows = await tx
    .select({ from: slaPauses.startedAt, to: slaPauses.endedAt, reason: slaPauses.reason })
    .from(slaPauses)
    .where(and(eq(slaPauses.ticketId, ticketId), or(isNull(slaPauses.endedAt), gte(slaPauses.endedAt, since))))
    .orderBy(asc(slaPauses.startedAt));
  return rows;
}

/**
 * Recomputes and stores a ticket's response target and maximum from its level, the start of its
 * clock and its pauses. Every change that can move a due time ends here, so the stored times are
 * always what the calendar says now.
 */
export async function recomputeSla(
  tx: Tx,
  ticket: { id: number; slaLevel: SlaLevelId; slaStartedAt: Date },
  cal: BusinessCalendar,
): Promise<{ targetAt: Date | null; dueAt: Date | null }> {
  const pauses = await pausesSince(tx, ticket.id, ticket.slaStartedAt);
  const times = responseTimes(ticket.slaLevel, ticket.slaStartedAt, cal, pauses);
  await tx.update(tickets).set({ responseTargetAt: times.targetAt, responseDueAt: times.dueAt }).where(eq(tickets.id, ticket.id));
  return times;
}
