/**
 * Delivery status notifications (RFC 3464) and the bounces of mail servers that do not follow it.
 * What matters to us: that it is a bounce, which of our mails it bounces, and whether the failure
 * is permanent (no more automatic mail to that address).
 */
export interface BounceInfo {
  originalMessageId: string | null;
  recipient: string | null;
  status: string | null;
  permanent: boolean;
}

export function looksLikeBounce(contentType: string | undefined, from: string | null, subject: string): boolean {
  if (contentType && /multipart\/report/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType)) return true;
  return Boolean(from && /^(mailer-daemon|postmaster)@/i.test(from) && /(undeliver|delivery|returned|failure|nicht zustellbar)/i.test(subject));
}

/** Reads the machine part (message/delivery-status) and the returned headers (message/rfc822 or text/rfc822-headers). */
export function parseBounce(parts: { contentType: string; text: string }[], bodyText: string): BounceInfo {
  // Some parsers fold the machine part into the body text; read it from there when it is not a part.
  const dsn = parts.find((p) => /message\/delivery-status/i.test(p.contentType))?.text ?? bodyText;
  const returned = parts.find((p) => /message\/rfc822|text\/rfc822-headers/i.test(p.contentType))?.text ?? bodyText;
  const field = (name: string, text: string) => new RegExp(`^${name}:\\s*(.+)$`, "im").exec(text)?.[1]?.trim() ?? null;
  const status = field("Status", dsn) ?? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(bodyText)?.[1] ?? null;
  const action = field("Action", dsn)?.toLowerCase() ?? null;
  const recipient = (field("Final-Recipient", dsn) ?? field("Original-Recipient", dsn))?.replace(/^rfc822;\s*/i, "").toLowerCase() ?? null;
  const originalMessageId = /^Message-ID:\s*(<[^>\s]+>)/im.exec(returned)?.[1] ?? null;
  const permanent = action === "failed" || (status?.startsWith("5.") ?? false) || (!status && !action);
  return { originalMessageId, recipient, status, permanent: permanent && action !== "delayed" && !status?.startsWith("4.") };
}
