import { sql } from "drizzle-orm";
import { rowsOf } from "../db/rows";
import type { Db, Tx } from "../db/client";
import { mailSuppressions, outbox, ticketEvents } from "../db/schema";
import type { Deps } from "../deps";
import { mailDomain, newMessageId } from "../mail/message-ids";

export interface OutgoingMail {
  ticketId: number | null;
  /** The TID the Message-ID will carry, so replies thread back to the ticket. */
  tid: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Message-IDs this mail answers (In-Reply-To / References). */
  inReplyTo?: string;
  references?: string[];
  /** Staff replies are not automatic; acknowledgements and alerts are. Default true. */
  automatic?: boolean;
  /** Mail to our own staff (SLA alerts): automatic, but not capped per recipient. */
  internal?: boolean;
}

/** At most this many automatic mails to one address in the window: a loop with another robot stops here. */
export const AUTO_MAIL_CAP = { count: 10, windowMs: 10 * 60_000 };

export type EnqueueResult = { queued: true; messageId: string } | { queued: false; reason: "suppressed" | "capped" };

/**
 * Writes a mail into the outbox inside the caller's transaction, so it exists iff the change that
 * causes it does. Automatic mail is skipped for addresses that bounced permanently and past the
 * per-recipient cap; the caller records why.
 */
export async function enqueueMail(
  tx: Tx | Db,
  deps: Pick<Deps, "secret" | "config" | "now">,
  mail: OutgoingMail,
  /** An event written in the same statement, with `data.mail` set to what became of the mail. */
  event?: { ticketId: number; type: string; actor: string; data: Record<string, unknown> },
): Promise<EnqueueResult> {
  const to = mail.to.toLowerCase();
  const automatic = mail.automatic ?? true;
  const messageId = newMessageId(deps.secret, mailDomain(deps.config.mailFrom), mail.tid);
  const headers: Record<string, string> = {};
  // Our own automatic mail says so (RFC 3834), so well-behaved auto-responders stay quiet.
  if (automatic) headers["Auto-Submitted"] = "auto-replied";
  if (mail.inReplyTo) headers["In-Reply-To"] = mail.inReplyTo;
  const refs = [...(mail.references ?? []), ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
  if (refs.length) headers.References = [...new Set(refs)].slice(-20).join(" ");
  const now = deps.now().toISOString();
  const since = new Date(deps.now().getTime() - AUTO_MAIL_CAP.windowMs).toISOString();

  // One statement, one round trip (this runs on every intake): for automatic mail the advisory
  // lock serialises mail per recipient, so concurrent transactions cannot both pass the cap; the
  // suppression list and the recent count are read under it; the row is written only if allowed.
  const gate = automatic && !mail.internal
    ? sql`select pg_advisory_xact_lock(hashtext(${`auto-mail:${to}`}))::text as locked,
          exists(select 1 from ${mailSuppressions} where email = ${to}) as suppressed,
          (select count(*)::int from ${outbox} where to_address = ${to} and automatic and created_at > ${since}::timestamptz) as recent`
    : sql`select '' as locked, false as suppressed, 0 as recent`;
  const [row] = rowsOf<{ suppressed: boolean; queued: boolean }>(await tx.execute(sql`
    with g as materialized (${gate}),
    o as (
      insert into ${outbox} (ticket_id, kind, to_address, subject, text_body, html_body, headers, message_id, automatic, created_at, next_attempt_at)
      select ${mail.ticketId}::bigint, ${mail.kind}, ${to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${JSON.stringify(headers)}::jsonb,
        ${messageId}, ${automatic}::boolean, ${now}::timestamptz, ${now}::timestamptz
      from g where not g.suppressed and g.recent < ${AUTO_MAIL_CAP.count}::int
      returning id
    )${event ? sql`, e as (
      insert into ${ticketEvents} (ticket_id, type, actor, data, created_at)
      select ${event.ticketId}::bigint, ${event.type}, ${event.actor},
        ${JSON.stringify(event.data)}::jsonb || jsonb_build_object('mail', case when exists(select 1 from o) then 'queued' when g.suppressed then 'suppressed' else 'capped' end),
        ${now}::timestamptz
      from g
    )` : sql``}
    select g.suppressed, exists(select 1 from o) as queued from g`));
  if (row!.queued) return { queued: true, messageId };
  return { queued: false, reason: row!.suppressed ? "suppressed" : "capped" };
}
