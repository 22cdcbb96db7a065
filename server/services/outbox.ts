import type { Db, Tx } from "../db/client";
import { outbox } from "../db/schema";

export interface OutgoingMail {
  ticketId: number | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

/** Writes a mail into the outbox inside the caller's transaction, so it exists iff the change does. */
export async function enqueueMail(tx: Tx | Db, mail: OutgoingMail): Promise<void> {
  await tx.insert(outbox).values({
    ticketId: mail.ticketId,
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    // Our own automatic mail says so (RFC 3834), so well-behaved auto-responders stay quiet.
    headers: { "Auto-Submitted": "auto-replied", ...mail.headers },
  });
}
