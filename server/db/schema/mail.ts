import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { created, ts } from "./columns";
import { tickets } from "./tickets";

/** Mail out (the outbox, suppressions, alerts) and in (every accepted mail). */

/** Outbound mail is written here in the same transaction as the change that causes it (CONTRACT §7). */
export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: bigint("ticket_id", { mode: "number" }).references(() => tickets.id, { onDelete: "set null" }),
  kind: text("kind").notNull(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  htmlBody: text("html_body"),
  headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
  /** Our Message-ID for this mail, signed so a reply naming it can be trusted (mail/message-ids.ts). */
  messageId: text("message_id"),
  /** Automatic mail (acknowledgements, alerts) is capped per recipient and never answers auto-replies. */
  automatic: boolean("automatic").notNull().default(true),
  /** `suppressed`: held back because the address was on the suppression list; lifting it re-queues the last ones (services/mail/suppressions.ts). */
  status: text("status", { enum: ["pending", "sent", "failed", "suppressed"] }).notNull().default("pending"),
  /** A sender claims a row until then; a crashed sender's claim simply runs out. */
  leaseUntil: ts("lease_until"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  lastError: text("last_error"),
  /** What a later delivery notice said that changes nothing: delayed, delivered, relayed (RFC 3464 Action). */
  note: text("note"),
  sentAt: ts("sent_at"),
  createdAt: created(),
}, (t) => [
  index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
  index("outbox_recipient_idx").on(t.toAddress, t.createdAt),
  uniqueIndex("outbox_message_id_uq").on(t.messageId),
]);

/** Addresses that bounced permanently: no more automatic mail to them (staff see why). */
export const mailSuppressions = pgTable("mail_suppressions", {
  email: text("email").primaryKey(),
  reason: text("reason").notNull(),
  outboxId: bigint("outbox_id", { mode: "number" }),
  /** The enhanced status code (RFC 3463) of the failure, or the basic code when there was none. */
  code: text("code"),
  createdAt: created(),
});

/** Suppressions an admin lifted, with who did it: the list itself only holds the ones in force. */
export const mailSuppressionLifts = pgTable("mail_suppression_lifts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  email: text("email").notNull(),
  reason: text("reason").notNull(),
  code: text("code"),
  outboxId: bigint("outbox_id", { mode: "number" }),
  suppressedAt: ts("suppressed_at").notNull(),
  liftedBy: text("lifted_by").notNull(),
  liftedAt: ts("lifted_at").notNull(),
  /** How many held-back mails went back into the outbox. */
  requeued: integer("requeued").notNull(),
}, (t) => [index("mail_suppression_lifts_email_idx").on(t.email, t.liftedAt)]);

/** Delivery failures whose fault is in our setup or on the way (our sender, the relay, policy): the operator must look. */
export const mailAlerts = pgTable("mail_alerts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  kind: text("kind").notNull(),
  code: text("code"),
  reply: text("reply").notNull(),
  toAddress: text("to_address"),
  outboxId: bigint("outbox_id", { mode: "number" }),
  createdAt: created(),
}, (t) => [index("mail_alerts_created_idx").on(t.createdAt)]);

/** Every mail the inbound listener accepted, and what became of it. */
export const inboundMails = pgTable("inbound_mails", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  messageId: text("message_id"),
  fromAddress: text("from_address"),
  subject: text("subject"),
  outcome: text("outcome", { enum: ["ticket", "message", "spam", "bounce", "ignored", "rejected"] }).notNull(),
  reason: text("reason"),
  ticketId: bigint("ticket_id", { mode: "number" }).references(() => tickets.id, { onDelete: "set null" }),
  /** The raw mail, kept for spam (so staff can release it) and rejections (so they can be read). */
  rawSha256: text("raw_sha256"),
  /**
   * What makes a redelivery the same mail (domain/mail/content-hash.ts): a mail is "already
   * received" only when Message-ID and this hash both match; null on rows from before 0007.
   */
  contentSha256: text("content_sha256"),
  /** Its Message-ID had been used before by a different mail: kept as a new mail all the same. */
  messageIdReused: boolean("message_id_reused").notNull().default(false),
  size: integer("size").notNull(),
  receivedAt: ts("received_at").notNull(),
}, (t) => [
  uniqueIndex("inbound_mails_message_id_content_uq").on(t.messageId, t.contentSha256),
  index("inbound_mails_outcome_idx").on(t.outcome, t.receivedAt),
]);
