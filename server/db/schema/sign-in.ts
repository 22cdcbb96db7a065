import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { created, singleUseLink, ts } from "./columns";
import { staff } from "./staff";

/** Getting in: the first-admin setup link, sessions, and the one-time sign-in links of clients. */

/**
 * The one-time link the start banner prints while no admin exists: it lets whoever started the
 * server create the first admin in the browser. Only the hash is kept; it is spent on use.
 */
export const setupLinks = pgTable("setup_links", singleUseLink({}));

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
export const loginLinks = pgTable("login_links", singleUseLink({
  email: text("email").notNull(),
  nextPath: text("next_path"),
}));
