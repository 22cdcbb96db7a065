import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, date, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { LOCALES } from "../../../shared/locale";
import { CLIENT_CATEGORIES } from "../../../shared/sla";
import { EDITIONS } from "../../../shared/limits";
import { created } from "./columns";

/** Who the clients are: requesters, the licenses they hold (with their emails) and the sites whose widget they use. */

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
  /** The acknowledgement of this site's tickets lists up to three matching public articles (issue 16). */
  ackArticles: boolean("ack_articles").notNull().default(true),
  createdAt: created(),
}, (t) => [uniqueIndex("sites_key_uq").on(t.siteKey)]);
