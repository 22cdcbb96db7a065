import { eq } from "drizzle-orm";
import { LIMITS } from "../../shared/api/tickets";
import type { Deps } from "../deps";
import { inboundMails, outbox, mailSuppressions, ticketEvents } from "../db/schema";
import { isUniqueViolation } from "../db/pg-errors";
import { automaticMailReason, cleanMailSubject, spamReason } from "../domain/mail/classify";
import { looksLikeBounce, parseBounce } from "../domain/mail/bounce";
import { isOurMessageId, mailDomain } from "../mail/message-ids";
import { isUsableAddress, parseMail, type InboundMail } from "../mail/parse";
import { storeBlobs } from "./blob-writes";
import { findThread } from "./mail-threading";
import { judgeMailAttachments } from "./mail-attachments";
import { sha256Hex } from "../domain/hash";
import { addRequesterReply } from "./requester-reply";
import { insertTicket } from "./ticket-insert";
import { lockTicketById } from "./ticket-lookup";

export type Outcome = (typeof inboundMails.$inferInsert)["outcome"];
export interface InboundResult { outcome: Outcome; reason?: string; tid?: string; duplicate?: boolean }

/**
 * One inbound mail, start to end (CONTRACT §7, SLA 4.1, 4.5, 4.9, 4.12). Every mail ends as a
 * ticket, a message on a ticket, or a row in `inbound_mails` that says why not; the raw mail is
 * kept for spam (so staff can release it) and for rejections (so they can be read).
 */
export async function receiveMail(deps: Deps, raw: Buffer, envelope: { mailFrom: string | null }, opts: { releasing?: boolean } = {}): Promise<InboundResult> {
  const receivedAt = deps.now();
  let mail: InboundMail;
  try {
    mail = await parseMail(raw);
  } catch (err) {
    deps.log.warn({ err: String(err) }, "inbound mail could not be parsed");
    return record(deps, raw, { outcome: "rejected", reason: "The mail could not be read as MIME.", from: envelope.mailFrom, keepRaw: true, receivedAt });
  }
  const domain = mailDomain(deps.config.mailFrom);
  const from = mail.from ?? validAddress(envelope.mailFrom);
  const base: MailFacts = { from, subject: mail.subject, messageId: mail.messageId, receivedAt };

  if (!opts.releasing && mail.messageId) {
    const [seen] = await deps.db.select({ id: inboundMails.id, outcome: inboundMails.outcome }).from(inboundMails).where(eq(inboundMails.messageId, mail.messageId));
    if (seen) return { outcome: seen.outcome, reason: "already received", duplicate: true };
  }
  if (mail.messageId && isOurMessageId(deps.secret, domain, mail.messageId)) {
    return record(deps, raw, { ...base, outcome: "ignored", reason: "Our own mail came back (loop)." });
  }
  if (!from) return record(deps, raw, { ...base, outcome: "rejected", reason: "The mail has no sender address.", keepRaw: true });
  if (from === deps.config.mailFrom.toLowerCase()) return record(deps, raw, { ...base, outcome: "ignored", reason: "Sent from our own address (loop)." });
  const spam = opts.releasing ? null : spamReason(mail.headers);
  if (spam) return record(deps, raw, { ...base, outcome: "spam", reason: spam, keepRaw: true });
  if (looksLikeBounce(mail.contentType, from, mail.subject)) return handleBounce(deps, raw, mail, base);

  const automatic = automaticMailReason(mail.headers, from);
  const thread = await findThread(deps.db, deps.secret, domain, { from, subject: mail.subject, inReplyTo: mail.inReplyTo, references: mail.references });
  if (thread.kind === "new" && automatic) {
    return record(deps, raw, { ...base, outcome: "ignored", reason: `Automatic mail (${automatic}) that answers no ticket of ours.` });
  }

  const { accepted, refused } = await judgeMailAttachments(mail.attachments.map((a) => ({ name: a.name, bytes: a.bytes })));
  const body = mailBody(mail.text);
  const cal = await deps.calendar();
  const locale = /^de\b/i.test(mail.language ?? "") ? "de" : "en";

  try {
    return await storeBlobs(deps, accepted.map((f) => ({ sha256: f.sha256, bytes: f.bytes })), () =>
      deps.db.transaction(async (tx) => {
        const log = (outcome: Outcome, ticketId: number, reason: string | null) =>
          tx.insert(inboundMails).values({ messageId: mail.messageId, fromAddress: from, subject: mail.subject.slice(0, 500), outcome, reason, ticketId, size: raw.length, receivedAt });
        if (thread.kind === "ticket") {
          const ticket = await lockTicketById(tx, thread.ticketId);
          const expired = ticket.status === "closed" && ticket.closedAt && receivedAt.getTime() - ticket.closedAt.getTime() > deps.config.mailReopenDays * 86_400_000;
          if (!expired) {
            await addRequesterReply(tx, deps, cal, ticket, { email: from, body, channel: "email", mailMessageId: mail.messageId, files: accepted, automatic: Boolean(automatic), refused });
            await log("message", ticket.id, `threaded by ${thread.via}${automatic ? `; automatic (${automatic}), no answer` : ""}`);
            return { outcome: "message" as const, tid: ticket.tid };
          }
          const created = await newTicket(tx, { linkedTid: ticket.tid });
          await log("ticket", created.ticketId, `reply to TID#${ticket.tid}, closed more than ${deps.config.mailReopenDays} days ago`);
          return { outcome: "ticket" as const, tid: created.tid };
        }
        const created = await newTicket(tx, thread.namedTid ? { namedTid: thread.namedTid, namedReason: thread.namedReason } : {});
        await log("ticket", created.ticketId, null);
        return { outcome: "ticket" as const, tid: created.tid };

        function newTicket(t: typeof tx, eventData: Record<string, unknown>) {
          // Without subject and text the body is mailBody's placeholder, which is no subject.
          const subject = cleanMailSubject(mail.subject).slice(0, LIMITS.subject) || (body === NO_TEXT ? "" : body.split("\n")[0]!.slice(0, 80)) || "(no subject)";
          return insertTicket(t, deps, cal, {
            channel: "email", email: from!, name: mail.fromName?.slice(0, LIMITS.name), subject, description: body, body,
            urgent: false, locale, receivedAt, files: accepted, cc: mail.cc.filter((c) => c !== deps.config.mailFrom.toLowerCase()),
            mailMessageId: mail.messageId, acknowledge: true, refused, eventData: { ...eventData, refused },
          });
        }
      }),
    );
  } catch (err) {
    // The same mail delivered twice at once: the second transaction lost the race on the Message-ID.
    if (isUniqueViolation(err, "inbound_mails_message_id_uq")) return { outcome: "ignored", reason: "already received", duplicate: true };
    throw err;
  }
}

interface MailFacts { from: string | null; subject: string; messageId: string | null; receivedAt: Date }

async function handleBounce(deps: Deps, raw: Buffer, mail: InboundMail, base: MailFacts): Promise<InboundResult> {
  // NULs stripped as in mail/parse.ts: what parseBounce finds is queried and stored (Postgres text).
  const info = parseBounce(mail.attachments.map((a) => ({ contentType: a.contentType, text: a.bytes.toString("utf8").slice(0, 200_000).replace(/\u0000/g, "") })), mail.text);
  const [original] = info.originalMessageId
    ? await deps.db.select().from(outbox).where(eq(outbox.messageId, info.originalMessageId))
    : [];
  return deps.db.transaction(async (tx) => {
    if (original) {
      await tx.update(outbox).set({ status: "failed", lastError: `bounced: ${info.status ?? "unknown status"}` }).where(eq(outbox.id, original.id));
      if (original.ticketId) {
        await tx.insert(ticketEvents).values({
          ticketId: original.ticketId, type: "mail-bounced", actor: "system:mail",
          data: { outboxId: original.id, to: original.toAddress, status: info.status, permanent: info.permanent },
        });
      }
      if (info.permanent) {
        await tx.insert(mailSuppressions).values({ email: original.toAddress, reason: `bounced: ${info.status ?? "permanent failure"}`, outboxId: original.id }).onConflictDoNothing();
      }
    }
    await tx.insert(inboundMails).values({
      messageId: base.messageId, fromAddress: base.from, subject: base.subject.slice(0, 500), outcome: "bounce",
      reason: original ? `bounce of outbox #${original.id} to ${original.toAddress} (${info.status ?? "?"}${info.permanent ? ", permanent" : ""})` : "bounce of a mail we do not know",
      ticketId: original?.ticketId ?? null, size: raw.length, receivedAt: base.receivedAt,
    });
    return { outcome: "bounce" as const, reason: original ? `outbox #${original.id}` : "unmatched" };
  });
}

async function record(
  deps: Deps,
  raw: Buffer,
  r: { outcome: Outcome; reason: string; from: string | null; subject?: string; messageId?: string | null; keepRaw?: boolean; receivedAt: Date },
): Promise<InboundResult> {
  const rawSha = r.keepRaw ? sha256Hex(raw) : null;
  if (rawSha) await deps.blobs.put(rawSha, raw);
  try {
    await deps.db.insert(inboundMails).values({
      messageId: r.messageId ?? null, fromAddress: r.from, subject: r.subject?.slice(0, 500) ?? null, outcome: r.outcome, reason: r.reason,
      rawSha256: rawSha, size: raw.length, receivedAt: r.receivedAt,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return { outcome: r.outcome, reason: "already received", duplicate: true };
  }
  deps.log.info({ outcome: r.outcome, reason: r.reason, size: raw.length }, "inbound mail not made a ticket");
  return { outcome: r.outcome, reason: r.reason };
}

function validAddress(a: string | null): string | null {
  // The same rule as for header addresses (length, control characters): see mail/parse.ts.
  return a && !/[<>]/.test(a) && isUsableAddress(a) ? a.toLowerCase() : null;
}

const NO_TEXT = "(The mail had no text.)";

function mailBody(text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
  if (!clean) return NO_TEXT;
  return clean.length > LIMITS.description ? `${clean.slice(0, LIMITS.description - 40)}\n\n[… the rest of the mail was cut off]` : clean;
}
