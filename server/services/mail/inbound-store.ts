import { inArray } from "drizzle-orm";
import { LIMITS } from "../../../shared/api/tickets";
import type { Deps } from "../../deps";
import type { Tx } from "../../db/client";
import { inboundMails } from "../../db/schema";
import type { AcceptedAttachment } from "../../domain/attachments/judge";
import { cleanMailSubject } from "../../domain/mail/classify";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import type { InboundMail } from "../../mail/parse";
import type { InboundResult, Outcome } from "./inbound-mail";
import type { ThreadMatch } from "./mail-threading";
import { storeBlobs } from "../tickets/blob-writes";
import { addRequesterReply } from "../tickets/requester-reply";
import { insertTickets, type NewTicket } from "../tickets/ticket-insert";
import { lockTicketById } from "../tickets/ticket-lookup";
import { withoutControls } from "../../../shared/text-controls";

/** A mail that becomes a ticket or a message on one: everything decided, nothing written yet. */
export interface Delivery {
  mail: InboundMail;
  from: string;
  /** Message-ID and this hash together say "the same mail again" (domain/mail/content-hash.ts). */
  contentSha256: string;
  thread: ThreadMatch;
  /** Why the mail is automatic (auto-reply, bulk), or null: it is kept but not answered. */
  automatic: string | null;
  accepted: AcceptedAttachment[];
  refused: { name: string; reason: string; code?: string }[];
  body: string;
  locale: "en" | "de";
  size: number;
  receivedAt: Date;
  /** Staff released it from spam: its Message-ID was freed, so it is no duplicate of itself. */
  releasing: boolean;
}

/**
 * Writes deliveries in ONE transaction: the mails that arrived together share its round trips
 * and its commit (bench/mail-inbound.ts). New tickets go in through insertTickets' batch; replies
 * lock their ticket one by one. A mail already recorded (or twice in the batch) under the same
 * Message-ID and content hash is answered "already received"; a Message-ID recorded with other
 * content is a new mail, threaded as any other, whose row says the ID was reused. Any error
 * fails the whole call: inbound-batcher retries each mail alone.
 */
export async function storeDeliveries(deps: Deps, list: Delivery[]): Promise<InboundResult[]> {
  const cal = await deps.calendar();
  const blobs = list.flatMap((d) => d.accepted.map((f) => ({ sha256: f.sha256, source: f.source })));
  const results = await storeBlobs(deps, blobs, () => deps.db.transaction((tx) => writeDeliveries(tx, deps, cal, list)));
  countCommitted(deps, list, results);
  if (results.some((r) => !r.duplicate && (r.outcome === "ticket" || r.outcome === "message"))) deps.changes.announce("queue");
  return results;
}

/** Counted only once the transaction has committed: a batch retried mail by mail must not count twice. */
function countCommitted(deps: Deps, list: Delivery[], results: InboundResult[]): void {
  for (const [at, r] of results.entries()) {
    if (r.duplicate) continue;
    if (r.outcome === "ticket" && r.level) deps.metrics.ticketsCreated.inc({ channel: "email", level: r.level });
    for (const f of list[at]!.refused) deps.metrics.attachmentsRefused.inc({ code: f.code ?? "REFUSED", channel: "email" });
  }
}

async function writeDeliveries(tx: Tx, deps: Deps, cal: BusinessCalendar, list: Delivery[]): Promise<InboundResult[]> {
  const ids = [...new Set(list.filter((d) => !d.releasing && d.mail.messageId).map((d) => d.mail.messageId!))];
  // Per Message-ID: the outcome by content hash ("" for rows from before hashes), and the first row.
  const seen = new Map<string, { byHash: Map<string, Outcome>; firstId: number }>();
  if (ids.length) {
    const rows = await tx.select({ id: inboundMails.id, messageId: inboundMails.messageId, contentSha256: inboundMails.contentSha256, outcome: inboundMails.outcome })
      .from(inboundMails).where(inArray(inboundMails.messageId, ids)).orderBy(inboundMails.id);
    for (const r of rows) {
      const s = seen.get(r.messageId!) ?? { byHash: new Map<string, Outcome>(), firstId: r.id };
      s.byHash.set(r.contentSha256 ?? "", r.outcome);
      seen.set(r.messageId!, s);
    }
  }
  const results = new Array<InboundResult>(list.length);
  const log: (typeof inboundMails.$inferInsert)[] = [];
  const fresh: { at: number; ticket: NewTicket; reason: string | null }[] = [];
  /** The first of the batch's mails per Message-ID and content hash; the Message-IDs taken in this batch. */
  const claimed = new Map<string, number>();
  const batchIds = new Set<string>();
  const reused = new Map<number, string>();
  const key = (d: Delivery) => `${d.mail.messageId}\n${d.contentSha256}`;
  const logRow = (d: Delivery, outcome: Outcome, ticketId: number, reason: string | null, at: number) => {
    const collision = reused.get(at);
    return {
      messageId: d.mail.messageId, contentSha256: d.contentSha256, messageIdReused: collision !== undefined, fromAddress: d.from, subject: d.mail.subject.slice(0, 500),
      outcome, reason: [reason, collision].filter(Boolean).join("; ") || null, ticketId, size: d.size, receivedAt: d.receivedAt,
    };
  };

  for (const [at, d] of list.entries()) {
    const mid = d.mail.messageId;
    if (mid && !d.releasing) {
      const before = seen.get(mid);
      // A row without a hash is from before hashes were kept: the Message-ID alone decides, as it did then.
      const same = before?.byHash.get(d.contentSha256) ?? before?.byHash.get("");
      if (same) {
        results[at] = { outcome: same, reason: "already received", duplicate: true };
        continue;
      }
      if (claimed.has(key(d))) continue; // answered below, once the first copy's outcome is known
      claimed.set(key(d), at);
      if (before || batchIds.has(mid)) {
        reused.set(at, `Message-ID already used by another mail (${before ? `inbound #${before.firstId}` : "same batch"}): kept as a new mail`);
        deps.log.warn({ messageId: mid, from: d.from }, "inbound mail reuses a Message-ID with other content; kept as a new mail");
      }
      batchIds.add(mid);
    }
    if (d.thread.kind === "ticket") {
      const ticket = await lockTicketById(tx, d.thread.ticketId);
      const expired = ticket.status === "closed" && ticket.closedAt && d.receivedAt.getTime() - ticket.closedAt.getTime() > deps.config.mailReopenDays * 86_400_000;
      if (!expired) {
        await addRequesterReply(tx, deps, cal, ticket, {
          email: d.from, body: d.body, channel: "email", mailMessageId: mid, files: d.accepted, automatic: Boolean(d.automatic), refused: d.refused,
        });
        log.push(logRow(d, "message", ticket.id, `threaded by ${d.thread.via}${d.automatic ? `; automatic (${d.automatic}), no answer` : ""}`, at));
        results[at] = { outcome: "message", tid: ticket.tid };
        continue;
      }
      fresh.push({ at, ticket: newTicket(deps, d, { linkedTid: ticket.tid }), reason: `reply to TID#${ticket.tid}, closed more than ${deps.config.mailReopenDays} days ago` });
      continue;
    }
    const named = d.thread.namedTid ? { namedTid: d.thread.namedTid, namedReason: d.thread.namedReason } : {};
    fresh.push({ at, ticket: newTicket(deps, d, named), reason: null });
  }

  const created = await insertTickets(tx, deps, cal, fresh.map((f) => f.ticket));
  for (const [i, f] of fresh.entries()) {
    log.push(logRow(list[f.at]!, "ticket", created[i]!.ticketId, f.reason, f.at));
    results[f.at] = { outcome: "ticket", tid: created[i]!.tid, level: created[i]!.level };
  }
  if (log.length) await tx.insert(inboundMails).values(log);
  for (const [at, d] of list.entries()) {
    if (results[at]) continue;
    const first = results[claimed.get(key(d))!]!;
    results[at] = { outcome: first.outcome, reason: "already received", duplicate: true };
  }
  return results;
}

/** A mail that starts a ticket, as insertTickets takes it. */
function newTicket(deps: Deps, d: Delivery, eventData: NewTicket["eventData"]): NewTicket {
  // Without subject and text the body is mailBody's placeholder, which is no subject.
  const subject = cleanMailSubject(d.mail.subject).slice(0, LIMITS.subject) || (d.body === NO_TEXT ? "" : d.body.split("\n")[0]!.slice(0, 80)) || "(no subject)";
  return {
    channel: "email", email: d.from, name: d.mail.fromName?.slice(0, LIMITS.name), subject, description: d.body, body: d.body,
    urgent: false, locale: d.locale, receivedAt: d.receivedAt, files: d.accepted, cc: d.mail.cc.filter((c) => c !== deps.config.mailFrom.toLowerCase()),
    mailMessageId: d.mail.messageId, acknowledge: true, refused: d.refused, eventData: { ...eventData, refused: d.refused },
  };
}

const NO_TEXT = "(The mail had no text.)";

/** The mail's text as a ticket body: control characters out, placeholder when empty, cut to the API's limit. */
export function mailBody(text: string): string {
  const clean = withoutControls(text).trim();
  if (!clean) return NO_TEXT;
  return clean.length > LIMITS.description ? `${clean.slice(0, LIMITS.description - 40)}\n\n[… the rest of the mail was cut off]` : clean;
}
