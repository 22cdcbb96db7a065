import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../../db/rows";
import { inputRows, type InputColumn } from "../../db/input-rows";
import type { Db, Tx } from "../../db/client";
import { mailSuppressions, outbox, ticketEvents } from "../../db/schema";
import { checkEventData } from "../../../shared/events";
import type { TicketEventDraft } from "../tickets/ticket-events";
import type { Deps } from "../../deps";
import { mailDomain, newMessageId } from "../../mail/message-ids";

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
 * `suppressed`, so lifting the suppression can send it after all: services/mail/suppressions.ts);
 * past the per-recipient cap it is not written. The caller records why.
 */
export async function enqueueMail(
  tx: Tx | Db,
  deps: Pick<Deps, "secret" | "config" | "now">,
  mail: OutgoingMail,
  /** An event written in the same statement, with `data.mail` set to what became of the mail. */
  event?: EnqueueItem["event"],
): Promise<EnqueueResult> {
  return (await enqueueMails(tx, deps, [{ mail, event }]))[0]!;
}

type MailRow = ReturnType<typeof mailRow>;

/** What the statement writes for one mail; its columns are named once, in MAIL_INPUT. */
function mailRow({ mail, event }: EnqueueItem, domain: string, secret: Buffer) {
  const automatic = mail.automatic ?? true;
  const headers: Record<string, string> = {};
  // Our own automatic mail says so (RFC 3834), so well-behaved auto-responders stay quiet.
  if (automatic) headers["Auto-Submitted"] = "auto-replied";
  if (mail.inReplyTo) headers["In-Reply-To"] = mail.inReplyTo;
  const refs = [...(mail.references ?? []), ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
  if (refs.length) headers.References = [...new Set(refs)].slice(-20).join(" ");
  return {
    mail, event, headers, automatic, to: mail.to.toLowerCase(), gated: automatic && !mail.internal,
    messageId: newMessageId(secret, domain, mail.tid),
  };
}

const MAIL_INPUT: readonly InputColumn<MailRow>[] = [
  ["ord", "int", (_, ord) => ord],
  ["ticket_id", "bigint", (r) => r.mail.ticketId],
  ["kind", "text", (r) => r.mail.kind],
  ["to_address", "text", (r) => r.to],
  ["subject", "text", (r) => r.mail.subject],
  ["text_body", "text", (r) => r.mail.text],
  ["html_body", "text", (r) => r.mail.html ?? null],
  ["headers", "jsonb", (r) => r.headers],
  ["message_id", "text", (r) => r.messageId],
  ["automatic", "boolean", (r) => r.automatic],
  ["gated", "boolean", (r) => r.gated],
  ["ev_ticket_id", "bigint", (r) => r.event?.ticketId ?? null],
  ["ev_type", "text", (r) => r.event?.type ?? null],
  ["ev_actor", "text", (r) => r.event?.actor ?? null],
  ["ev_data", "jsonb", (r) => r.event?.data ?? null],
];
const GATED_INPUT: readonly InputColumn<string>[] = [["email", "text", (e) => e]];

/**
 * enqueueMail for several mails in one statement (mail intake writes a batch of tickets per
 * transaction, and a round trip per acknowledgement would cost more than the rest of the batch).
 * Mails to one address in the same call count against the cap one after another, in order.
 * One statement for one mail and for many; its rows come from db/input-rows.ts (parameters for
 * one, JSON for several).
 */
export async function enqueueMails(tx: Tx | Db, deps: Pick<Deps, "secret" | "config" | "now">, items: EnqueueItem[]): Promise<EnqueueResult[]> {
  if (!items.length) return [];
  const { rows, ctes } = mailWrites(deps, items);
  const verdicts = rowsOf<{ ord: number; queued: boolean; suppressed: boolean }>(await tx.execute(sql`
    with ${ctes}
    select v.ord, v.queued, v.suppressed from mail_verdict v order by v.ord`));
  return verdicts.map((v) => (v.queued ? { queued: true as const, messageId: rows[v.ord]!.messageId } : { queued: false as const, reason: v.suppressed ? ("suppressed" as const) : ("capped" as const) }));
}

/**
 * The common table expressions that gate and write `items` (non-empty), for a statement of the
 * caller's: enqueueMails, or a ticket's own write (tickets/ticket-insert.ts), which saves intake a
 * statement. The names all start with `mail_`; `mail_verdict` holds each mail's fate by `ord`.
 *
 * For automatic mail the advisory lock serialises mail per recipient; the suppression list and the
 * recent count are read under it; a row is written if allowed (or held back, when suppressed), and
 * each event says what became of its mail. Data-modifying CTEs run whether or not the statement
 * reads them, and they pull the gate and the verdicts with them.
 */
export function mailWrites(deps: Pick<Deps, "secret" | "config" | "now">, items: EnqueueItem[]): { rows: MailRow[]; ctes: SQL } {
  const domain = mailDomain(deps.config.mailFrom);
  const now = deps.now().toISOString();
  const since = new Date(deps.now().getTime() - AUTO_MAIL_CAP.windowMs).toISOString();
  const rows = items.map((item) => {
    if (item.event) checkEventData(item.event);
    return mailRow(item, domain, deps.secret);
  });
  // Sorted, so two transactions that gate the same addresses take the locks in the same order.
  const gated = [...new Set(rows.filter((r) => r.gated).map((r) => r.to))].sort();
  const ctes = sql`mail_gate as materialized (
      select r.email, pg_advisory_xact_lock(hashtext('auto-mail:' || r.email))::text as locked,
        exists(select 1 from ${mailSuppressions} s where s.email = r.email) as suppressed,
        (select count(*)::int from ${outbox} o where o.to_address = r.email and o.automatic and o.status <> 'suppressed' and o.created_at > ${since}::timestamptz) as recent
      from (${inputRows(GATED_INPUT, gated)} order by 1 offset 0) r
    ),
    mail_input as (${inputRows(MAIL_INPUT, rows)}),
    mail_verdict as materialized (
      select i.ord, coalesce(g.suppressed, false) as suppressed,
        (not i.gated or (not g.suppressed and g.recent + row_number() over (partition by i.gated, i.to_address order by i.ord) <= ${AUTO_MAIL_CAP.count}::int)) as queued
      from mail_input i left join mail_gate g on i.gated and g.email = i.to_address
    ),
    mail_out as (
      insert into ${outbox} (ticket_id, kind, to_address, subject, text_body, html_body, headers, message_id, automatic, status, created_at, next_attempt_at)
      select i.ticket_id, i.kind, i.to_address, i.subject, i.text_body, i.html_body, i.headers, i.message_id, i.automatic,
        case when v.queued then 'pending' else 'suppressed' end, ${now}::timestamptz, ${now}::timestamptz
      from mail_input i join mail_verdict v on v.ord = i.ord where v.queued or v.suppressed order by i.ord
    ),
    mail_event as (
      insert into ${ticketEvents} (ticket_id, type, actor, data, created_at)
      select i.ev_ticket_id, i.ev_type, i.ev_actor,
        i.ev_data || jsonb_build_object('mail', case when v.queued then 'queued' when v.suppressed then 'suppressed' else 'capped' end), ${now}::timestamptz
      from mail_input i join mail_verdict v on v.ord = i.ord where i.ev_type is not null order by i.ord
    )`;
  return { rows, ctes };
}
