import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { isValidTid, TID_DIGITS } from "../../shared/tid";

/**
 * Our outbound Message-IDs carry the TID and an HMAC of it: `<t1000015.k3j….sig@domain>`. A reply's
 * In-Reply-To/References that names one can be trusted without a database look-up, and nobody can
 * forge one to slip a mail into a stranger's ticket (CONTRACT §7).
 */
export function newMessageId(secret: Buffer, domain: string, tid: string | null): string {
  const nonce = randomBytes(9).toString("base64url");
  const local = `${tid ? `t${tid}` : "x"}.${nonce}`;
  return `<${local}.${sign(secret, local)}@${domain}>`;
}

const OURS = new RegExp(`^<?(t(${TID_DIGITS})|x)\\.([A-Za-z0-9_-]{12})\\.([A-Za-z0-9_-]{22})@([^>\\s]+)>?$`);

/** The TID a Message-ID of ours names, or null when it is not ours, forged, or names no ticket. */
export function tidFromMessageId(secret: Buffer, domain: string, id: string): string | null {
  const m = OURS.exec(id.trim());
  if (!m || m[5]!.toLowerCase() !== domain.toLowerCase() || !verify(secret, `${m[1]}.${m[3]}`, m[4]!)) return null;
  return m[2] && isValidTid(m[2]) ? m[2] : null;
}

/** True for any genuine Message-ID of ours, with or without a TID: mail that came back to us. */
export function isOurMessageId(secret: Buffer, domain: string, id: string): boolean {
  const m = OURS.exec(id.trim());
  return Boolean(m && m[5]!.toLowerCase() === domain.toLowerCase() && verify(secret, `${m[1]}.${m[3]}`, m[4]!));
}

export function mailDomain(mailFrom: string): string {
  const at = mailFrom.lastIndexOf("@");
  return (at >= 0 ? mailFrom.slice(at + 1) : mailFrom).replace(/[>\s].*$/, "").toLowerCase() || "localhost";
}

function sign(secret: Buffer, local: string): string {
  return createHmac("sha256", secret).update(`message-id:${local}`).digest("base64url").slice(0, 22);
}

function verify(secret: Buffer, local: string, sig: string): boolean {
  const a = Buffer.from(sign(secret, local));
  const b = Buffer.from(sig);
  return a.length === b.length && timingSafeEqual(a, b);
}
