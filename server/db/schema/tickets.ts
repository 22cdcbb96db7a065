import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { MESSAGE_AUTHORS, MESSAGE_KINDS, MESSAGE_VISIBILITIES } from "../../../shared/messages";
import { LOCALES } from "../../../shared/locale";
import type { Environment } from "../../../shared/api/environment";
import { CHANNELS } from "../../../shared/channels";
import { EDITIONS } from "../../../shared/limits";
import { ACTIVE_STATUSES, RUNNING_CLOCK_STATUSES, TICKET_STATUSES } from "../../../shared/ticket-status";
import { TID_SEQUENCE_START } from "../../../shared/tid";
import { statusIn } from "../status-sql";
import { created, ts } from "./columns";
import { requesters, licenses, sites } from "./clients";

/** A ticket and what belongs to it alone: its messages, attachments, audit trail, participants and the Idempotency-Key that made it. */

/** TIDs come from this sequence so any number of server processes hand out unique ones. */
export const tidSequence = pgSequence("tid_seq", { startWith: TID_SEQUENCE_START, minValue: TID_SEQUENCE_START, cache: 1 });

export const tickets = pgTable("tickets", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  tid: text("tid").notNull(),
  status: text("status", { enum: TICKET_STATUSES }).notNull().default("new"),
  channel: text("channel", { enum: CHANNELS }).notNull(),
  requesterId: bigint("requester_id", { mode: "number" }).notNull().references(() => requesters.id),
  siteId: bigint("site_id", { mode: "number" }).references(() => sites.id),
  licenseId: bigint("license_id", { mode: "number" }).references(() => licenses.id),
  subject: text("subject").notNull(),
  description: text("description").notNull(),
  /** What console search indexes: subject and description without quoted mail (domain/search-text.ts). */
  searchText: text("search_text").notNull().default(""),
  steps: text("steps"),
  url: text("url"),
  productVersion: text("product_version"),
  edition: text("edition", { enum: EDITIONS }),
  urgent: boolean("urgent").notNull().default(false),
  /**
   * The client's browser details (CONTRACT §9), as the widget collected and redacted them; staff
   * only. Null when the client left them out. A column, not a part row: it is small (bounded by
   * shared/api/environment.ts) and read only with the whole ticket, never listed.
   */
  environment: jsonb("environment").$type<Environment>(),
  /** Language of the mail we send about this ticket. */
  locale: text("locale", { enum: LOCALES }).notNull().default("en"),
  closedAt: ts("closed_at"),
  slaLevel: text("sla_level").notNull(),
  receivedAt: ts("received_at").notNull(),
  responseTargetAt: ts("response_target_at"),
  responseDueAt: ts("response_due_at"),
  /** The first public staff answer; kept for ever, also when the ticket is reopened (reports count it). */
  firstResponseAt: ts("first_response_at"),
  /**
   * The answer to the clock that runs now: the first response, or after a reopening the first
   * answer since. Null while the clock waits for one; the SLA watch, the queue and the backlog
   * read this, not firstResponseAt.
   */
  answeredAt: ts("answered_at"),
  /** Where the current level's clock starts: receipt, the hand-over to development, or a reopening. */
  slaStartedAt: ts("sla_started_at").notNull(),
  /** Set once by the SLA watch when the target passed without a response (a warning was sent). */
  targetWarnedAt: ts("target_warned_at"),
  /** Set once by the SLA watch when the maximum passed without a response. */
  breachedAt: ts("breached_at"),
  breached: boolean("breached").notNull().default(false),
  assigneeId: bigint("assignee_id", { mode: "number" }),
  createdAt: created(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("tickets_tid_uq").on(t.tid),
  index("tickets_requester_idx").on(t.requesterId),
  // Reports read week ranges of receipt (services/reports/reports.ts).
  index("tickets_received_idx").on(t.receivedAt),
  // Console search (simple config: tickets come in many languages). Over search_text, not the
  // description: to_tsvector of a long quoted mail thread was the largest cost of mail intake.
  index("tickets_fts_idx").using("gin", sql`to_tsvector('simple', ${t.searchText})`),
  // The SLA watch looks for unanswered tickets whose times have passed; these stay small.
  index("tickets_warn_due_idx").on(t.responseTargetAt)
    .where(sql`target_warned_at is null and answered_at is null and ${statusIn(RUNNING_CLOCK_STATUSES)}`),
  index("tickets_breach_due_idx").on(t.responseDueAt)
    .where(sql`breached_at is null and answered_at is null and ${statusIn(RUNNING_CLOCK_STATUSES)}`),
  // The queue: urgent first, then first come, first served, over the tickets still being worked.
  index("tickets_queue_idx").on(t.urgent.desc().nullsFirst(), t.receivedAt, t.id)
    .where(statusIn(ACTIVE_STATUSES)),
]);

export const messages = pgTable("messages", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  authorKind: text("author_kind", { enum: MESSAGE_AUTHORS }).notNull(),
  authorEmail: text("author_email"),
  visibility: text("visibility", { enum: MESSAGE_VISIBILITIES }).notNull().default("public"),
  /** What the message is in the conversation (shared/messages.ts). */
  kind: text("kind", { enum: MESSAGE_KINDS }).notNull().default("message"),
  channel: text("channel", { enum: CHANNELS }).notNull(),
  body: text("body").notNull(),
  /** RFC 5322 Message-ID when the message travelled by mail; used for threading. */
  mailMessageId: text("mail_message_id"),
  createdAt: created(),
}, (t) => [index("messages_ticket_idx").on(t.ticketId, t.id), index("messages_mail_id_idx").on(t.mailMessageId)]);

export const attachments = pgTable("attachments", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  messageId: bigint("message_id", { mode: "number" }).references(() => messages.id, { onDelete: "cascade" }),
  /** "file" for what the client attached, "phpinfo" for the server configuration (SLA 4.8). */
  kind: text("kind", { enum: ["file", "phpinfo"] }).notNull(),
  fileName: text("file_name").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  createdAt: created(),
}, (t) => [index("attachments_ticket_idx").on(t.ticketId), index("attachments_sha_idx").on(t.sha256)]);

/** The audit trail: every change to a ticket is one row, with who did it. */
export const ticketEvents = pgTable("ticket_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  type: text("type").notNull(),
  actor: text("actor").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: created(),
}, (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.id)]);

/** One row per Idempotency-Key: the hash of the body it came with and the ticket it made. */
export const idempotencyKeys = pgTable("idempotency_keys", {
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  createdAt: created(),
});

/** Everyone on a ticket: the requester and anyone copied. Only they may thread a mail by its subject TID. */
export const ticketParticipants = pgTable("ticket_participants", {
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  role: text("role", { enum: ["requester", "cc"] }).notNull(),
}, (t) => [primaryKey({ columns: [t.ticketId, t.email] }), index("ticket_participants_email_idx").on(t.email)]);
