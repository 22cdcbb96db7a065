import { Hono } from "hono";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { bearerMatches } from "./middleware/admin-auth";

/**
 * `GET /metrics` in Prometheus' text format. Open unless METRICS_TOKEN is set; then it needs
 * `Authorization: Bearer <METRICS_TOKEN>` (Prometheus' `authorization` scrape setting).
 */
export function metricsRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/metrics", async (c) => {
    const token = deps.config.metricsToken;
    if (token && !bearerMatches(c.req.header("authorization"), token)) {
      throw new ApiError("UNAUTHENTICATED", "The metrics need the bearer token set in METRICS_TOKEN.");
    }
    const text = await deps.metrics.registry.metrics();
    return c.body(text, 200, { "Content-Type": deps.metrics.registry.contentType, "Cache-Control": "no-store" });
  });
  return app;
}
