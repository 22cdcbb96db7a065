/** The suppression list and the mail setup alerts, as the admin API answers them (CONTRACT §7). */
import { z } from "zod";

export const suppressionListQuerySchema = z.object({
  /** Part of the address. */
  q: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** An address as a path parameter: one @, no spaces; international addresses as they are (jürgen@bücher.example). */
export const suppressedAddressSchema = z.string().trim().max(320).regex(/^[^@\s]+@[^@\s]+$/, "must be an email address");

export interface SuppressionItem {
  email: string;
  /** The failure, as recorded: "550 5.1.1 mailbox: 550 5.1.1 <x>: Recipient address rejected: User unknown". */
  reason: string;
  /** The enhanced status code (RFC 3463), or the basic code where the server gave none. */
  code: string | null;
  createdAt: string;
  /** The mail whose failure put the address here; null when it is gone (or the entry came from elsewhere). */
  cause: { outboxId: number; kind: string; subject: string; tid: string | null } | null;
  /** Automatic mails held back since; lifting re-queues the newest ten. */
  heldBack: number;
}

export interface SuppressionLifted {
  email: string;
  /** Held-back mails queued again, newest first. */
  requeued: number;
  /** Older held-back mails marked failed instead (staff can retry them on the outbox page). */
  notRequeued: number;
}

export interface MailAlertItem {
  id: number;
  /** our-setup, policy, system or unknown (server/domain/mail/delivery-status.ts). */
  kind: string;
  code: string | null;
  reply: string;
  to: string | null;
  outboxId: number | null;
  createdAt: string;
}
