import type { MiddlewareHandler } from "hono";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import type { RateLimitRule } from "../../rate-limit/store";
import { clientAddress } from "../client-address";

/**
 * A sliding-window limit per client address (rate-limit/store.ts), counted in the store every
 * process shares (Redis or Postgres; in memory with the embedded database), so N processes behind
 * a load balancer enforce one limit per client, not N. A store that fails lets the request
 * through (rate-limit/fail-open.ts): never a 500 because of the limiter.
 */
export function rateLimit(deps: Deps, rule: RateLimitRule & { message: string }): MiddlewareHandler {
  const { message, ...counted } = rule;
  return async (c, next) => {
    const verdict = await deps.rateLimits.hit(counted, clientAddress(c, deps.config.trustProxy), Date.now());
    if (!verdict.allowed) throw new ApiError("RATE_LIMITED", message, { headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
    await next();
  };
}
