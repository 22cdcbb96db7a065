import { sql } from "drizzle-orm";
import { rowsOf } from "../db/rows";
import type { Db, Tx } from "../db/client";
import { mailSuppressions, outbox } from "../db/schema";
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
}

/** At most this many automatic mails to one address in the window: a loop with another robot stops here. */
export const AUTO_MAIL_CAP = { count: 10, windowMs: 10 * 60_000 };

export type EnqueueResult = { queued: true; messageId: string } | { queued: false; reason: "suppressed" | "capped" };

/**
 * Writes a mail into the outbox inside the caller's transaction, so it exists iff the change that
 * causes it does. Automatic mail is skipped for addresses that bounced permanently and past the
 * per-recipient cap; the caller records why.
 */
export async function enqueueMail(tx: Tx | Db, deps: Pick<Deps, "secret" | "config" | "now">, mail: OutgoingMail): Promise<EnqueueResult> {
  const to = mail.to.toLowerCase();
  const automatic = mail.automatic ?? true;
  if (automatic) {
    // One round trip: the lock serialises automatic mail per recipient (so concurrent transactions
    // cannot both pass the cap), then the suppression list and the recent count are read under it.
    const since = new Date(deps.now().getTime() - AUTO_MAIL_CAP.windowMs).toISOString();
    const [row] = rowsOf<{ suppressed: boolean; recent: number }>(await tx.execute(sql`
      select l.locked is not null as locked,
             exists(select 1 from ${mailSuppressions} where ${mailSuppressions.email} = ${to}) as suppressed,
             (select count(*)::int from ${outbox} where ${outbox.toAddress} = ${to} and ${outbox.automatic} and ${outbox.createdAt} > ${since}::timestamptz) as recent
      from (select pg_advisory_xact_lock(hashtext(${`auto-mail:${to}`}))::text as locked) l`));
    if (row!.suppressed) return { queued: false, reason: "suppressed" };
    if (Number(row!.recent) >= AUTO_MAIL_CAP.count) return { queued: false, reason: "capped" };
  }
  const messageId = newMessageId(deps.secret, mailDomain(deps.config.mailFrom), mail.tid);
  const headers: Record<string, string> = {};
  // Our own automatic mail says so (RFC 3834), so well-behaved auto-responders stay quiet.
  if (automatic) headers["Auto-Submitted"] = "auto-replied";
  if (mail.inReplyTo) headers["In-Reply-To"] = mail.inReplyTo;
  const refs = [...(mail.references ?? []), ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
  if (refs.length) headers.References = [...new Set(refs)].slice(-20).join(" ");
  await tx.insert(outbox).values({
    ticketId: mail.ticketId,
    kind: mail.kind,
    toAddress: to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers,
    messageId,
    automatic,
    createdAt: deps.now(),
    nextAttemptAt: deps.now(),
  });
  return { queued: true, messageId };
}
