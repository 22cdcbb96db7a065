import { eq } from "drizzle-orm";
import type { SlaLevelId } from "../../../shared/sla";
import type { Tx } from "../../db/client";
import { requesters, tickets } from "../../db/schema";
import { ApiError } from "../../errors";

/** Loads a ticket by TID inside a transaction and locks its row, so concurrent changes serialise. */
export async function lockTicket(tx: Tx, tid: string) {
  return lockBy(tx, eq(tickets.tid, tid), `There is no ticket TID#${tid}.`);
}

export async function lockTicketById(tx: Tx, id: number) {
  return lockBy(tx, eq(tickets.id, id), "There is no such ticket.");
}

async function lockBy(tx: Tx, where: ReturnType<typeof eq>, notFound: string) {
  const [row] = await tx
    .select({ t: tickets, requesterEmail: requesters.email })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .where(where)
    .for("update", { of: tickets });
  if (!row) throw new ApiError("NOT_FOUND", notFound);
  return { ...row.t, slaLevel: row.t.slaLevel as SlaLevelId, requesterEmail: row.requesterEmail };
}
