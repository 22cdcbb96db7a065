/**
 * Where the rate limits count (CONTRACT §3, docs/security.md): one store per process, chosen in
 * bootstrap.ts. Redis (REDIS_URL) or Postgres are shared, so N processes enforce one limit per
 * client; memory is this process's alone, which is all the embedded database (one process) needs.
 */
export interface RateLimitRule {
  /** Which limit: each middleware counts apart (intake, sign-in, sign-in links …). */
  name: string;
  limit: number;
  windowMs: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimitStore {
  readonly kind: "memory" | "postgres" | "redis";
  /**
   * Counts one request of `key` unless it would pass the limit: a sliding window, the current
   * window's count plus the previous window's weighted by how much of it still overlaps. A refused
   * request is not counted, so a client that keeps knocking is let in again as its count slides
   * out. May throw when a shared store is away (failOpen wraps it).
   */
  hit(rule: RateLimitRule, key: string, now: number): Promise<Verdict>;
  close(): Promise<void>;
}

/**
 * The window `now` falls in for the shared stores: counted from the epoch, so every process
 * (clocks kept by NTP) agrees on it without asking anyone.
 */
export function windowAt(now: number, windowMs: number) {
  const index = Math.floor(now / windowMs);
  const elapsed = now - index * windowMs;
  return {
    index,
    /** How much of the previous window still lies within the last `windowMs`. */
    previousWeight: 1 - elapsed / windowMs,
    /** Until this window ends, when at least part of the count slides out. */
    retryAfterSeconds: Math.max(1, Math.ceil((windowMs - elapsed) / 1000)),
  };
}
