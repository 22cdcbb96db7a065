import { sql } from "drizzle-orm";
import type { SuppressionItem, SuppressionLifted } from "../../../shared/api/suppressions";
import { rowsOf } from "../../db/rows";
import { mailSuppressionLifts, mailSuppressions, outbox, ticketEvents, tickets } from "../../db/schema";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import type { TicketEventData, TicketEventType } from "../../../shared/events";

/** Lifting re-queues at most this many held-back mails: a client cut off for weeks should not get a flood of old acknowledgements. */
export const REQUEUE_ON_LIFT = 10;

/** The fields of the event the lift writes in SQL, held to its schema in shared/events.ts. */
type MailRetriedField = keyof TicketEventData<"mail-retried">;

/** The suppression list, newest first, with the mail that caused each entry and how many mails wait behind it. */
export async function listSuppressions(deps: Pick<Deps, "db">, q: { q?: string; limit: number }): Promise<SuppressionItem[]> {
  const like = q.q ? `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = rowsOf<{ email: string; reason: string; code: string | null; created_at: string | Date; outbox_id: number | null; kind: string | null; subject: string | null; tid: string | null; held: number }>(await deps.db.execute(sql`
    select s.email, s.reason, s.code, s.created_at, o.id as outbox_id, o.kind, o.subject, t.tid,
      (select count(*)::int from ${outbox} h where h.to_address = s.email and h.status = 'suppressed') as held
    from ${mailSuppressions} s
    left join ${outbox} o on o.id = s.outbox_id
    left join ${tickets} t on t.id = o.ticket_id
    ${like ? sql`where s.email like ${like}` : sql``}
    order by s.created_at desc, s.email
    limit ${q.limit}`));
  return rows.map((r) => ({
    email: r.email, reason: r.reason, code: r.code, createdAt: new Date(r.created_at).toISOString(),
    cause: r.outbox_id ? { outboxId: Number(r.outbox_id), kind: r.kind!, subject: r.subject!, tid: r.tid } : null,
    heldBack: Number(r.held),
  }));
}

/**
 * Lifts a suppression: the entry goes (kept with the actor in mail_suppression_lifts), and the
 * automatic mails held back while it stood (outbox rows in status `suppressed`) are queued again,
 * the newest first and at most REQUEUE_ON_LIFT of them; older ones are marked failed, for staff
 * to retry on the outbox page if they still matter. Under the same per-address lock as
 * enqueueMail, so no mail is held back after the entry is gone.
 */
export async function liftSuppression(deps: Pick<Deps, "db" | "now" | "log">, address: string, actor: string): Promise<SuppressionLifted> {
  const email = address.trim().toLowerCase();
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`auto-mail:${email}`}))`);
    const [gone] = rowsOf<{ reason: string; code: string | null; outbox_id: number | null; created_at: string | Date }>(
      await tx.execute(sql`delete from ${mailSuppressions} where email = ${email} returning reason, code, outbox_id, created_at`),
    );
    if (!gone) throw new ApiError("NOT_FOUND", "This address is not on the suppression list.");
    // Newest first: the sender takes due rows by next_attempt_at, so the newest is due a moment before the next.
    const requeued = rowsOf<{ id: number; ticket_id: number | null; kind: string }>(await tx.execute(sql`
      with held as (
        select id, row_number() over (order by created_at desc, id desc) as rank from ${outbox}
        where to_address = ${email} and status = 'suppressed'
      ),
      again as (
        update ${outbox} o set status = 'pending', lease_until = null,
          next_attempt_at = ${now.toISOString()}::timestamptz - make_interval(secs => (${REQUEUE_ON_LIFT + 1} - held.rank) / 1000.0)
        from held where o.id = held.id and held.rank <= ${REQUEUE_ON_LIFT}
        returning o.id, o.ticket_id, o.kind
      ),
      events as (
        insert into ${ticketEvents} (ticket_id, type, actor, data, created_at)
        select ticket_id, ${"mail-retried" satisfies TicketEventType}::text, ${actor},
          jsonb_build_object(${"outboxId" satisfies MailRetriedField}::text, id, ${"to" satisfies MailRetriedField}::text, ${email}::text,
            ${"kind" satisfies MailRetriedField}::text, kind, ${"reason" satisfies MailRetriedField}::text, ${"suppression lifted"}::text),
          ${now.toISOString()}::timestamptz
        from again where ticket_id is not null
      )
      select id, ticket_id, kind from again`));
    const older = rowsOf<{ id: number }>(await tx.execute(sql`
      update ${outbox} set status = 'failed', last_error = ${`held back while ${email} was suppressed; not re-sent when it was lifted (only the newest ${REQUEUE_ON_LIFT} are)`}
      where to_address = ${email} and status = 'suppressed' returning id`));
    await tx.insert(mailSuppressionLifts).values({
      email, reason: gone.reason, code: gone.code, outboxId: gone.outbox_id === null ? null : Number(gone.outbox_id),
      suppressedAt: new Date(gone.created_at), liftedBy: actor, liftedAt: now, requeued: requeued.length,
    });
    return { email, requeued: requeued.length, notRequeued: older.length };
  });
  deps.log.info({ actor, action: "suppression-lifted", ...result }, "suppression lifted");
  return result;
}
