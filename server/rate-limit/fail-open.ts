import type { Logger } from "../log";
import type { Metrics } from "../metrics/registry";
import { withTimeout } from "../with-timeout";
import type { RateLimitStore } from "./store";

/** Past this a hit is given up on whatever the store's own bounds (they are shorter). */
const HIT_MS = 1500;
/** At most one log line per this while the store keeps failing; the metric counts every one. */
const LOG_EVERY_MS = 60_000;

/**
 * A limiter whose store is away lets requests through: it is there to stop a flood from one
 * client, and refusing everyone (or answering 500) because Redis or Postgres hiccuped would be a
 * worse outage than a minute without limits. Each such request is counted in
 * tidings_rate_limit_store_errors_total, and a line is logged once a minute while it lasts.
 */
export function failOpen(store: RateLimitStore, log: Logger, metrics: Metrics): RateLimitStore {
  let loggedAt = -Infinity;
  let missed = 0;
  return {
    kind: store.kind,
    async hit(rule, key, now) {
      try {
        return await withTimeout(store.hit(rule, key, now), HIT_MS);
      } catch (e) {
        metrics.rateLimitStoreErrors.inc({ store: store.kind });
        missed++;
        if (now - loggedAt >= LOG_EVERY_MS) {
          log.warn({ err: e instanceof Error ? e.message : String(e), store: store.kind, limit: rule.name, requests: missed }, "rate limit store failed; the request was let through");
          loggedAt = now;
          missed = 0;
        }
        return { allowed: true };
      }
    },
    close: () => store.close(),
  };
}
