import { and, eq } from "drizzle-orm";
import { isStaff, type Principal } from "../../../shared/principal";
import type { Db } from "../../db/client";
import { licenseEmails, requesters, ticketParticipants, tickets } from "../../db/schema";
import { ApiError } from "../../errors";
import { verifyTicketToken } from "../accounts/signed-links";

/**
 * How a principal stands to a ticket. Staff see every ticket; a client sees tickets they requested
 * or were copied on, and a license's designated contact sees the organisation's tickets; the
 * signed link from a requester's mail stands for the requester. Anyone else learns nothing: not
 * even whether the ticket exists.
 */
export type TicketRole = "staff" | "requester" | "participant" | "contact";

export interface TicketAccess { role: TicketRole; ticketId: number; tid: string; actorEmail: string | null; requesterEmail: string }

export async function ticketAccess(db: Db, secret: Buffer, p: Principal, tid: string, token?: string | null): Promise<TicketAccess> {
  const [t] = await db
    .select({ id: tickets.id, licenseId: tickets.licenseId, email: requesters.email })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .where(eq(tickets.tid, tid));
  const base = t ? { ticketId: t.id, tid, requesterEmail: t.email } : null;
  if (base && isStaff(p)) return { ...base, role: "staff", actorEmail: p.kind === "staff" ? p.email : null };
  if (base && p.kind === "client") {
    if (p.email === base.requesterEmail) return { ...base, role: "requester", actorEmail: p.email };
    const [cc] = await db.select({ e: ticketParticipants.email }).from(ticketParticipants).where(and(eq(ticketParticipants.ticketId, base.ticketId), eq(ticketParticipants.email, p.email)));
    if (cc) return { ...base, role: "participant", actorEmail: p.email };
    if (t!.licenseId) {
      const [contact] = await db.select({ e: licenseEmails.email }).from(licenseEmails)
        .where(and(eq(licenseEmails.licenseId, t!.licenseId), eq(licenseEmails.email, p.email), eq(licenseEmails.isContact, true)));
      if (contact) return { ...base, role: "contact", actorEmail: p.email };
    }
  }
  if (base && token && verifyTicketToken(secret, tid, token)) return { ...base, role: "requester", actorEmail: base.requesterEmail };
  if (p.kind === "anonymous") throw new ApiError("UNAUTHENTICATED", "Sign in, or open the link from your acknowledgement mail, to see this ticket.");
  throw new ApiError("NOT_FOUND", `There is no ticket TID#${tid} that you can see.`);
}
