import type { Tx } from "../../db/client";
import { ticketEvents } from "../../db/schema";
import { checkEventData, type TypedTicketEvent } from "../../../shared/events";

/** An event to write: its type with the data of that type (shared/events.ts), and on whose behalf. */
export type TicketEventDraft = TypedTicketEvent & { ticketId: number; actor: string };
/** A draft with its instant; without one the database's clock stamps it. */
export type NewTicketEvent = TicketEventDraft & { createdAt?: Date };

/**
 * The row of an event, its data checked against its type's schema: the one way an event becomes a
 * row, so that the history the console reads holds only what shared/events.ts says it may. The
 * data is stored as given (the check does not strip fields a newer writer adds).
 */
export function eventRow(e: NewTicketEvent): typeof ticketEvents.$inferInsert {
  checkEventData(e);
  return { ticketId: e.ticketId, type: e.type, actor: e.actor, data: e.data, ...(e.createdAt ? { createdAt: e.createdAt } : {}) };
}

/** Writes events inside the caller's transaction. */
export async function recordEvents(tx: Tx, events: NewTicketEvent | readonly NewTicketEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events as NewTicketEvent];
  if (list.length) await tx.insert(ticketEvents).values(list.map(eventRow));
}
