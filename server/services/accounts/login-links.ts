import { randomBytes } from "node:crypto";
import { sha256Hex } from "../../domain/hash";
import { and, count, eq, gt } from "drizzle-orm";
import type { Deps } from "../../deps";
import { loginLinks } from "../../db/schema";
import { ApiError } from "../../errors";
import { enqueueMail } from "../mail/outbox";
import { signInMail } from "../../mail/templates/sign-in";

export const LINK_TTL_MS = 15 * 60_000;
const MAX_LINKS = { count: 5, windowMs: 10 * 60_000 };
const hash = sha256Hex;

/** Only paths inside the portal, so a sign-in link cannot be turned into an open redirect. */
export function safeNext(next: string | undefined): string | null {
  return next && /^\/portal(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(next) ? next : null;
}

/**
 * Mails a one-time sign-in link. Answers the same whether or not the address has tickets, so the
 * form cannot be used to find out who our clients are.
 */
export async function requestLoginLink(deps: Deps, email: string, next: string | undefined, locale: "en" | "de") {
  const now = deps.now();
  const [recent] = await deps.db.select({ n: count() }).from(loginLinks).where(and(eq(loginLinks.email, email), gt(loginLinks.createdAt, new Date(now.getTime() - MAX_LINKS.windowMs))));
  if (Number(recent!.n) >= MAX_LINKS.count) return;
  const token = randomBytes(32).toString("base64url");
  await deps.db.transaction(async (tx) => {
    await tx.insert(loginLinks).values({ tokenHash: hash(token), email, nextPath: safeNext(next), expiresAt: new Date(now.getTime() + LINK_TTL_MS), createdAt: now });
    const mail = signInMail({ url: `${deps.config.publicUrl}/portal/sign-in?token=${token}`, minutes: LINK_TTL_MS / 60_000, locale });
    await enqueueMail(tx, deps, { ticketId: null, tid: null, kind: "sign-in", to: email, ...mail, automatic: false });
  });
}

/** Spends a sign-in link: valid once, within its lifetime. */
export async function consumeLoginLink(deps: Deps, token: string): Promise<{ email: string; next: string | null }> {
  const now = deps.now();
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw invalid();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(loginLinks).where(eq(loginLinks.tokenHash, hash(token))).for("update");
    if (!row || row.usedAt || row.expiresAt <= now) throw invalid();
    await tx.update(loginLinks).set({ usedAt: now }).where(eq(loginLinks.tokenHash, row.tokenHash));
    return { email: row.email, next: row.nextPath };
  });
}

function invalid() {
  return new ApiError("LINK_INVALID", "This sign-in link has expired or was already used. Ask for a new one: it arrives within a minute.");
}
