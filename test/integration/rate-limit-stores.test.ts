import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasPostgres } from "../support/databases";
import { freePort } from "../support/server-process";
import { startTcpProxy, type TcpRelay } from "../support/tcp-proxy";
import { postJson, relayedApp, startTestApp, type TestApp } from "../support/test-app";
import { errorOf } from "../support/answers";
import { awayFromWindowEdge } from "../support/rate-limit-window";
import type { RateLimitRule } from "../../server/rate-limit/store";

/** The machine's Redis (CI runs one); each app here counts under its own key prefix. */
const REDIS = { host: "127.0.0.1", port: 6379 };
const prefix = () => `tidings-test-${randomBytes(6).toString("hex")}:`;
const W = 60_000;
/** A window start in the future of every other test's keys (Postgres: each file has its own database anyway). */
const T = (Math.floor(Date.now() / W) + 1000) * W;
const rule = (name: string, limit: number): RateLimitRule => ({ name, limit, windowMs: W });

async function storeErrors(t: TestApp, store: string): Promise<number> {
  return (await t.deps.metrics.rateLimitStoreErrors.get()).values.find((v) => v.labels.store === store)?.value ?? 0;
}

/** What the limiter of `t` answers to `n` hits at once. */
async function allowedOf(t: TestApp, r: RateLimitRule, key: string, now: number, n: number): Promise<number> {
  const verdicts = await Promise.all(Array.from({ length: n }, () => t.deps.rateLimits.hit(r, key, now)));
  return verdicts.filter((v) => v.allowed).length;
}

const stores = [
  { kind: "memory", env: (): Record<string, string> => ({}), driver: "pglite" as const, shared: false },
  { kind: "postgres", env: (): Record<string, string> => ({}), driver: "postgres" as const, shared: true },
  { kind: "redis", env: (): Record<string, string> => ({ REDIS_URL: `redis://${REDIS.host}:${REDIS.port}`, REDIS_KEY_PREFIX: prefix() }), driver: "pglite" as const, shared: true },
].filter((s) => !s.shared || hasPostgres);

describe.each(stores)("the $kind rate-limit store", ({ kind, env, driver }) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver, env()); });
  afterAll(async () => { await t?.close(); });

  test("is the one bootstrap chose", () => {
    expect(t.deps.rateLimits.kind).toBe(kind);
  });

  test("lets exactly the limit through when the hits come all at once", async () => {
    expect(await allowedOf(t, rule("burst", 10), "198.51.100.1", T, 40)).toBe(10);
    expect(await allowedOf(t, rule("burst", 10), "198.51.100.1", T + 1000, 5)).toBe(0);
  });

  test("slides: the previous window counts by its overlap, refused hits do not count, and Retry-After is the window's end", async () => {
    const r = rule("slide", 10);
    expect(await allowedOf(t, r, "198.51.100.2", T, 10)).toBe(10);
    expect(await t.deps.rateLimits.hit(r, "198.51.100.2", T)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await allowedOf(t, r, "198.51.100.2", T + 1000, 20)).toBe(0);
    // Half-way through the next window the 10 of the last weigh 5 (the 21 refused weigh nothing).
    expect(await allowedOf(t, r, "198.51.100.2", T + W + W / 2, 8)).toBe(5);
    expect(await t.deps.rateLimits.hit(r, "198.51.100.2", T + W + W / 2)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // Two windows on nothing is left of the first.
    expect(await allowedOf(t, r, "198.51.100.2", T + 3 * W, 12)).toBe(10);
  });

  test("each limit and each address counts apart", async () => {
    expect(await allowedOf(t, rule("apart-a", 3), "198.51.100.3", T, 5)).toBe(3);
    expect(await allowedOf(t, rule("apart-b", 3), "198.51.100.3", T, 5)).toBe(3);
    expect(await allowedOf(t, rule("apart-a", 3), "198.51.100.4", T, 5)).toBe(3);
    expect(await allowedOf(t, rule("apart-a", 3), "2001:db8::4", T, 5)).toBe(3);
  });
});

/** Until the limiter answers from its store again: a hit on a fresh key that adds no store error. */
async function untilStoreAnswers(t: TestApp, store: string) {
  const end = Date.now() + 20_000;
  for (let i = 0; ; i++) {
    const before = await storeErrors(t, store);
    await t.deps.rateLimits.hit(rule("probe", 100), `probe-${i}`, Date.now());
    if ((await storeErrors(t, store)) === before) return;
    if (Date.now() > end) throw new Error(`the ${store} store did not come back`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(hasPostgres)("when Redis is away the limits let requests through, counted and logged, and come back with it", () => {
  let relay: TcpRelay;
  let t: TestApp;
  beforeAll(async () => {
    relay = await startTcpProxy(REDIS);
    t = await startTestApp("pglite", { REDIS_URL: `redis://127.0.0.1:${relay.port}`, REDIS_KEY_PREFIX: prefix(), INTAKE_RATE_LIMIT: "2" });
  });
  afterAll(async () => {
    await t?.close();
    await relay?.close();
  });

  test("Redis stopped: tickets are registered (201, never 500), each unchecked request is counted, one warning is logged", async () => {
    const before = await storeErrors(t, "redis");
    await relay.stop();
    for (let i = 0; i < 4; i++) expect((await postJson(t, "/api/v1/tickets", { email: `away${i}@example.org`, description: "Redis is away" })).status).toBe(201);
    expect(await storeErrors(t, "redis")).toBe(before + 4);
    expect(t.logs.filter((l) => l.includes("rate limit store failed")).length).toBe(1);

    await relay.start();
    await untilStoreAnswers(t, "redis");
    await awayFromWindowEdge(W, 10_000);
    const key = { email: "back@example.org", description: "Redis is back" };
    expect((await postJson(t, "/api/v1/tickets", key)).status).toBe(201);
    expect((await postJson(t, "/api/v1/tickets", key)).status).toBe(201);
    const refused = await postJson(t, "/api/v1/tickets", key);
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).error.code).toBe("RATE_LIMITED");
  });

  test("a partition (nothing answers): each hit gives up, and once it heals the limiter counts again on a new connection", async () => {
    const before = await storeErrors(t, "redis");
    await relay.setMode("drop");
    expect(await allowedOf(t, rule("partition", 1), "198.51.100.5", Date.now(), 3)).toBe(3);
    expect(await storeErrors(t, "redis")).toBe(before + 3);

    await relay.setMode("pass");
    await untilStoreAnswers(t, "redis");
    expect(await allowedOf(t, rule("partition", 1), "198.51.100.6", Date.now(), 3)).toBe(1);
  });
});

describe("X-Forwarded-For and the address the limit counts (in one process)", () => {
  const post = (t: TestApp, xff?: string) =>
    postJson(t, "/api/v1/tickets", { email: "xff@example.org", description: "who is this" }, xff ? { "X-Forwarded-For": xff } : {});

  test("without TRUST_PROXY the header is ignored: changing it does not buy more tickets", async () => {
    const t = await startTestApp("pglite", { INTAKE_RATE_LIMIT: "3" });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(t, `10.0.0.${i}, 203.0.113.${i}`)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });

  test("with TRUST_PROXY=1 a forged left end changes nothing; the proxy's right end counts per client", async () => {
    const t = await startTestApp("pglite", { INTAKE_RATE_LIMIT: "3", TRUST_PROXY: "true" });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(t, `10.0.${i}.1, 10.1.${i}.1, 203.0.113.10`)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
      expect((await post(t, "10.9.9.9, 203.0.113.11")).status).toBe(201);
      // No header: the socket's peer, its own bucket.
      expect((await post(t)).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(hasPostgres)("a Redis that is not there at the start", () => {
  test("the server starts and lets requests through", async () => {
    const t = await startTestApp("pglite", { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, INTAKE_RATE_LIMIT: "1" });
    try {
      for (let i = 0; i < 3; i++) expect((await postJson(t, "/api/v1/tickets", { email: "early@example.org", description: "no Redis yet" })).status).toBe(201);
      expect(await storeErrors(t, "redis")).toBe(3);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(hasPostgres)("when Postgres is away the limiter lets the request through to the database's own 503", () => {
  const r = relayedApp();

  test("the hit is let through and counted; the request is answered 503 UNAVAILABLE, not 429 or 500", async () => {
    const before = await storeErrors(r.t, "postgres");
    await r.relay.stop();
    try {
      expect(await allowedOf(r.t, rule("pg-away", 1), "198.51.100.7", Date.now(), 2)).toBe(2);
      expect(await storeErrors(r.t, "postgres")).toBe(before + 2);
      const res = await postJson(r.t, "/api/v1/tickets", { email: "pg-away@example.org", description: "Postgres is away" });
      expect(res.status).toBe(503);
      expect((await errorOf(res)).error.code).toBe("UNAVAILABLE");
    } finally {
      await r.relay.start();
    }
    await untilStoreAnswers(r.t, "postgres");
    expect(await allowedOf(r.t, rule("pg-away", 1), "198.51.100.8", Date.now(), 3)).toBe(1);
  });
});
