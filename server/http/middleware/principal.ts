import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Principal } from "../../../shared/principal";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import { resolveSession } from "../../services/accounts/sessions";
import { bearerMatches, hasAdminToken } from "./admin-auth";

export const SESSION_COOKIE = "tidings_session";

declare module "hono" {
  interface ContextVariableMap {
    principal: Principal;
    csrfToken: string | undefined;
    requestId: string;
    /** The code of the refusal this request ends with (on-error.ts), for the request line. */
    errorCode: string | undefined;
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
    if (deps.localToken && bearerMatches(c.req.header("authorization"), deps.localToken)) {
      c.set("principal", { kind: "admin-token", via: "cli" });
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
    // A password someone else chose or read is replaced before anything else is done with it.
    if (session.principal.kind === "staff" && session.principal.mustChangePassword && !c.req.path.startsWith("/api/v1/auth/")) {
      throw new ApiError("PASSWORD_CHANGE_REQUIRED", "Choose a new password first: the one you signed in with was given to you and works only for that.");
    }
    c.set("principal", session.principal);
    c.set("csrfToken", session.csrfToken);
    return next();
  };
}
