import { readFileSync } from "node:fs";
import type { Config } from "../config";
import { isOurAddress } from "../domain/mail/our-addresses";
import { normalizeAddress } from "./parse";
import type { InboundResult } from "../services/mail/inbound-mail";

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The RCPT answer for an address that is not ours: 550 (smtp-server adds 5.1.1, "bad destination
 * mailbox address"), so neither a relay misconfiguration nor a spammer opens tickets for
 * arbitrary domains. Null when the address is ours.
 */
export function foreignRecipient(address: string, config: Pick<Config, "mailInbound">): Error | null {
  // `support@example.com.` (the root's trailing dot, let through by lenient parsing) is ours too.
  return isOurAddress(normalizeAddress(address), config.mailInbound) ? null : smtpError(`<${address}>: Recipient address rejected: not a mailbox of this support desk`, 550);
}

/** The 250 text after DATA: what became of the mail, and for a mail we had already (docs/mail.md) that it was. */
export function acceptedReply(r: InboundResult): string {
  // Still 250 for a duplicate: the mail is safe with us, and the sender must stop trying.
  return `Accepted: ${r.outcome}${r.tid ? ` TID#${r.tid}` : ""}${r.duplicate ? " (already received)" : ""}`;
}

/**
 * STARTTLS for operators who expose the port directly (SMTP_INBOUND_TLS_CERT/_KEY); without them
 * the listener speaks plain SMTP behind a relay that does TLS. Read at start, so a missing file stops it.
 */
export function inboundTlsOptions(config: Pick<Config, "smtpInboundTls">): { key?: Buffer; cert?: Buffer; disabledCommands?: string[] } {
  if (!config.smtpInboundTls) return {};
  return { key: readFileSync(config.smtpInboundTls.keyPath), cert: readFileSync(config.smtpInboundTls.certPath), disabledCommands: ["AUTH"] };
}
