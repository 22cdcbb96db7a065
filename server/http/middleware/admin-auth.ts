import { timingSafeEqual, createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../../errors";

/** True when the request carries `Authorization: Bearer <TIDINGS_ADMIN_TOKEN>`. */
export function hasAdminToken(c: Context, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const header = c.req.header("authorization") ?? "";
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) return false;
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  const a = createHash("sha256").update(m[1]!.trim()).digest();
  const b = createHash("sha256").update(adminToken).digest();
  return timingSafeEqual(a, b);
}

export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!adminToken) throw new ApiError("FORBIDDEN", "The admin API is closed on this server: set TIDINGS_ADMIN_TOKEN to open it.");
    if (!hasAdminToken(c, adminToken)) throw new ApiError("UNAUTHENTICATED", "This needs the admin token in an Authorization: Bearer header.");
    await next();
  };
}
