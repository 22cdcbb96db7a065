import { sql } from "drizzle-orm";
import { bigserial, bigint, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ESCALATION_TARGETS } from "../../../shared/roles";
import { CREDENTIAL_KINDS } from "../../../shared/api/accounts";
import { created, ts } from "./columns";
import { tickets } from "./tickets";

/** What a client does on a ticket besides writing: rate it, escalate it, hand over credentials. */

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
