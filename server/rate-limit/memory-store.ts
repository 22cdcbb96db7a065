import type { RateLimitRule, RateLimitStore, Verdict } from "./store";

interface Windows { start: number; current: Map<string, number>; previous: Map<string, number> }

/**
 * The limits in this process's memory, for the embedded database (one process at a time): O(1)
 * per request whatever the limit, and nothing to ask over a network. Windows start at the
 * first request of each rule.
 */
export function memoryRateLimitStore(): RateLimitStore {
  const rules = new Map<string, Windows>();
  const windowsOf = (name: string) => {
    let w = rules.get(name);
    if (!w) rules.set(name, (w = { start: 0, current: new Map(), previous: new Map() }));
    return w;
  };
  return {
    kind: "memory",
    hit(rule: RateLimitRule, key: string, now: number): Promise<Verdict> {
      const w = windowsOf(rule.name);
      if (now - w.start >= rule.windowMs) {
        // Two windows on, the previous one no longer overlaps at all.
        w.previous = now - w.start >= 2 * rule.windowMs ? new Map<string, number>() : w.current;
        w.current = new Map();
        w.start = now - ((now - w.start) % rule.windowMs);
      }
      const overlap = 1 - (now - w.start) / rule.windowMs;
      const used = (w.current.get(key) ?? 0) + (w.previous.get(key) ?? 0) * overlap;
      if (used >= rule.limit) {
        return Promise.resolve({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((rule.windowMs - (now - w.start)) / 1000)) });
      }
      w.current.set(key, (w.current.get(key) ?? 0) + 1);
      return Promise.resolve({ allowed: true });
    },
    close: () => Promise.resolve(),
  };
}
