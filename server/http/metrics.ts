import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { bearerMatches } from "./middleware/admin-auth";
import { errors, op, routes } from "./contract";

const metricsRoute = createRoute({
  ...op("get", "/metrics", "getMetrics", "operations", "Prometheus metrics (text format)", [{}, { metricsToken: [] }]),
  description: "Open unless METRICS_TOKEN is set; then it needs Authorization: Bearer <METRICS_TOKEN>.",
  responses: {
    200: { description: "The metrics.", content: { "text/plain": { schema: z.string() } } },
    ...errors("UNAUTHENTICATED"),
  },
});

/**
 * `GET /metrics` in Prometheus' text format. Open unless METRICS_TOKEN is set; then it needs
 * `Authorization: Bearer <METRICS_TOKEN>` (Prometheus' `authorization` scrape setting).
 */
export function metricsRoutes(deps: Deps) {
  const app = routes();
  app.openapi(metricsRoute, async (c) => {
    const token = deps.config.metricsToken;
    if (token && !bearerMatches(c.req.header("authorization"), token)) {
      throw new ApiError("UNAUTHENTICATED", "The metrics need the bearer token set in METRICS_TOKEN.");
    }
    const text = await deps.metrics.registry.metrics();
    return c.text(text, 200, { "Content-Type": deps.metrics.registry.contentType, "Cache-Control": "no-store" });
  });
  return app;
}
