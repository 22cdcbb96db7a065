import type { MiddlewareHandler } from "hono";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { someSiteAllows } from "../services/accounts/site-origins";
import { checkSiteOrigin } from "../services/accounts/sites";

const ALLOWED_HEADERS = "Content-Type, Idempotency-Key, X-Tidings-Site, Accept";
// What the widget reads from an answer: a repeat's marker, when to retry, the id to quote.
const EXPOSED_HEADERS = "Location, Idempotent-Replayed, Retry-After, X-Request-Id";

/**
 * CORS for the one API call the widget makes from other origins, POST /api/v1/tickets, and its
 * preflight. No credentials, ever: the widget sends no cookies, and no answer here may be read
 * with them.
 * - The preflight is answered alike for every origin, so that the browser sends the POST and lets
 *   the widget read why it was refused; a preflight refusal would look like a lost connection, and
 *   the widget would keep retrying a report that can never arrive.
 * - A POST from an origin that its site (X-Tidings-Site), or without one any site, does not allow is
 *   refused here with a readable 403 ORIGIN_NOT_ALLOWED, before the route reads the body or stores
 *   anything. Only this refusal (and SITE_UNKNOWN) is readable by such an origin.
 * - From allowed origins, every answer (errors included) is readable, as the widget translates
 *   codes. Requests without Origin (programs) and from Tidings' own origin pass as they are.
 */
export function widgetCors(deps: Deps): MiddlewareHandler {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (!origin) return next();
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
    }
    const siteKey = c.req.header("x-tidings-site");
    const gated = c.req.method === "POST" && isForeignOrigin(ownOrigin, origin, c.req.url);
    let allowed: boolean;
    if (gated && siteKey) {
      // The route checks the site again; here the refusal gets its readable form and wording.
      await checkSiteOrigin(deps.db, siteKey, origin).catch((e: unknown) => {
        if (!(e instanceof ApiError)) throw e;
        throw e.code === "ORIGIN_NOT_ALLOWED" ? originNotAllowed(origin) : readable(e, origin);
      });
      allowed = true;
    } else {
      allowed = await someSiteAllows(deps.db, origin);
      if (gated && !allowed) throw originNotAllowed(origin);
    }
    await next();
    if (!allowed) return;
    c.res.headers.set("Access-Control-Allow-Origin", origin);
    c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    c.res.headers.append("Vary", "Origin");
  };
}

/** A page on another origin than Tidings' own (public or as reached): only such a page is judged by its site's origins. */
export function isForeignOrigin(ownOrigin: string, origin: string | undefined, requestUrl: string): origin is string {
  return origin !== undefined && origin !== ownOrigin && origin !== new URL(requestUrl).origin;
}

/** The refusal of an origin, in words that name it and say where it is allowed. */
export function originNotAllowed(origin: string): ApiError {
  const shown = origin.length > 200 ? `${origin.slice(0, 200)}…` : origin;
  return readable(
    new ApiError(
      "ORIGIN_NOT_ALLOWED",
      `The support widget may not be used on ${shown}: it is not one of the allowed origins of the widget's site. ` +
        "A Tidings administrator can allow it in the console under Admin → Sites (allowed origins).",
    ),
    origin,
  );
}

function corsHeaders(origin: string): Record<string, string> {
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS, Vary: "Origin" };
}

/** The same refusal, readable by the page that asked. */
function readable(e: ApiError, origin: string): ApiError {
  return new ApiError(e.code, e.message, { field: e.field, headers: { ...e.headers, ...corsHeaders(origin) } });
}
