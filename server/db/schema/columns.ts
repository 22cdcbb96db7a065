import { text, timestamp } from "drizzle-orm/pg-core";

/** Instants are timestamptz and UTC in code. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const created = () => ts("created_at").notNull().defaultNow();

/**
 * A link that works once within its time (the first-admin setup link, a client's sign-in link):
 * only the token's hash is kept, and `usedAt` spends it. `between` are the link's own columns,
 * kept in the place they have in the table.
 */
export function singleUseLink<T extends object>(between: T) {
  return {
    tokenHash: text("token_hash").primaryKey(),
    ...between,
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: created(),
  };
}
