import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { someSiteAllows } from "../services/accounts/site-origins";
import { checkSiteOrigin } from "../services/accounts/sites";
import { isForeignOrigin, originNotAllowed } from "./cors";
import { widgetAcceptedSchema } from "../../shared/api/session-responses";
import { COMMON_ERRORS, errors, json, op, routes, security } from "./contract";

const configRoute = createRoute({
  ...op("get", "/config", "getWidgetConfig", "widget", "May this page send reports? (the site key, switched on, and the page's origin)", security.public),
  // Read as it comes: the site check answers an unknown or missing key with its own codes.
  parameters: [{ name: "site", in: "query", required: false, description: "The site key of the widget's script tag.", schema: { type: "string" } }],
  responses: { 200: json(widgetAcceptedSchema, "Accepted."), ...errors("ORIGIN_NOT_ALLOWED", "SITE_UNKNOWN", "SITE_DISABLED", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS) },
});

/**
 * What the widget's dialog asks when it first opens: may this page send reports at all? The site
 * key must be registered and switched on, and the page's origin one the site allows, so a refusal
 * is shown before the user writes a whole report rather than after. A simple GET (no preflight, no
 * credentials): the answer, refusals included, is readable by the asking page and says nothing
 * beyond what a POST would.
 */
export function widgetConfigRoutes(deps: Deps) {
  const app = routes();
  app.openapi(configRoute, async (c) => {
    const origin = c.req.header("origin");
    const siteKey = c.req.query("site");
    const cors: Record<string, string> = origin ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {};
    const headers = { ...cors, "Cache-Control": "no-store" };
    const gated = isForeignOrigin(new URL(deps.config.publicUrl).origin, origin, c.req.url);
    try {
      if (siteKey) await checkSiteOrigin(deps.db, siteKey, gated ? origin : undefined).catch((e: unknown) => {
        // Without a browser Origin (a script, the same origin) only the key itself is judged.
        if (!gated && e instanceof ApiError && e.code === "ORIGIN_NOT_ALLOWED") return;
        throw e;
      });
      else if (gated && !(await someSiteAllows(deps.db, origin))) throw originNotAllowed(origin);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const refusal = e.code === "ORIGIN_NOT_ALLOWED" && origin ? originNotAllowed(origin) : e;
      throw new ApiError(refusal.code, refusal.message, { headers: { ...refusal.headers, ...headers } });
    }
    return c.json({ accepted: true as const }, 200, headers);
  });
  return app;
}
