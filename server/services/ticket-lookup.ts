import { eq } from "drizzle-orm";
import type { SlaLevelId } from "../../shared/sla";
import type { Tx } from "../db/client";
import { tickets } from "../db/schema";
import { ApiError } from "../errors";

/** Loads a ticket by TID inside a transaction and locks its row, so concurrent changes serialise. */
export async function lockTicket(tx: Tx, tid: string) {
  const [row] = await tx.select().from(tickets).where(eq(tickets.tid, tid)).for("update");
  if (!row) throw new ApiError("NOT_FOUND", `There is no ticket TID#${tid}.`);
  return { ...row, slaLevel: row.slaLevel as SlaLevelId };
}
