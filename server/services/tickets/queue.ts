import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { requesters, staff, tickets } from "../../db/schema";
import { ApiError } from "../../errors";
import { ACTIVE_STATUSES } from "../../../shared/ticket-status";
import { TID_SHAPE } from "../../../shared/tid";
import { statusIn } from "../../db/status-sql";

export interface QueueCursor { urgent: boolean; receivedAt: string; id: number }

/**
 * The work queue (SLA 2.2): tickets still being worked, urgent recovery first, then first come,
 * first served. Keyset pagination over the partial index `tickets_queue_idx`: each page is an
 * index seek, not a scan of the pages before it.
 */
export interface QueueFilters {
  status?: string;
  level?: string;
  channel?: string;
  /** A staff email, "none" for unassigned. */
  assignee?: string;
  /** A TID, an email address, or words searched in subject and description. */
  q?: string;
}

export async function listQueue(db: Db, opts: { limit: number; after?: string } & QueueFilters) {
  const cursor = opts.after ? decodeCursor(opts.after) : null;
  // The statuses are written into the SQL text (not bound) so that every plan, generic or custom,
  // can prove the partial index tickets_queue_idx applies.
  const active = statusIn(ACTIVE_STATUSES, "tickets");
  // Order is (urgent desc, received_at, id). Within one urgency the rest is a seek on the row
  // comparison (received_at, id) > (…); after the last urgent ticket come all the others.
  const afterCursor = cursor
    ? cursor.urgent
      ? or(and(eq(tickets.urgent, true), sql`(${tickets.receivedAt}, ${tickets.id}) > (${cursor.receivedAt}::timestamptz, ${cursor.id}::bigint)`), eq(tickets.urgent, false))
      : and(eq(tickets.urgent, false), sql`(${tickets.receivedAt}, ${tickets.id}) > (${cursor.receivedAt}::timestamptz, ${cursor.id}::bigint)`)
    : undefined;
  const filters = [
    opts.status ? eq(tickets.status, opts.status as never) : undefined,
    opts.level ? eq(tickets.slaLevel, opts.level) : undefined,
    opts.channel ? eq(tickets.channel, opts.channel as never) : undefined,
    opts.assignee === "none" ? isNull(tickets.assigneeId) : opts.assignee ? eq(staff.email, opts.assignee.toLowerCase()) : undefined,
    searchCondition(opts.q),
  ].filter((f) => f !== undefined);
  const rows = await db
    .select({
      id: tickets.id, tid: tickets.tid, subject: tickets.subject, status: tickets.status, urgent: tickets.urgent,
      slaLevel: tickets.slaLevel, channel: tickets.channel, receivedAt: tickets.receivedAt,
      responseTargetAt: tickets.responseTargetAt, responseDueAt: tickets.responseDueAt,
      firstResponseAt: tickets.firstResponseAt, answeredAt: tickets.answeredAt, breached: tickets.breached, email: requesters.email, assignee: staff.email,
    })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .leftJoin(staff, eq(staff.id, tickets.assigneeId))
    .where(and(active, afterCursor, ...filters))
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
      answeredAt: r.answeredAt?.toISOString() ?? null,
    })),
    next: rows.length > opts.limit && last ? encodeCursor({ urgent: last.urgent, receivedAt: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}

function searchCondition(q: string | undefined) {
  const term = q?.trim();
  if (!term) return undefined;
  const digits = term.replace(/^\[?\s*tid\s*#?\s*/i, "").replace(/\]$/, "");
  if (TID_SHAPE.test(digits)) return eq(tickets.tid, digits);
  if (term.includes("@")) return eq(requesters.email, term.toLowerCase());
  // Matches the expression of tickets_fts_idx, so the index serves it.
  return sql`to_tsvector('simple', ${tickets.searchText}) @@ plainto_tsquery('simple', ${term})`;
}

function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.urgent ? 1 : 0, c.receivedAt, c.id])).toString("base64url");
}

function decodeCursor(s: string): QueueCursor {
  try {
    const [u, r, id] = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown[];
    if ((u === 0 || u === 1) && typeof r === "string" && !Number.isNaN(Date.parse(r)) && typeof id === "number" && Number.isSafeInteger(id)) return { urgent: u === 1, receivedAt: r, id };
  } catch { /* fall through */ }
  throw new ApiError("VALIDATION_FAILED", "The page cursor is not valid; start again from the first page.", { field: "after" });
}
