import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPostgresDatabase, hasPostgres } from "../support/databases";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { awayFromWindowEdge } from "../support/rate-limit-window";

/**
 * Issue 17, acceptance 2 and 7: three server processes on one Postgres enforce one limit per
 * client, in Postgres or in Redis (REDIS_URL), and behind TRUST_PROXY what counts is the address
 * our proxy appended, not what the client wrote. The test plays the proxy: it sends the header a
 * proxy would, a client's forged entries first and the proxy's own entry at the right end.
 */
const LIMIT = 5;
const WINDOW_MS = 3600_000;
const LOGIN_LIMIT = 30;
const REDIS_URL = "redis://127.0.0.1:6379";

type Answer = { status: number; retryAfter: string | null; code: string | undefined };

async function send(p: ServerProcess, url: string, body: unknown, xff?: string): Promise<Answer> {
  const res = await fetch(`${p.url}${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(xff ? { "X-Forwarded-For": xff } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), code: json.error?.code };
}

const ticket = (p: ServerProcess, xff?: string, n = 0) => send(p, "/api/v1/tickets", { email: `flood${n}@example.org`, description: `ticket ${n}` }, xff);

/** Sends `n` tickets one after another, the i-th to `procs[i % procs.length]`; `xff(i)` is the header. */
async function roundRobin(procs: ServerProcess[], n: number, xff: (i: number) => string | undefined): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < n; i++) out.push(await ticket(procs[i % procs.length]!, xff(i), i));
  return out;
}

/** The limit as the client sees it: `LIMIT` tickets registered, every later one refused with RATE_LIMITED and Retry-After. */
function expectLimitAt(answers: Answer[], limit: number) {
  expect(answers.map((a) => a.status)).toEqual(answers.map((_, i) => (i < limit ? 201 : 429)));
  for (const a of answers.slice(limit)) {
    expect(a.code).toBe("RATE_LIMITED");
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
}

const STORES = [
  { store: "postgres", env: (): Record<string, string> => ({}) },
  { store: "redis", env: (): Record<string, string> => ({ REDIS_URL, REDIS_KEY_PREFIX: `tidings-test-${randomBytes(6).toString("hex")}:` }) },
];

describe.runIf(hasPostgres)("one rate limit across three server processes", () => {
  describe.each(STORES)("counted in $store", ({ store, env }) => {
    const cleanups: (() => Promise<unknown> | void)[] = [];
    const procs: ServerProcess[] = [];
    let sql: postgres.Sql;
    let prefix: string | undefined;
    beforeAll(async () => {
      const db = await createPostgresDatabase();
      cleanups.push(db.drop);
      const extra = env();
      prefix = extra.REDIS_KEY_PREFIX;
      const started = await Promise.all([0, 1, 2].map(async (i) => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tidings-limit-${i}-`));
        cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
        return startServerProcess({
          DATABASE_URL: db.url, DATA_DIR: dataDir, JOBS: "off", LOG_LEVEL: "warn", TRUST_PROXY: "true",
          INTAKE_RATE_LIMIT: String(LIMIT), INTAKE_RATE_WINDOW_SECONDS: String(WINDOW_MS / 1000), ...extra,
        });
      }));
      procs.push(...started);
      cleanups.push(async () => { for (const p of procs) await p.stop(); });
      sql = postgres(db.url, { max: 1, onnotice: () => {} });
      cleanups.push(() => sql.end());
    }, 120_000);
    afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

    test("a client sending round-robin over three processes is refused at the same count as with one", async () => {
      await awayFromWindowEdge(WINDOW_MS, 60_000);
      // One process alone: the baseline.
      expectLimitAt(await roundRobin([procs[0]!], LIMIT + 3, () => "203.0.113.1"), LIMIT);
      // All three in turn: the same count, and then every one of them refuses.
      expectLimitAt(await roundRobin(procs, LIMIT + 3, () => "203.0.113.2"), LIMIT);
      // Without any header the socket's peer is the client: the same again.
      expectLimitAt(await roundRobin(procs, LIMIT + 3, () => undefined), LIMIT);
    });

    test("TRUST_PROXY: forged X-Forwarded-For entries left of the proxy's change nothing; the proxy's entry counts per client", async () => {
      await awayFromWindowEdge(WINDOW_MS, 60_000);
      const forged = (i: number) => `10.${i}.0.1, 192.0.2.${i}, 172.16.${i}.9, 203.0.113.3`;
      expectLimitAt(await roundRobin(procs, 4 * LIMIT, forged), LIMIT);
      // Another client behind the same proxy (another right end) has its own count.
      expect((await roundRobin(procs, LIMIT, (i) => `10.${i}.0.1, 203.0.113.4`)).map((a) => a.status)).toEqual(new Array<number>(LIMIT).fill(201));
    });

    test("the sign-in limit is shared too", async () => {
      await awayFromWindowEdge(60_000, 25_000);
      const attempts: Answer[] = [];
      for (let i = 0; i <= LOGIN_LIMIT + 2; i++) {
        attempts.push(await send(procs[i % 3]!, "/api/v1/auth/login", { email: "nobody@example.org", password: `guess-${i}` }, "203.0.113.5"));
      }
      expect(attempts.slice(0, LOGIN_LIMIT).every((a) => a.status === 401 && a.code === "INVALID_CREDENTIALS")).toBe(true);
      expect(attempts.slice(LOGIN_LIMIT).map((a) => [a.status, a.code])).toEqual([[429, "RATE_LIMITED"], [429, "RATE_LIMITED"], [429, "RATE_LIMITED"]]);
    });

    test(`the counts are in ${store}`, async () => {
      const [rows] = await sql<{ n: string }[]>`select count(*)::text as n from rate_limit_windows`;
      if (store === "postgres") {
        expect(Number(rows!.n)).toBeGreaterThan(0);
        return;
      }
      expect(Number(rows!.n)).toBe(0);
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}rl:*`);
        expect(keys.length).toBeGreaterThan(0);
        await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    });
  });
});
