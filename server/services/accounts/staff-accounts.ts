import { randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Deps } from "../../deps";
import { sessions, staff } from "../../db/schema";
import type { StaffRole } from "../../../shared/roles";
import { isUniqueViolation } from "../../db/pg-errors";
import { ApiError } from "../../errors";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords";

/** 20 wrong passwords within a minute lock the login for a quarter of an hour (issue 6). */
export const LOCKOUT = { failures: 20, windowMs: 60_000, lockMs: 15 * 60_000 };

/**
 * Adds a staff account. Without a password one is generated and returned once; whoever reads it
 * (the CLI's output, the console's notice) is not its owner, so its owner must replace it at the
 * first sign-in.
 */
export async function addStaff(deps: Pick<Deps, "db">, input: { email: string; role: StaffRole; name?: string; password?: string }) {
  const password = input.password ?? randomBytes(12).toString("base64url");
  if (password.length < 10) throw new ApiError("VALIDATION_FAILED", "A staff password must have at least 10 characters.", { field: "password" });
  try {
    await deps.db.insert(staff).values({
      email: input.email.toLowerCase(), role: input.role, name: input.name ?? null, passwordHash: await hashPassword(password), mustChangePassword: !input.password,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ApiError("CONFLICT", `A staff member with the email ${input.email} already exists.`, { field: "email" });
    throw e;
  }
  return { email: input.email.toLowerCase(), role: input.role, generatedPassword: input.password ? null : password };
}

/**
 * Checks a staff login. Wrong passwords are counted per account; past the limit the account is
 * locked for a while, whatever password comes next, so guessing does not pay.
 */
export async function checkStaffLogin(deps: Pick<Deps, "db" | "now">, email: string, password: string) {
  const now = deps.now();
  const [row] = await deps.db.select().from(staff).where(eq(staff.email, email.toLowerCase()));
  if (!row || row.disabled) {
    await verifyPassword(password, DUMMY_HASH);
    throw new ApiError("INVALID_CREDENTIALS", "The email address or password is not correct.");
  }
  if (row.lockedUntil && row.lockedUntil > now) {
    const minutes = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new ApiError("ACCOUNT_LOCKED", `Too many failed sign-ins: this login is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}.`, { headers: { "Retry-After": String(minutes * 60) } });
  }
  if (await verifyPassword(password, row.passwordHash)) {
    await deps.db.update(staff).set({ failedLogins: 0, failedSince: null, lockedUntil: null }).where(eq(staff.id, row.id));
    return row;
  }
  const fresh = !row.failedSince || now.getTime() - row.failedSince.getTime() > LOCKOUT.windowMs;
  const failures = fresh ? 1 : row.failedLogins + 1;
  const lock = failures >= LOCKOUT.failures;
  await deps.db.update(staff).set({
    failedLogins: lock ? 0 : failures,
    failedSince: lock ? null : fresh ? now : row.failedSince,
    lockedUntil: lock ? new Date(now.getTime() + LOCKOUT.lockMs) : null,
  }).where(eq(staff.id, row.id));
  throw new ApiError("INVALID_CREDENTIALS", "The email address or password is not correct.");
}

/**
 * A signed-in staff member replaces their password. The current one is asked again, so a session
 * left open on someone's desk cannot be used to take the account over; the other sessions of the
 * account end, the one in use stays.
 */
export async function changeStaffPassword(deps: Pick<Deps, "db">, staffId: number, keepSessionHash: string | null, current: string, next: string) {
  const [row] = await deps.db.select().from(staff).where(eq(staff.id, staffId));
  if (!row || row.disabled) throw new ApiError("UNAUTHENTICATED", "Please sign in again.");
  if (!(await verifyPassword(current, row.passwordHash))) throw new ApiError("INVALID_CREDENTIALS", "The current password is not correct.", { field: "current" });
  if (current === next) throw new ApiError("VALIDATION_FAILED", "The new password must differ from the current one.", { field: "next" });
  const passwordHash = await hashPassword(next);
  await deps.db.transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, mustChangePassword: false }).where(eq(staff.id, staffId));
    await tx.delete(sessions).where(keepSessionHash ? and(eq(sessions.staffId, staffId), ne(sessions.tokenHash, keepSessionHash)) : eq(sessions.staffId, staffId));
  });
  return { changed: true };
}
