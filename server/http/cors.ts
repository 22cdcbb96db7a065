import type { MiddlewareHandler } from "hono";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { someSiteAllows } from "../services/site-origins";

const ALLOWED_HEADERS = "Content-Type, Idempotency-Key, X-Tidings-Site, Accept";
// What the widget reads from an answer: a repeat's marker, when to retry, the id to quote.
const EXPOSED_HEADERS = "Location, Idempotent-Replayed, Retry-After, X-Request-Id";

/**
 * CORS for the one API call the widget makes from other origins, POST /api/v1/tickets, and its
 * preflight. Only an origin that some registered site allows gets the headers; every other origin
 * is left to the browser's same-origin rule. No credentials: the widget sends no cookies.
 * Errors get the headers too, so the widget can read and translate their codes.
 */
export function widgetCors(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (!origin) return next();
    const allowed = await someSiteAllows(deps.db, origin);
    if (c.req.method === "OPTIONS") {
      if (!allowed) throw new ApiError("ORIGIN_NOT_ALLOWED", "No support widget is registered for this web address.");
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
    }
    await next();
    if (!allowed) return;
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    c.res.headers.append("Vary", "Origin");
  };
}
