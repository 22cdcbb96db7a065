/**
 * Delivery status notifications (RFC 3464) and the bounces of mail servers that do not follow it.
 * What matters to us: that it is a bounce, which of our mails it is about, and what it says of
 * that mail: still being tried (`Action: delayed`: nothing changes), delivered or relayed (noted),
 * or failed, and then whose fault (domain/mail/delivery-status.ts: only a mailbox failure
 * suppresses the address).
 */
import { classifyBounceText, classifyRefusal, type FailureVerdict } from "./delivery-status";
import { parseDeliveryStatus, type DsnAction } from "./dsn";

export interface BounceInfo {
  originalMessageId: string | null;
  recipient: string | null;
  status: string | null;
  action: DsnAction | null;
  diagnostic: string | null;
  /** The mail is lost: a failure, not a delay or a success notice. */
  permanent: boolean;
  /** For a failure: its kind and what to do; null for a delay or success notice. */
  verdict: FailureVerdict | null;
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
  const report = parseDeliveryStatus(dsn);
  // One recipient per outbox row: a failure, if the report names one, is what it is about.
  const rcpt = report.recipients.find((r) => r.action === "failed") ?? report.recipients[0];
  const status = rcpt?.status ?? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(bodyText)?.[1] ?? null;
  const action = rcpt?.action ?? null;
  const recipient = rcpt?.finalRecipient ?? rcpt?.originalRecipient ?? null;
  const diagnostic = rcpt?.diagnostic ?? null;
  const originalMessageId = /^Message-ID:\s*(<[^>\s]+>)/im.exec(returned)?.[1] ?? null;
  const base = { originalMessageId, recipient, status, action, diagnostic };
  const notice = action === "delayed" || action === "delivered" || action === "relayed" || action === "expanded" || (!action && status?.startsWith("4."));
  if (notice) return { ...base, action: action ?? "delayed", permanent: false, verdict: null };
  // A failed action is final even with a 4.x.x status (Postfix gives up after its queue lifetime with the last temporary status): read it as the 5.x.x it has become.
  const finalStatus = status?.startsWith("4.") ? `5${status.slice(1)}` : status;
  const read = classifyRefusal({ status: finalStatus, text: diagnostic?.replace(/^4(\d\d)\b/, "5$1") });
  // No code anywhere (old mail servers' bounces): only the words are left.
  const verdict = read.kind === "unreachable" ? classifyBounceText(`${diagnostic ?? ""}\n${bodyText}`) : read;
  return { ...base, permanent: true, verdict: { ...verdict, retry: false, suppress: verdict.kind === "mailbox" } };
}
