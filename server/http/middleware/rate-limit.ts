import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { ApiError } from "../../errors";

/**
 * A sliding-window limit per client address, kept in this process's memory. With several
 * processes each enforces its own share; that is enough to stop a flood from one client, which is
 * what this is for (docs/security.md). Written here rather than taken from a library because it
 * is twenty lines and needs the client address rule below.
 */
export function rateLimit(opts: { limit: number; windowMs: number; trustProxy: boolean; message: string }): MiddlewareHandler {
  const hits = new Map<string, number[]>();
  let lastSweep = Date.now();
  return async (c, next) => {
    const now = Date.now();
    if (now - lastSweep > opts.windowMs) {
      for (const [k, v] of hits) if (!v.length || now - v[v.length - 1]! > opts.windowMs) hits.delete(k);
      lastSweep = now;
    }
    const key = clientAddress(c, opts.trustProxy);
    const recent = (hits.get(key) ?? []).filter((t) => now - t < opts.windowMs);
    if (recent.length >= opts.limit) {
      const retry = Math.max(1, Math.ceil((opts.windowMs - (now - recent[0]!)) / 1000));
      hits.set(key, recent);
      throw new ApiError("RATE_LIMITED", opts.message, { headers: { "Retry-After": String(retry) } });
    }
    recent.push(now);
    hits.set(key, recent);
    await next();
  };
}

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
}
