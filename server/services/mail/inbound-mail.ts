import { eq } from "drizzle-orm";
import type { Deps } from "../../deps";
import type { SlaLevelId } from "../../../shared/sla";
import { inboundMails, outbox } from "../../db/schema";
import { isUniqueViolation } from "../../db/pg-errors";
import { automaticMailReason, spamReason } from "../../domain/mail/classify";
import { looksLikeBounce, parseBounce } from "../../domain/mail/bounce";
import { isOurMessageId, mailDomain } from "../../mail/message-ids";
import { isUsableAddress, normalizeAddress, parseMail, type InboundMail } from "../../mail/parse";
import { mailContentHash } from "../../domain/mail/content-hash";
import { findThread } from "./mail-threading";
import { judgeMailAttachments } from "./mail-attachments";
import { sha256Hex } from "../../domain/hash";
import { mailBody, storeDeliveries, type Delivery } from "./inbound-store";
import { writeBounce } from "./bounce-record";

export type Outcome = (typeof inboundMails.$inferInsert)["outcome"];
export interface InboundResult { outcome: Outcome; reason?: string; tid?: string; duplicate?: boolean; level?: SlaLevelId }
export interface Envelope { mailFrom: string | null }
export interface ReceiveOptions { releasing?: boolean }
/** How a mail that becomes a ticket or a message is written: alone (storeDeliveries) or batched (inbound-batcher). */
export type StoreDelivery = (d: Delivery) => Promise<InboundResult>;

/**
 * One inbound mail, start to end (CONTRACT §7, SLA 4.1, 4.5, 4.9, 4.12), parsed here and stored
 * alone: tests, and staff releasing a held mail. The SMTP listener parses on worker threads and
 * stores in batches (smtp/inbound-server.ts), through the same receiveParsed.
 */
export async function receiveMail(deps: Deps, raw: Buffer, envelope: Envelope, opts: ReceiveOptions = {}): Promise<InboundResult> {
  const parsed = await parseMail(raw).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  return receiveParsed(deps, raw, parsed, envelope, opts, storeAlone(deps));
}

/**
 * Every mail ends as a ticket, a message on a ticket, or a row in `inbound_mails` that says why
 * not; the raw mail is kept for spam (so staff can release it) and for rejections (so they can be
 * read). Mail that is not delivered is decided here; what is delivered goes to `store`.
 */
export async function receiveParsed(
  deps: Deps, raw: Buffer, parsed: InboundMail | Error, envelope: Envelope, opts: ReceiveOptions, store: StoreDelivery,
): Promise<InboundResult> {
  const receivedAt = deps.now();
  if (parsed instanceof Error) {
    deps.log.warn({ err: parsed.message }, "inbound mail could not be parsed");
    const from = validAddress(envelope.mailFrom);
    return record(deps, raw, { outcome: "rejected", reason: "The mail could not be read as MIME.", from, contentSha256: mailContentHash(raw, from), keepRaw: true, receivedAt });
  }
  const mail = parsed;
  const domain = mailDomain(deps.config.mailFrom);
  const from = mail.from ?? validAddress(envelope.mailFrom);
  const contentSha256 = mailContentHash(raw, from);
  const base: MailFacts = { from, subject: mail.subject, messageId: mail.messageId, contentSha256, receivedAt };

  // A mail delivered twice (the sending server missed our 250) is recognised by its Message-ID and
  // content hash together: a reused Message-ID on another mail is a new mail. Where the mail is
  // recorded here the unique index answers, where it is delivered storeDeliveries does.
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
  return store({
    mail, from, contentSha256, thread, automatic, accepted, refused, size: raw.length, receivedAt, releasing: Boolean(opts.releasing),
    body: mailBody(mail.text), locale: /^de\b/i.test(mail.language ?? "") ? "de" : "en",
  });
}

/** Stores one delivery in its own transaction; a lost race on the Message-ID is a duplicate. */
export function storeAlone(deps: Deps): StoreDelivery {
  return async (d) => {
    try {
      return (await storeDeliveries(deps, [d]))[0]!;
    } catch (err) {
      // The same mail delivered twice at once: the second transaction lost the race on the Message-ID.
      if (isUniqueViolation(err, MESSAGE_ID_CONTENT_UQ)) return { outcome: "ignored", reason: "already received", duplicate: true };
      throw err;
    }
  };
}

/** The unique index that makes the second of two identical deliveries lose its race (schema.ts). */
const MESSAGE_ID_CONTENT_UQ = "inbound_mails_message_id_content_uq";

interface MailFacts { from: string | null; subject: string; messageId: string | null; contentSha256: string; receivedAt: Date }

async function handleBounce(deps: Deps, raw: Buffer, mail: InboundMail, base: MailFacts): Promise<InboundResult> {
  // NULs stripped as in mail/parse.ts: what parseBounce finds is queried and stored (Postgres text).
  const info = parseBounce(mail.attachments.map((a) => ({ contentType: a.contentType, text: a.bytes.toString("utf8").slice(0, 200_000).replaceAll("\0", "") })), mail.text);
  const [original] = info.originalMessageId
    ? await deps.db.select().from(outbox).where(eq(outbox.messageId, info.originalMessageId))
    : [];
  try {
    return await writeBounce(deps, raw, info, original, base);
  } catch (err) {
    // The same DSN delivered twice at once: the second lost the race on the Message-ID.
    if (isUniqueViolation(err, MESSAGE_ID_CONTENT_UQ)) return { outcome: "bounce", reason: "already received", duplicate: true };
    throw err;
  }
}

async function record(
  deps: Deps,
  raw: Buffer,
  r: { outcome: Outcome; reason: string; from: string | null; subject?: string; messageId?: string | null; contentSha256: string; keepRaw?: boolean; receivedAt: Date },
): Promise<InboundResult> {
  const rawSha = r.keepRaw ? sha256Hex(raw) : null;
  if (rawSha) await deps.blobs.put(rawSha, raw);
  try {
    await deps.db.insert(inboundMails).values({
      messageId: r.messageId ?? null, contentSha256: r.contentSha256, fromAddress: r.from, subject: r.subject?.slice(0, 500) ?? null, outcome: r.outcome, reason: r.reason,
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
  const address = a ? normalizeAddress(a) : "";
  return address && !/[<>]/.test(address) && isUsableAddress(address) ? address : null;
}
