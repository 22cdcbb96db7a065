import { sql } from "drizzle-orm";
import {
  bigserial, bigint, boolean, customType, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text,
  timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { MESSAGE_AUTHORS, MESSAGE_KINDS, MESSAGE_VISIBILITIES } from "../../shared/messages";
import { LOCALES } from "../../shared/locale";
import type { Environment } from "../../shared/api/environment";
import { CHANNELS } from "../../shared/channels";
import { ESCALATION_TARGETS, STAFF_ROLES } from "../../shared/roles";
import { CREDENTIAL_KINDS } from "../../shared/api/accounts";
import { CLIENT_CATEGORIES } from "../../shared/sla";
import { EDITIONS } from "../../shared/limits";
import { ACTIVE_STATUSES, RUNNING_CLOCK_STATUSES, TICKET_STATUSES } from "../../shared/ticket-status";
import { TID_SEQUENCE_START } from "../../shared/tid";
import { statusIn } from "./status-sql";
import { KB_SEARCH_SOURCES, KB_TICKET_REFS, KB_VISIBILITIES } from "../../shared/kb";

/**
 * The data model. Instants are timestamptz and UTC in code. Emails are stored lower-cased so that
 * look-ups (license matching, mail threading) never depend on how a client typed them.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const created = () => ts("created_at").notNull().defaultNow();

/** TIDs come from this sequence so any number of server processes hand out unique ones. */
export const tidSequence = pgSequence("tid_seq", { startWith: TID_SEQUENCE_START, minValue: TID_SEQUENCE_START, cache: 1 });

export const requesters = pgTable("requesters", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  email: text("email").notNull(),
  name: text("name"),
  /** The language the requester last chose (widget, portal, Accept-Language); null until they chose one. */
  locale: text("locale", { enum: LOCALES }),
  createdAt: created(),
}, (t) => [uniqueIndex("requesters_email_uq").on(t.email)]);

export const licenses = pgTable("licenses", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  key: text("key").notNull(),
  holder: text("holder").notNull(),
  category: text("category", { enum: CLIENT_CATEGORIES }).notNull(),
  edition: text("edition", { enum: EDITIONS }).notNull(),
  /** Last day of support, inclusive; null means unlimited (partners). */
  supportUntil: date("support_until", { mode: "string" }),
  /** Who hears the client's escalations besides the supervisors (SLA 5: "your account manager"). */
  accountManagerEmail: text("account_manager_email"),
  createdAt: created(),
}, (t) => [uniqueIndex("licenses_key_uq").on(t.key)]);

export const licenseEmails = pgTable("license_emails", {
  licenseId: bigint("license_id", { mode: "number" }).notNull().references(() => licenses.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  /** A designated contact sees every ticket of the organisation, not only their own. */
  isContact: boolean("is_contact").notNull().default(false),
}, (t) => [primaryKey({ columns: [t.licenseId, t.email] }), index("license_emails_email_idx").on(t.email)]);

export const sites = pgTable("sites", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  siteKey: text("site_key").notNull(),
  name: text("name").notNull(),
  allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
  /** A switched-off site's widget files nothing; its key and settings stay for switching it on again. */
  disabled: boolean("disabled").notNull().default(false),
  createdAt: created(),
}, (t) => [uniqueIndex("sites_key_uq").on(t.siteKey)]);

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

/** One row per Idempotency-Key: the hash of the body it came with and the ticket it made. */
export const idempotencyKeys = pgTable("idempotency_keys", {
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  createdAt: created(),
});

/** Stretches of time a ticket's clock stood still (waiting on the client); `endedAt` null while it still does. */
export const slaPauses = pgTable("sla_pauses", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  startedAt: ts("started_at").notNull(),
  endedAt: ts("ended_at"),
  reason: text("reason").notNull(),
}, (t) => [index("sla_pauses_ticket_idx").on(t.ticketId, t.startedAt)]);

/** Holidays an admin adds on top of the default calendar's public holidays. */
export const holidays = pgTable("holidays", {
  date: date("date", { mode: "string" }).primaryKey(),
  name: text("name").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: created(),
});

/** Closures shorter or stranger than a whole day: a team event, an emergency break (SLA 6). */
export const closures = pgTable("closures", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  startsAt: ts("starts_at").notNull(),
  endsAt: ts("ends_at").notNull(),
  name: text("name").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: created(),
});

/** Calendar settings (time zone, weekly hours); one row, absent means the defaults of CONTRACT §5. */
export const calendarSettings = pgTable("calendar_settings", {
  id: integer("id").primaryKey().default(1),
  timeZone: text("time_zone").notNull(),
  weekly: jsonb("weekly").$type<[number, number][][]>().notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Everyone on a ticket: the requester and anyone copied. Only they may thread a mail by its subject TID. */
export const ticketParticipants = pgTable("ticket_participants", {
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  email: text("email").notNull(),
  role: text("role", { enum: ["requester", "cc"] }).notNull(),
}, (t) => [primaryKey({ columns: [t.ticketId, t.email] }), index("ticket_participants_email_idx").on(t.email)]);

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

export const staff = pgTable("staff", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  email: text("email").notNull(),
  name: text("name"),
  role: text("role", { enum: STAFF_ROLES }).notNull(),
  /** scrypt with its parameters and salt (services/accounts/passwords.ts). */
  passwordHash: text("password_hash").notNull(),
  failedLogins: integer("failed_logins").notNull().default(0),
  failedSince: ts("failed_since"),
  lockedUntil: ts("locked_until"),
  disabled: boolean("disabled").notNull().default(false),
  /** Set for a password someone else chose or read (a printed one-time one): the owner must replace it at first sign-in. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  createdAt: created(),
}, (t) => [uniqueIndex("staff_email_uq").on(t.email)]);

/**
 * The one-time link the start banner prints while no admin exists: it lets whoever started the
 * server create the first admin in the browser. Only the hash is kept; it is spent on use.
 */
export const setupLinks = pgTable("setup_links", {
  tokenHash: text("token_hash").primaryKey(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  createdAt: created(),
});

/** Signed-in people. The cookie holds a random token; only its hash is stored. */
export const sessions = pgTable("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  kind: text("kind", { enum: ["staff", "client"] }).notNull(),
  staffId: bigint("staff_id", { mode: "number" }).references(() => staff.id, { onDelete: "cascade" }),
  clientEmail: text("client_email"),
  csrfToken: text("csrf_token").notNull(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: created(),
}, (t) => [index("sessions_expires_idx").on(t.expiresAt)]);

/** One-time sign-in links for clients: short-lived, single use, stored as hashes. */
export const loginLinks = pgTable("login_links", {
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  nextPath: text("next_path"),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  createdAt: created(),
});

/** A client's vote on a resolved ticket (SLA 5); counted only once confirmed, so link scanners cannot vote. */
export const ratings = pgTable("ratings", {
  ticketId: bigint("ticket_id", { mode: "number" }).primaryKey().references(() => tickets.id, { onDelete: "cascade" }),
  score: integer("score").notNull(),
  comment: text("comment"),
  byEmail: text("by_email").notNull(),
  confirmedAt: ts("confirmed_at"),
  createdAt: created(),
}, (t) => [index("ratings_confirmed_idx").on(t.confirmedAt)]);

export const escalations = pgTable("escalations", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  target: text("target", { enum: ESCALATION_TARGETS }).notNull(),
  reason: text("reason").notNull(),
  byEmail: text("by_email").notNull(),
  handledAt: ts("handled_at"),
  handledBy: bigint("handled_by", { mode: "number" }),
  createdAt: created(),
}, (t) => [index("escalations_open_idx").on(t.createdAt).where(sql`handled_at is null`)]);

/**
 * Server logins a client hands over (SLA 4.3), AES-256-GCM under TIDINGS_SECRET_KEY with a fresh
 * nonce each. Rows are deleted, not flagged, when the ticket closes.
 */
export const credentials = pgTable("credentials", {
  id: uuid("id").primaryKey().defaultRandom(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: CREDENTIAL_KINDS }).notNull(),
  label: text("label").notNull(),
  /** nonce ‖ ciphertext ‖ tag, base64; the plaintext is a JSON object (host, username, secret, notes). */
  sealed: text("sealed").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: created(),
}, (t) => [index("credentials_ticket_idx").on(t.ticketId)]);

/** Canned answers staff insert into replies: documentation links (SLA 4.10) and out-of-scope answers (SLA 3). */
export const cannedAnswers = pgTable("canned_answers", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  title: text("title").notNull(),
  locale: text("locale", { enum: ["en", "de"] }).notNull().default("en"),
  body: text("body").notNull(),
  /** "docs" for documentation links, "out-of-scope" for the answers of SLA section 3. */
  category: text("category").notNull().default("docs"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/* ---- Knowledge base (issue 16) ---- */

/** A Postgres tsvector; drizzle has no type of its own for it. Written only by services/kb/index-article.ts. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Help center sections; an article names its category by slug, and a missing row shows the slug. */
export const kbCategories = pgTable("kb_categories", {
  slug: text("slug").notNull(),
  locale: text("locale", { enum: LOCALES }).notNull(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  position: integer("position").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.slug, t.locale] })]);

export const kbArticles = pgTable("kb_articles", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  slug: text("slug").notNull(),
  locale: text("locale", { enum: LOCALES }).notNull(),
  /** The same text in other languages shares this key (hreflang links between them). */
  translationKey: text("translation_key"),
  title: text("title").notNull(),
  /** Markdown as the author wrote it; rendered and sanitised on the way out (domain/kb/markdown.ts). */
  body: text("body").notNull(),
  /** The body as plain text: what snippets are cut from. */
  bodyText: text("body_text").notNull().default(""),
  category: text("category"),
  tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  /** Empty means every edition. */
  editions: text("editions").array().notNull().default(sql`'{}'::text[]`),
  /** Version patterns (`24.*`, `24.1.3`, `*`); empty means every version (domain/kb/versions.ts). */
  versions: text("versions").array().notNull().default(sql`'{}'::text[]`),
  visibility: text("visibility", { enum: KB_VISIBILITIES }).notNull().default("draft"),
  /** Scheduled publishing: a public or internal article is shown only from this instant on; null means at once. */
  publishAt: ts("publish_at"),
  /** Weighted title/tags (A), category and title compound parts (B), body (C), body compound parts (D); see services/kb/index-article.ts. */
  searchVector: tsvector("search_vector").notNull().default(sql`''::tsvector`),
  revision: integer("revision").notNull().default(1),
  createdBy: text("created_by").notNull(),
  updatedBy: text("updated_by").notNull(),
  createdAt: created(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("kb_articles_locale_slug_uq").on(t.locale, t.slug),
  index("kb_articles_translation_idx").on(t.translationKey),
  // No pending list: articles are written rarely and searched on every keystroke, and a pending list
  // (cleaned only by vacuum) makes every search scan it; with autovacuum off it never empties.
  index("kb_articles_fts_idx").using("gin", t.searchVector).with({ fastupdate: false }),
]);

/** Every saved state of an article, with who saved it: the full content, so any revision can be shown or restored. */
export const kbRevisions = pgTable("kb_revisions", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  articleId: bigint("article_id", { mode: "number" }).notNull().references(() => kbArticles.id, { onDelete: "cascade" }),
  revision: integer("revision").notNull(),
  author: text("author").notNull(),
  content: jsonb("content").$type<Record<string, unknown>>().notNull(),
  createdAt: created(),
}, (t) => [uniqueIndex("kb_revisions_article_uq").on(t.articleId, t.revision)]);

/**
 * The stemmed words of the articles per language and how many articles hold each: the search
 * weighs a query's words by rarity and corrects typos against this list (trigram index).
 */
export const kbTerms = pgTable("kb_terms", {
  locale: text("locale", { enum: LOCALES }).notNull(),
  term: text("term").notNull(),
  docs: integer("docs").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.locale, t.term] }), index("kb_terms_trgm_idx").using("gin", t.term.op("gin_trgm_ops")).with({ fastupdate: false })]);

/**
 * The lexemes of the articles' categories and German compound parts (weights B and D) per language,
 * with how many articles hold each: a query word that an article holds only inside a compound
 * ("verlängern" in "Zertifikatsverlängerung") is found here by prefix, without reading articles.
 * Kept apart from kb_terms, whose words are a typo's possible corrections; most parts are nonsense.
 */
export const kbParts = pgTable("kb_parts", {
  locale: text("locale", { enum: LOCALES }).notNull(),
  term: text("term").notNull(),
  docs: integer("docs").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.locale, t.term] }), index("kb_parts_prefix_idx").on(t.locale, t.term.op("text_pattern_ops"))]);

/** How many articles each language has (the N of the search's idf), kept with kb_terms' counts. */
export const kbLocaleStats = pgTable("kb_locale_stats", {
  locale: text("locale", { enum: LOCALES }).primaryKey(),
  articles: integer("articles").notNull().default(0),
});

/** Every search, for the report of searches that found nothing (the docs team's to-do list). */
export const kbSearches = pgTable("kb_searches", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  query: text("query").notNull(),
  locale: text("locale", { enum: LOCALES }).notNull(),
  source: text("source", { enum: KB_SEARCH_SOURCES }).notNull().default("api"),
  results: integer("results").notNull(),
  zeroResult: boolean("zero_result").notNull(),
  topArticleId: bigint("top_article_id", { mode: "number" }).references(() => kbArticles.id, { onDelete: "set null" }),
  createdAt: created(),
}, (t) => [index("kb_searches_zero_idx").on(t.zeroResult, t.createdAt)]);

/** "Did this help?" on an article page or in the widget. */
export const kbVotes = pgTable("kb_votes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  articleId: bigint("article_id", { mode: "number" }).notNull().references(() => kbArticles.id, { onDelete: "cascade" }),
  helpful: boolean("helpful").notNull(),
  /** A hash of who voted (session or widget visit), so one reader counts once per article; null when unknown. */
  voterKey: text("voter_key"),
  createdAt: created(),
}, (t) => [index("kb_votes_article_idx").on(t.articleId, t.createdAt), uniqueIndex("kb_votes_voter_uq").on(t.articleId, t.voterKey)]);

/** "This solved my problem": a report that ended without a ticket (deflection rate per week). */
export const kbDeflections = pgTable("kb_deflections", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  articleId: bigint("article_id", { mode: "number" }).references(() => kbArticles.id, { onDelete: "set null" }),
  siteId: bigint("site_id", { mode: "number" }).references(() => sites.id, { onDelete: "set null" }),
  locale: text("locale", { enum: LOCALES }).notNull(),
  createdAt: created(),
}, (t) => [index("kb_deflections_created_idx").on(t.createdAt)]);

/** Which articles a ticket met: shown and opened in the widget before sending, linked by staff in a reply. */
export const kbTicketArticles = pgTable("kb_ticket_articles", {
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  articleId: bigint("article_id", { mode: "number" }).notNull().references(() => kbArticles.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: KB_TICKET_REFS }).notNull(),
  createdAt: created(),
}, (t) => [primaryKey({ columns: [t.ticketId, t.articleId, t.kind] }), index("kb_ticket_articles_article_idx").on(t.articleId, t.kind)]);
