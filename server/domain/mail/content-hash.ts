import { createHash } from "node:crypto";

/**
 * The header fields a mail's author (or its resender) wrote, which a relay passes on unchanged:
 * originator, destination, identification, informational and MIME fields (RFC 5322 3.6, RFC 2045).
 * Resent-* fields count: a mail redirected to us by someone is another act of sending.
 */
const AUTHORED = /^(from|sender|reply-to|to|cc|subject|date|message-id|in-reply-to|references|mime-version|content-[a-z-]+|resent-[a-z-]+)$/;

/**
 * What makes two deliveries the same mail (services/mail/inbound-store.ts): the same sender and the
 * same content, whatever happened on the way. A sending server that missed our 250 sends its
 * queued copy again, but the relays in between add their trace and verdict fields anew each time
 * (Received, Return-Path, Delivered-To, X-Original-To, Authentication-Results, ARC-*, a re-signing
 * hop's DKIM-Signature, spam scores, queue ids: X-Rspamd-Queue-Id differs on every pass). So the
 * hash keeps only the fields the author wrote (AUTHORED), an allow-list because the list of what
 * relays add has no end, plus the body byte for byte (trailing line ends aside: some hops add
 * one). Two mails that differ in sender, subject, date or any byte of the body differ here, and
 * a reused Message-ID then no longer hides the second one.
 *
 * `from` is the sender address intake resolved (the From header, or the envelope without one).
 */
export function mailContentHash(raw: Buffer, from: string | null): string {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const [headerEnd, bodyStart] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, crlf + 4] : lf >= 0 ? [lf, lf + 2] : [raw.length, raw.length];
  const fields: string[] = [];
  for (const line of raw.subarray(0, headerEnd).toString("latin1").replace(/\r?\n[ \t]/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (AUTHORED.test(name)) fields.push(`${name}:${line.slice(colon + 1).replace(/\s+/g, " ").trim()}`);
  }
  let bodyEnd = raw.length;
  while (bodyEnd > bodyStart && (raw[bodyEnd - 1] === 0x0a || raw[bodyEnd - 1] === 0x0d)) bodyEnd--;
  // The fields are the header's bytes read as latin1, so encoding them back as latin1 is exact.
  return createHash("sha256")
    .update(`v1\n${from ?? ""}\n`, "utf8")
    .update(`${fields.join("\n")}\n\n`, "latin1")
    .update(raw.subarray(bodyStart, bodyEnd))
    .digest("hex");
}
