import type { Context, MiddlewareHandler } from "hono";
import type { Socket } from "node:net";
import { ApiError } from "../../errors";
import { nodeIncoming } from "../node-body";

/**
 * A sliding-window limit per client address, kept in this process's memory: the count of the
 * current fixed window plus the previous window's count weighted by how much of it still overlaps.
 * O(1) per request whatever the limit. With several processes each enforces its own share; that
 * is enough to stop a flood from one client, which is what this is for (docs/security.md).
 */
export function rateLimit(opts: { limit: number; windowMs: number; trustProxy: boolean; message: string }): MiddlewareHandler {
  let windowStart = 0;
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  return async (c, next) => {
    const now = Date.now();
    if (now - windowStart >= opts.windowMs) {
      // Two windows on, the previous one no longer overlaps at all.
      previous = now - windowStart >= 2 * opts.windowMs ? new Map<string, number>() : current;
      current = new Map();
      windowStart = now - ((now - windowStart) % opts.windowMs);
    }
    const key = clientAddress(c, opts.trustProxy);
    const overlap = 1 - (now - windowStart) / opts.windowMs;
    const used = (current.get(key) ?? 0) + (previous.get(key) ?? 0) * overlap;
    if (used >= opts.limit) {
      const retry = Math.max(1, Math.ceil((opts.windowMs - (now - windowStart)) / 1000));
      throw new ApiError("RATE_LIMITED", opts.message, { headers: { "Retry-After": String(retry) } });
    }
    current.set(key, (current.get(key) ?? 0) + 1);
    await next();
  };
}

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  const socket = nodeIncoming(c)?.socket;
  // app.request() in tests has no socket.
  if (!socket) return "local";
  // Once per connection: a keep-alive client sends many requests over one socket.
  let address = peers.get(socket);
  if (address === undefined) {
    address = socket.remoteAddress ?? "unknown";
    peers.set(socket, address);
  }
  return address;
}

const peers = new WeakMap<Socket, string>();
