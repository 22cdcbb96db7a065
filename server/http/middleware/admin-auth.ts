import { timingSafeEqual, createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { isAdmin, isArticleWriter, isStaff, isSupervisor, type Principal } from "../../../shared/principal";
import { ApiError } from "../../errors";

/** True when the request carries `Authorization: Bearer <TIDINGS_ADMIN_TOKEN>`. */
export function hasAdminToken(c: Context, adminToken: string | undefined): boolean {
  return Boolean(adminToken) && bearerMatches(c.req.header("authorization"), adminToken!);
}

/** True when an Authorization header is `Bearer <expected>`. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!m) return false;
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  const a = createHash("sha256").update(m[1]!.trim()).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function guard(allowed: (p: Principal) => boolean, what: string): MiddlewareHandler {
  return async (c, next) => {
    const p = c.get("principal");
    if (p.kind === "anonymous") throw new ApiError("UNAUTHENTICATED", `This needs ${what}: sign in, or send the admin token in an Authorization: Bearer header.`);
    if (!allowed(p)) throw new ApiError("FORBIDDEN", `This needs ${what}.`);
    await next();
  };
}

/** Route guards by role; the principal middleware has already worked out who is asking. */
export const requireStaff = () => guard(isStaff, "a staff account");
export const requireSupervisor = () => guard(isSupervisor, "a supervisor or admin account");
export const requireArticleWriter = () => guard(isArticleWriter, "an editor or admin account");
export const requireClient = () => guard((p) => p.kind === "client", "a client sign-in");

export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  const inner = guard(isAdmin, "an admin account");
  return async (c, next) => {
    // With no admin token configured the token door is shut, but admin accounts still get in.
    if (!adminToken && c.get("principal").kind === "anonymous") {
      throw new ApiError("FORBIDDEN", "The admin API is closed on this server: set TIDINGS_ADMIN_TOKEN, or sign in with an admin account.");
    }
    return inner(c, next);
  };
}
