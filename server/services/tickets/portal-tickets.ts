import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { isValidTid, TID_SHAPE } from "../../../shared/tid";
import type { Db } from "../../db/client";
import { licenseEmails, requesters, ticketParticipants, tickets } from "../../db/schema";

/** Tickets a client may see: requested, copied on, or (designated contacts) their organisation's. */
function visibleTo(email: string) {
  return or(
    eq(requesters.email, email),
    sql`exists (select 1 from ${ticketParticipants} p where p.ticket_id = ${tickets.id} and p.email = ${email})`,
    sql`${tickets.licenseId} in (select ${licenseEmails.licenseId} from ${licenseEmails} where ${licenseEmails.email} = ${email} and ${licenseEmails.isContact})`,
  );
}

export async function myTickets(db: Db, email: string, limit = 200) {
  const rows = await db
    .select({
      tid: tickets.tid, subject: tickets.subject, status: tickets.status, slaLevel: tickets.slaLevel, urgent: tickets.urgent,
      receivedAt: tickets.receivedAt, updatedAt: tickets.updatedAt, responseDueAt: tickets.responseDueAt, firstResponseAt: tickets.firstResponseAt, answeredAt: tickets.answeredAt,
      requester: requesters.email,
    })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .where(visibleTo(email))
    .orderBy(desc(tickets.receivedAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r, mine: r.requester === email, receivedAt: r.receivedAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    responseDueAt: r.responseDueAt?.toISOString() ?? null, firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
  }));
}

/**
 * Find by TID (SLA 4.13). A number whose check digit fails is a typo: we suggest the tickets of
 * this client whose TID differs by one digit or by two swapped neighbours, the mistakes Damm's
 * check digit is built to catch.
 */
export async function findByTid(db: Db, email: string, input: string) {
  const digits = input.replace(/^\s*\[?\s*(tid\s*#?\s*)?/i, "").replace(/\s*\]?\s*$/, "");
  if (!TID_SHAPE.test(digits)) return { valid: false as const, suggestions: [] as string[] };
  if (isValidTid(digits)) {
    const [row] = await db.select({ tid: tickets.tid }).from(tickets).innerJoin(requesters, eq(requesters.id, tickets.requesterId)).where(and(eq(tickets.tid, digits), visibleTo(email)));
    return { valid: true as const, found: row?.tid ?? null };
  }
  const candidates = typoCandidates(digits);
  const rows = candidates.length
    ? await db.select({ tid: tickets.tid }).from(tickets).innerJoin(requesters, eq(requesters.id, tickets.requesterId)).where(and(inArray(tickets.tid, candidates), visibleTo(email)))
    : [];
  return { valid: false as const, suggestions: rows.map((r) => r.tid).slice(0, 5) };
}

export function typoCandidates(tid: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tid.length; i++) {
    for (let d = 0; d <= 9; d++) {
      const c = tid.slice(0, i) + d + tid.slice(i + 1);
      if (c !== tid && isValidTid(c)) out.add(c);
    }
    if (i < tid.length - 1) {
      const s = tid.slice(0, i) + tid[i + 1] + tid[i] + tid.slice(i + 2);
      if (s !== tid && isValidTid(s)) out.add(s);
    }
  }
  return [...out];
}
