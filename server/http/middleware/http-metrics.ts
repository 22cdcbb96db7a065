import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Metrics } from "../../metrics/registry";

/**
 * Counts every request by its route template (`/api/v1/tickets/:tid`, never the concrete path, so
 * the number of series stays bounded by the number of routes) with its duration. Registered
 * first, so errors answered by onError and 404s are counted too.
 */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = { route: routePath(c) || "unmatched", method: c.req.method, status: String(c.res.status) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    }
  };
}
