import { and, asc, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { requesters, tickets } from "../db/schema";
import { ApiError } from "../errors";
import { ACTIVE_STATUSES } from "./ticket-status";

export interface QueueCursor { urgent: boolean; receivedAt: string; id: number }

/**
 * The work queue (SLA 2.2): tickets still being worked, urgent recovery first, then first come,
 * first served. Keyset pagination over the partial index `tickets_queue_idx`, so the first page
 * and the thousandth cost the same at a million tickets.
 */
export async function listQueue(db: Db, opts: { limit: number; after?: string }) {
  const cursor = opts.after ? decodeCursor(opts.after) : null;
  const active = inArray(tickets.status, [...ACTIVE_STATUSES]);
  const afterCursor = cursor
    ? or(
        // Order is (urgent desc, received_at asc, id asc): rows after the cursor are the less
        // urgent ones, or equally urgent and later.
        cursor.urgent ? eq(tickets.urgent, false) : sql`false`,
        and(eq(tickets.urgent, cursor.urgent), gt(tickets.receivedAt, new Date(cursor.receivedAt))),
        and(eq(tickets.urgent, cursor.urgent), eq(tickets.receivedAt, new Date(cursor.receivedAt)), gt(tickets.id, cursor.id)),
      )
    : undefined;
  const rows = await db
    .select({
      id: tickets.id, tid: tickets.tid, subject: tickets.subject, status: tickets.status, urgent: tickets.urgent,
      slaLevel: tickets.slaLevel, channel: tickets.channel, receivedAt: tickets.receivedAt,
      responseTargetAt: tickets.responseTargetAt, responseDueAt: tickets.responseDueAt,
      firstResponseAt: tickets.firstResponseAt, breached: tickets.breached, email: requesters.email,
    })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .where(afterCursor ? and(active, afterCursor) : active)
    .orderBy(desc(tickets.urgent), asc(tickets.receivedAt), asc(tickets.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ id: _id, ...r }) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      responseTargetAt: r.responseTargetAt?.toISOString() ?? null,
      responseDueAt: r.responseDueAt?.toISOString() ?? null,
      firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
    })),
    next: rows.length > opts.limit && last ? encodeCursor({ urgent: last.urgent, receivedAt: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}

function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.urgent ? 1 : 0, c.receivedAt, c.id])).toString("base64url");
}

function decodeCursor(s: string): QueueCursor {
  try {
    const [u, r, id] = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if ((u === 0 || u === 1) && typeof r === "string" && !Number.isNaN(Date.parse(r)) && Number.isSafeInteger(id)) return { urgent: u === 1, receivedAt: r, id };
  } catch { /* fall through */ }
  throw new ApiError("VALIDATION_FAILED", "The page cursor is not valid; start again from the first page.", { field: "after" });
}
