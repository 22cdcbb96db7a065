import { and, asc, eq, gte, inArray, isNull, or, type SQLWrapper } from "drizzle-orm";
import type { SlaLevelId } from "../../../shared/sla";
import type { Tx } from "../../db/client";
import { slaPauses, tickets } from "../../db/schema";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import type { Pause } from "../../domain/sla/due";
import { responseTimes } from "../../domain/sla/response-times";

/** A pause matters for a clock started at `since` while it is still open or ends after `since`. */
const mattersSince = (since: Date | SQLWrapper) => or(isNull(slaPauses.endedAt), gte(slaPauses.endedAt, since));

/** The pauses that matter for a clock started at `since`: those still open or ending after it. */
export async function pausesSince(tx: Tx, ticketId: number, since: Date): Promise<Pause[]> {
  const rows = await tx
    .select({ from: slaPauses.startedAt, to: slaPauses.endedAt, reason: slaPauses.reason })
    .from(slaPauses)
    .where(and(eq(slaPauses.ticketId, ticketId), mattersSince(since)))
    .orderBy(asc(slaPauses.startedAt));
  return rows;
}

/** pausesSince for many tickets in one query, each against its own `sla_started_at`; by ticket id. */
export async function pausesOfTickets(tx: Tx, ticketIds: readonly number[]): Promise<Map<number, Pause[]>> {
  const byTicket = new Map<number, Pause[]>();
  if (!ticketIds.length) return byTicket;
  const rows = await tx
    .select({ ticketId: slaPauses.ticketId, from: slaPauses.startedAt, to: slaPauses.endedAt, reason: slaPauses.reason })
    .from(slaPauses)
    .innerJoin(tickets, eq(tickets.id, slaPauses.ticketId))
    .where(and(inArray(slaPauses.ticketId, [...ticketIds]), mattersSince(tickets.slaStartedAt)))
    .orderBy(asc(slaPauses.ticketId), asc(slaPauses.startedAt));
  for (const { ticketId, ...p } of rows) {
    const list = byTicket.get(ticketId);
    if (list) list.push(p);
    else byTicket.set(ticketId, [p]);
  }
  return byTicket;
}

/**
 * Recomputes and stores a ticket's response target and maximum from its level, the start of its
 * clock and its pauses. Every change to one ticket that can move a due time ends here, and a change
 * of the calendar recomputes all running clocks the same way (calendar-change.ts), so the stored
 * times are always what the calendar says now.
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
