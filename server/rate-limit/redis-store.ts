import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "../log";
import { windowAt, type RateLimitRule, type RateLimitStore, type Verdict } from "./store";

/** A command waits this long for Redis, then the limiter lets the request through (failOpen). */
export const REDIS_COMMAND_MS = 500;
const CONNECT_MS = 2000;

/**
 * KEYS: the current and the previous window's counters; ARGV: limit, the previous window's
 * weight, the counter's lifetime. Counts only what it lets through, in one atomic step.
 */
const HIT = `
local current = tonumber(redis.call("GET", KEYS[1]) or "0")
local previous = tonumber(redis.call("GET", KEYS[2]) or "0")
if current + previous * tonumber(ARGV[2]) >= tonumber(ARGV[1]) then return 0 end
if redis.call("INCR", KEYS[1]) == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[3]) end
return 1
`;
const HIT_SHA = createHash("sha1").update(HIT).digest("hex");

/**
 * The limits in Redis (REDIS_URL), shared by every process: one script call, one round trip per
 * request. Commands are never queued while Redis is away (they fail at once and the request goes
 * through) and each waits at most REDIS_COMMAND_MS; ioredis reconnects by itself meanwhile.
 */
export async function redisRateLimitStore(opts: { url: string; keyPrefix: string }, log: Logger): Promise<RateLimitStore> {
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_MS,
    connectTimeout: CONNECT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  // ioredis emits an error on every failed reconnect; one line when Redis goes away, one when it is back.
  redis.on("error", (err: Error) => {
    if (!down) log.warn({ err: err.message }, "Redis for the rate limits is unreachable; limits let requests through until it is back");
    down = true;
  });
  redis.on("ready", () => {
    if (down) log.info("Redis for the rate limits is reachable again");
    down = false;
  });
  // A server that starts while Redis is away still serves (the limits fail open meanwhile).
  await redis.connect().catch(() => {});

  const run = async (keys: [string, string], args: (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(HIT_SHA, 2, ...keys, ...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : "";
      // A command given up on still waits in ioredis's queue for its reply. If the request was
      // lost (a partition), every later reply would go to the command before it and each hit
      // would time out for good: a new connection starts the queue afresh.
      if (message === "Command timed out" && redis.status === "ready") redis.disconnect(true);
      // The first call on a Redis that has not seen the script yet (or after SCRIPT FLUSH).
      if (!message.startsWith("NOSCRIPT")) throw e;
      return redis.eval(HIT, 2, ...keys, ...args);
    }
  };
  return {
    kind: "redis",
    async hit(rule: RateLimitRule, key: string, now: number): Promise<Verdict> {
      const w = windowAt(now, rule.windowMs);
      // The braces are a hash tag: both windows of a client land on one Redis Cluster slot.
      const base = `${opts.keyPrefix}rl:{${rule.name}:${key}}:`;
      const allowed = await run([`${base}${w.index}`, `${base}${w.index - 1}`], [rule.limit, w.previousWeight, 2 * rule.windowMs]);
      return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: w.retryAfterSeconds };
    },
    close: () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}
