import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Principal } from "../../../shared/principal";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import { resolveSession } from "../../services/sessions";
import { hasAdminToken } from "./admin-auth";

export const SESSION_COOKIE = "tidings_session";

declare module "hono" {
  interface ContextVariableMap {
    principal: Principal;
    csrfToken: string | undefined;
    requestId: string;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Works out who is asking: the admin bearer token, a session cookie (staff or client), or nobody.
 * Requests that change something on the strength of a cookie must carry the session's CSRF token
 * in `X-CSRF-Token` and, when the browser sends one, an Origin of our own: a cookie alone never
 * authorises a write, so another site cannot make a signed-in browser act.
 */
export function principal(deps: Deps): MiddlewareHandler {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  return async (c, next) => {
    if (hasAdminToken(c, deps.config.adminToken)) {
      c.set("principal", { kind: "admin-token" });
      c.set("csrfToken", undefined);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resolveSession(deps.db, token, deps.now()) : null;
    if (!session) {
      c.set("principal", { kind: "anonymous" });
      c.set("csrfToken", undefined);
      return next();
    }
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      if ((origin && origin !== ownOrigin && origin !== new URL(c.req.url).origin) || c.req.header("x-csrf-token") !== session.csrfToken) {
        throw new ApiError("CSRF_FAILED", "This request did not come from a Tidings page. Reload the page and try again.");
      }
    }
    c.set("principal", session.principal);
    c.set("csrfToken", session.csrfToken);
    return next();
  };
}
