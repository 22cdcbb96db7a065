import { describe, expect, test } from "vitest";
import { forwardedClient } from "../../server/http/client-address";
import { loadConfig } from "../../server/config";
import { windowAt } from "../../server/rate-limit/store";

/** TRUST_PROXY = N: the address the farthest of our N proxies appended, never what the client wrote. */
describe("the client address behind trusted proxies", () => {
  test("one hop takes the right end, whatever the client put to its left", () => {
    expect(forwardedClient("203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwardedClient("1.2.3.4, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwardedClient("1.2.3.4,5.6.7.8,  203.0.113.9 ", 1)).toBe("203.0.113.9");
    // Two headers arrive joined with ", ": the proxy's entry is still the last.
    expect(forwardedClient("evil, also-evil, 203.0.113.9", 1)).toBe("203.0.113.9");
  });

  test("N hops skip the N-1 entries our inner proxies appended (Express's trust proxy = N)", () => {
    // client → CDN (appends the client) → nginx (appends the CDN) → us
    expect(forwardedClient("1.2.3.4, 203.0.113.9, 198.51.100.1", 2)).toBe("203.0.113.9");
    expect(forwardedClient("1.2.3.4, 203.0.113.9, 198.51.100.1, 198.51.100.2", 3)).toBe("203.0.113.9");
    expect(forwardedClient("203.0.113.9, 198.51.100.1", 2)).toBe("203.0.113.9");
  });

  test("a header shorter than the chain gives its leftmost entry: every entry was written by a proxy of ours", () => {
    expect(forwardedClient("203.0.113.9", 2)).toBe("203.0.113.9");
    expect(forwardedClient("203.0.113.9, 198.51.100.1", 5)).toBe("203.0.113.9");
  });

  test("no header, or an entry that is no address, falls back to the socket's peer (null)", () => {
    expect(forwardedClient(undefined, 1)).toBeNull();
    expect(forwardedClient("", 1)).toBeNull();
    expect(forwardedClient("1.2.3.4, unknown", 1)).toBeNull();
    expect(forwardedClient("1.2.3.4,", 1)).toBeNull();
    expect(forwardedClient("1.2.3.4, 999.1.1.1", 1)).toBeNull();
    expect(forwardedClient(",203.0.113.9", 2)).toBeNull();
    expect(forwardedClient("203.0.113.9, , 198.51.100.1", 2)).toBeNull();
  });

  test("the same client is one key however its proxy writes the address", () => {
    expect(forwardedClient("x, 203.0.113.9:52100", 1)).toBe("203.0.113.9");
    expect(forwardedClient("x, ::ffff:203.0.113.9", 1)).toBe("203.0.113.9");
    expect(forwardedClient("x, 2001:DB8::1", 1)).toBe("2001:db8::1");
    expect(forwardedClient("x, [2001:db8::1]:443", 1)).toBe("2001:db8::1");
    expect(forwardedClient("x, [2001:db8::1]", 1)).toBe("2001:db8::1");
  });

  test("a long forged header costs no more than its last entries", () => {
    const forged = Array.from({ length: 2000 }, (_, i) => `10.${i % 250}.0.1`).join(", ");
    expect(forwardedClient(`${forged}, 203.0.113.9`, 1)).toBe("203.0.113.9");
  });
});

describe("TRUST_PROXY and REDIS_URL", () => {
  test.each([["false", 0], ["true", 1], ["0", 0], ["1", 1], ["3", 3], [undefined, 0]] as const)("TRUST_PROXY=%s trusts %i proxies", (value, hops) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(hops);
  });

  test.each(["yes", "-1", "1.5", "100", "TRUE"])("TRUST_PROXY=%s is refused with the rule and the value", (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(`Invalid configuration: TRUST_PROXY must be false, true (one proxy in front) or the number of proxies in front (0-99) (got "${value}")`);
  });

  test("REDIS_URL takes redis:// or rediss:// and is never echoed", () => {
    expect(loadConfig({ REDIS_URL: "rediss://:pw@cache.internal:6380/2" }).redis).toEqual({ url: "rediss://:pw@cache.internal:6380/2", keyPrefix: "tidings:" });
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: "desk-b:" }).redis?.keyPrefix).toBe("desk-b:");
    expect(loadConfig({}).redis).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: "http://:hunter2@cache" })).toThrow(/^Invalid configuration: REDIS_URL must start with redis:\/\/ or rediss:\/\/$/);
  });
});

describe("the shared stores' windows", () => {
  test("count from the epoch, weight the previous window by its overlap, and say when this one ends", () => {
    expect(windowAt(120_000, 60_000)).toEqual({ index: 2, previousWeight: 1, retryAfterSeconds: 60 });
    expect(windowAt(135_000, 60_000)).toEqual({ index: 2, previousWeight: 0.75, retryAfterSeconds: 45 });
    expect(windowAt(179_999, 60_000)).toMatchObject({ index: 2, retryAfterSeconds: 1 });
  });
});
