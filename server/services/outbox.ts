import { sql } from "drizzle-orm";
import { rowsOf } from "../db/rows";
import type { Db, Tx } from "../db/client";
import { mailSuppressions, outbox, ticketEvents } from "../db/schema";
import { checkEventData } from "../../shared/events";
import type { TicketEventDraft } from "./ticket-events";
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

/** One mail for enqueueMails, with the event to write beside it (its `data.mail` says what became of the mail). */
export interface EnqueueItem {
  mail: OutgoingMail;
  event?: TicketEventDraft;
}

/**
 * Writes a mail into the outbox inside the caller's transaction, so it exists iff the change that
 * causes it does. Automatic mail to an address on the suppression list is held back (stored as
 * `suppressed`, so lifting the suppression can send it after all: services/suppressions.ts);
 * past the per-recipient cap it is not written. The caller records why.
 */
export async function enqueueMail(
  tx: Tx | Db,
  deps: Pick<Deps, "secret" | "config" | "now">,
  mail: OutgoingMail,
  /** An event written in the same statement, with `data.mail` set to what became of the mail. */
  event?: EnqueueItem["event"],
): Promise<EnqueueResult> {
  if (event) checkEventData(event);
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
          (select count(*)::int from ${outbox} where to_address = ${to} and automatic and status <> 'suppressed' and created_at > ${since}::timestamptz) as recent`
    : sql`select '' as locked, false as suppressed, 0 as recent`;
  const [row] = rowsOf<{ suppressed: boolean; queued: boolean }>(await tx.execute(sql`
    with g as materialized (${gate}),
    o as (
      insert into ${outbox} (ticket_id, kind, to_address, subject, text_body, html_body, headers, message_id, automatic, status, created_at, next_attempt_at)
      select ${mail.ticketId}::bigint, ${mail.kind}, ${to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${JSON.stringify(headers)}::jsonb,
        ${messageId}, ${automatic}::boolean, case when g.suppressed then 'suppressed' else 'pending' end, ${now}::timestamptz, ${now}::timestamptz
      from g where g.suppressed or g.recent < ${AUTO_MAIL_CAP.count}::int
      returning id
    )${event ? sql`, e as (
      insert into ${ticketEvents} (ticket_id, type, actor, data, created_at)
      select ${event.ticketId}::bigint, ${event.type}, ${event.actor},
        ${JSON.stringify(event.data)}::jsonb || jsonb_build_object('mail', case when g.suppressed then 'suppressed' when exists(select 1 from o) then 'queued' else 'capped' end),
        ${now}::timestamptz
      from g
    )` : sql``}
    select g.suppressed, not g.suppressed and exists(select 1 from o) as queued from g`));
  if (row!.queued) return { queued: true, messageId };
  return { queued: false, reason: row!.suppressed ? "suppressed" : "capped" };
}

/**
 * enqueueMail for several mails in one statement (mail intake writes a batch of tickets per
 * transaction, and a round trip per acknowledgement would cost more than the rest of the batch).
 * Mails to one address in the same call count against the cap one after another, in order.
 * The same rules as enqueueMail's statement, for many rows (JSON unpacked by json_to_recordset,
 * which measured slower than plain parameters for the one-mail case: ticket-insert.ts). Keep the
 * two in step.
 */
export async function enqueueMails(tx: Tx | Db, deps: Pick<Deps, "secret" | "config" | "now">, items: EnqueueItem[]): Promise<EnqueueResult[]> {
  if (!items.length) return [];
  if (items.length === 1) return [await enqueueMail(tx, deps, items[0]!.mail, items[0]!.event)];
  const domain = mailDomain(deps.config.mailFrom);
  const now = deps.now().toISOString();
  const since = new Date(deps.now().getTime() - AUTO_MAIL_CAP.windowMs).toISOString();
  const rows = items.map(({ mail, event }, ord) => {
    if (event) checkEventData(event);
    const automatic = mail.automatic ?? true;
    const headers: Record<string, string> = {};
    // Our own automatic mail says so (RFC 3834), so well-behaved auto-responders stay quiet.
    if (automatic) headers["Auto-Submitted"] = "auto-replied";
    if (mail.inReplyTo) headers["In-Reply-To"] = mail.inReplyTo;
    const refs = [...(mail.references ?? []), ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
    if (refs.length) headers.References = [...new Set(refs)].slice(-20).join(" ");
    return {
      ord, ticket_id: mail.ticketId, kind: mail.kind, to_address: mail.to.toLowerCase(), subject: mail.subject, text_body: mail.text,
      html_body: mail.html ?? null, headers, message_id: newMessageId(deps.secret, domain, mail.tid), automatic,
      gated: automatic && !mail.internal, ev_ticket_id: event?.ticketId ?? null, ev_type: event?.type ?? null, ev_actor: event?.actor ?? null, ev_data: event?.data ?? null,
    };
  });
  // Sorted, so two transactions that gate the same addresses take the locks in the same order.
  const gated = [...new Set(rows.filter((r) => r.gated).map((r) => r.to_address))].sort();

  // One statement, one round trip (this runs on every intake): for automatic mail the advisory
  // lock serialises mail per recipient; the suppression list and the recent count are read under
  // it; a row is written if allowed (or held back, when suppressed), and each event says what became of its mail.
  const verdicts = rowsOf<{ ord: number; queued: boolean; suppressed: boolean }>(await tx.execute(sql`
    with g as materialized (
      select r.email, pg_advisory_xact_lock(hashtext('auto-mail:' || r.email))::text as locked,
        exists(select 1 from ${mailSuppressions} s where s.email = r.email) as suppressed,
        (select count(*)::int from ${outbox} o where o.to_address = r.email and o.automatic and o.status <> 'suppressed' and o.created_at > ${since}::timestamptz) as recent
      from (select value as email from json_array_elements_text(${JSON.stringify(gated)}::json) order by 1 offset 0) r
    ),
    input as (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(ord int, ticket_id bigint, kind text, to_address text, subject text,
        text_body text, html_body text, headers jsonb, message_id text, automatic boolean, gated boolean,
        ev_ticket_id bigint, ev_type text, ev_actor text, ev_data jsonb)
    ),
    v as materialized (
      select i.ord, coalesce(g.suppressed, false) as suppressed,
        (not i.gated or (not g.suppressed and g.recent + row_number() over (partition by i.gated, i.to_address order by i.ord) <= ${AUTO_MAIL_CAP.count}::int)) as queued
      from input i left join g on i.gated and g.email = i.to_address
    ),
    o as (
      insert into ${outbox} (ticket_id, kind, to_address, subject, text_body, html_body, headers, message_id, automatic, status, created_at, next_attempt_at)
      select i.ticket_id, i.kind, i.to_address, i.subject, i.text_body, i.html_body, i.headers, i.message_id, i.automatic,
        case when v.queued then 'pending' else 'suppressed' end, ${now}::timestamptz, ${now}::timestamptz
      from input i join v on v.ord = i.ord where v.queued or v.suppressed order by i.ord
    ),
    e as (
      insert into ${ticketEvents} (ticket_id, type, actor, data, created_at)
      select i.ev_ticket_id, i.ev_type, i.ev_actor,
        i.ev_data || jsonb_build_object('mail', case when v.queued then 'queued' when v.suppressed then 'suppressed' else 'capped' end), ${now}::timestamptz
      from input i join v on v.ord = i.ord where i.ev_type is not null order by i.ord
    )
    select v.ord, v.queued, v.suppressed from v order by v.ord`));
  return verdicts.map((v) => (v.queued ? { queued: true as const, messageId: rows[v.ord]!.message_id } : { queued: false as const, reason: v.suppressed ? ("suppressed" as const) : ("capped" as const) }));
}
