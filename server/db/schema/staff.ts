import { bigserial, boolean, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { STAFF_ROLES } from "../../../shared/roles";
import { created, ts } from "./columns";

/** Staff accounts and the canned answers they insert into replies. */

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
