import { and, eq } from "drizzle-orm";
import { isValidTid } from "../../../shared/tid";
import type { Db, Tx } from "../../db/client";
import { ticketParticipants, tickets } from "../../db/schema";
import { referencedIds, subjectTids } from "../../domain/mail/classify";
import { tidFromMessageId } from "../../mail/message-ids";

export type ThreadMatch =
  | { kind: "ticket"; ticketId: number; tid: string; via: "message-id" | "subject" }
  | { kind: "new"; namedTid: string | null; namedReason: string | null };

/**
 * Which ticket a mail belongs to (CONTRACT §7). First our signed Message-IDs in In-Reply-To and
 * References (unforgeable, so the sender need not be known); then a `[TID#…]` in the subject whose
 * check digit verifies, only when the sender is already on that ticket. Anything else opens a new
 * ticket, which records the TID it named: a TID from a stranger never adds to another's ticket.
 */
export async function findThread(
  db: Db | Tx,
  secret: Buffer,
  domain: string,
  mail: { from: string; subject: string; inReplyTo?: string; references?: string | string[] },
): Promise<ThreadMatch> {
  for (const id of referencedIds(mail.inReplyTo, mail.references)) {
    const tid = tidFromMessageId(secret, domain, id);
    if (!tid) continue;
    const [t] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    if (t) return { kind: "ticket", ticketId: t.id, tid, via: "message-id" };
  }
  const named = subjectTids(mail.subject);
  for (const tid of named) {
    if (!isValidTid(tid)) continue;
    const [t] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .innerJoin(ticketParticipants, and(eq(ticketParticipants.ticketId, tickets.id), eq(ticketParticipants.email, mail.from)))
      .where(eq(tickets.tid, tid));
    if (t) return { kind: "ticket", ticketId: t.id, tid, via: "subject" };
  }
  const first = named[0] ?? null;
  return {
    kind: "new",
    namedTid: first,
    namedReason: first === null ? null : isValidTid(first) ? "the sender is not on that ticket, or it does not exist" : "its check digit is wrong",
  };
}
