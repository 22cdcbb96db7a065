import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../log";

/**
 * One structured line per request: id, method, path, status, duration. The query string is left
 * out on purpose: signed links carry their token there.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log.info({
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    }, "request");
  };
}
