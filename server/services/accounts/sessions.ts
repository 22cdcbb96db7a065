import { randomBytes } from "node:crypto";
import { sha256Hex } from "../../domain/hash";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Principal } from "../../../shared/principal";
import type { Db } from "../../db/client";
import { sessions, staff } from "../../db/schema";

export const SESSION_TTL_MS = { staff: 12 * 3_600_000, client: 7 * 24 * 3_600_000 };

const hash = sha256Hex;

export async function createSession(db: Db, who: { kind: "staff"; staffId: number } | { kind: "client"; email: string }, now: Date) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS[who.kind]);
  await db.insert(sessions).values({
    tokenHash: hash(token), kind: who.kind, staffId: who.kind === "staff" ? who.staffId : null,
    clientEmail: who.kind === "client" ? who.email : null, csrfToken, expiresAt, createdAt: now,
  });
  // Expired sessions go when new ones come, so the table never grows without bound.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  return { token, csrfToken, expiresAt };
}

export async function resolveSession(db: Db, token: string, now: Date): Promise<{ principal: Principal; csrfToken: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ s: sessions, staffEmail: staff.email, role: staff.role, name: staff.name, disabled: staff.disabled, mustChange: staff.mustChangePassword })
    .from(sessions)
    .leftJoin(staff, eq(staff.id, sessions.staffId))
    .where(and(eq(sessions.tokenHash, hash(token)), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (row.s.kind === "staff") {
    if (!row.staffEmail || row.disabled || !row.role) return null;
    const principal: Principal = { kind: "staff", id: row.s.staffId!, email: row.staffEmail, role: row.role, name: row.name, ...(row.mustChange ? { mustChangePassword: true } : {}) };
    return { principal, csrfToken: row.s.csrfToken };
  }
  return { principal: { kind: "client", email: row.s.clientEmail! }, csrfToken: row.s.csrfToken };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hash(token)));
}

/** The stored form of a session token (sessions.token_hash). */
export const sessionHash = (token: string) => hash(token);
