import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { loadConfig, type Config } from "../../server/config";
import { buildDeps } from "../../server/bootstrap";
import { createApp, type App } from "../../server/app";
import { createLogger } from "../../server/log";
import type { Deps } from "../../server/deps";
import type { Database } from "../../server/db/client";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createPostgresDatabase, type Driver } from "./databases";
import { relayedDatabase, type TcpRelay } from "./tcp-proxy";
import { startS3Server } from "./s3-server";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestApp {
  app: App;
  deps: Deps;
  database: Database;
  dataDir: string;
  /** Every log line the app wrote, as text: tests assert that secrets never appear in it. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real app on a real database of the given driver, with its own data directory. With
 * `STORAGE: "s3"` in `env` and no bucket named, or TEST_STORAGE=s3 in the environment (to run any
 * suite on S3), it gets its own S3 server (test/support/s3-server.ts), closed with the app.
 */
export async function startTestApp(driver: Driver, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-test-"));
  const pg = driver === "postgres" && !env.DATABASE_URL ? await createPostgresDatabase() : null;
  const s3 = (env.STORAGE ?? process.env.TEST_STORAGE) === "s3" && !env.S3_BUCKET ? await startS3Server() : null;
  const config: Config = loadConfig({
    DATA_DIR: dataDir,
    TIDINGS_ADMIN_TOKEN: ADMIN_TOKEN,
    INTAKE_RATE_LIMIT: "100000",
    LOG_LEVEL: "info",
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...env,
    ...(s3 ? s3.env : {}),
  });
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } });
  const { deps, database } = await buildDeps(config, { log: createLogger("info", sink), inMemory: true });
  return {
    app: createApp(deps),
    deps,
    database,
    dataDir,
    logs,
    async close() {
      await database.close().catch(() => {});
      await pg?.drop().catch(() => {});
      await s3?.close().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const adminHeaders = { Authorization: `Bearer ${ADMIN_TOKEN}` };

// Hono types request() as `Response | Promise<Response>`; always a promise, so a batch of posts
// can go to Promise.all.
export function postJson(t: TestApp, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(t.app.request(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) }));
}

/** GET `url` with the admin token; the answer must be 200. */
export async function adminGet<T>(t: TestApp, url: string): Promise<T> {
  const r = await t.app.request(url, { headers: adminHeaders });
  expect(r.status).toBe(200);
  return r.json() as Promise<T>;
}

/**
 * A test app on a clock the test sets, for a describe block: started before its tests, closed
 * after them. `at` sets the clock, `advance` moves it on; the app's `deps.now` reads it.
 */
export function clockedApp(driver: Driver, startIso: string, env: Record<string, string> = {}) {
  let app: TestApp | undefined;
  let now = Date.parse(startIso);
  beforeAll(async () => {
    app = await startTestApp(driver, env);
    app.deps.now = () => new Date(now);
  });
  afterAll(async () => { await app?.close(); });
  return {
    get t(): TestApp {
      if (!app) throw new Error("the app starts in beforeAll");
      return app;
    },
    at: (iso: string) => { now = Date.parse(iso); },
    advance: (ms: number) => { now += ms; },
    now: () => new Date(now),
  };
}

/** A clockedApp whose clock is back at `startIso` when each test of the block starts. */
export function clockedAppFrom(driver: Driver, startIso: string, env: Record<string, string> = {}) {
  const clock = clockedApp(driver, startIso, env);
  beforeEach(() => clock.at(startIso));
  return clock;
}

/**
 * A Postgres test app whose connections pass through a relay the test can stop or cut, for a
 * describe block: started before its tests; closed, with its fresh database dropped, after them.
 */
export function relayedApp() {
  let app: TestApp | undefined;
  let db: Awaited<ReturnType<typeof relayedDatabase>> | undefined;
  beforeAll(async () => {
    db = await relayedDatabase();
    app = await startTestApp("postgres", { DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
  return {
    get t(): TestApp {
      if (!app) throw new Error("the app starts in beforeAll");
      return app;
    },
    get relay(): TcpRelay {
      if (!db) throw new Error("the relay starts in beforeAll");
      return db.relay;
    },
  };
}
