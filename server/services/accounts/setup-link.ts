import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Deps } from "../../deps";
import { setupLinks, staff } from "../../db/schema";
import { sha256Hex } from "../../domain/hash";
import { ApiError } from "../../errors";
import { addStaff } from "./staff-accounts";

const TTL_MS = 24 * 3_600_000;

/** True while no enabled admin account exists: the installation still needs its first admin. */
export async function needsFirstAdmin(deps: Pick<Deps, "db">): Promise<boolean> {
  const [row] = await deps.db.select({ id: staff.id }).from(staff).where(and(eq(staff.role, "admin"), eq(staff.disabled, false))).limit(1);
  return !row;
}

/**
 * A fresh one-time setup link while no admin exists, else null. Each start makes a new one and
 * voids the unspent ones before it, so only the link in the latest banner works.
 */
export async function issueSetupLink(deps: Pick<Deps, "db" | "config" | "now">): Promise<string | null> {
  if (!(await needsFirstAdmin(deps))) return null;
  const token = randomBytes(32).toString("base64url");
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(setupLinks).where(isNull(setupLinks.usedAt));
    await tx.insert(setupLinks).values({ tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + TTL_MS), createdAt: now });
  });
  return `${deps.config.publicUrl}/console/setup?token=${token}`;
}

const spent = () => new ApiError("LINK_INVALID", "This setup link has been used or has expired. Sign in with the admin account it created, or restart the server for a new link while no admin exists.");

/** Whether a setup link can still be used, for the page to show the form or say why not. */
export async function setupLinkUsable(deps: Pick<Deps, "db" | "now">, token: string): Promise<boolean> {
  const [row] = await deps.db.select({ h: setupLinks.tokenHash }).from(setupLinks)
    .where(and(eq(setupLinks.tokenHash, sha256Hex(token)), isNull(setupLinks.usedAt), gt(setupLinks.expiresAt, deps.now())));
  return Boolean(row) && (await needsFirstAdmin(deps));
}

/**
 * Spends the link and creates the first admin, in one transaction: the row lock makes a second
 * use (or two tabs at once) fail, and an admin made meanwhile by other means voids the link.
 */
export async function useSetupLink(deps: Pick<Deps, "db" | "now" | "log">, input: { token: string; email: string; name?: string; password: string }) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(setupLinks).where(eq(setupLinks.tokenHash, sha256Hex(input.token))).for("update");
    if (!row || row.usedAt || row.expiresAt <= deps.now()) throw spent();
    if (!(await needsFirstAdmin({ db: tx }))) throw spent();
    await tx.update(setupLinks).set({ usedAt: deps.now() }).where(eq(setupLinks.tokenHash, row.tokenHash));
    const made = await addStaff({ db: tx }, { email: input.email, role: "admin", name: input.name, password: input.password });
    const [s] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.email, made.email));
    deps.log.info({ actor: "setup-link", action: "staff-added", staffId: s!.id, email: made.email, role: "admin" }, "first admin created with the setup link");
    return { id: s!.id, email: made.email };
  });
}
