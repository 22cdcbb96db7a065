import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relayedDatabase, type TcpRelay } from "../support/tcp-proxy";
import { postJson, startTestApp, type TestApp } from "../support/test-app";

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === "true";

describe.runIf(hasPostgres)("intake while the real Postgres is away", () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof relayedDatabase>>;
  let proxy: TcpRelay;

  beforeAll(async () => {
    db = await relayedDatabase();
    proxy = db.relay;
    t = await startTestApp("postgres", { DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  test("answers 503 UNAVAILABLE quickly, then works again without a restart", async () => {
    const ticket = { email: "down@example.org", description: "Is the database there?" };
    expect((await postJson(t, "/api/v1/tickets", ticket)).status).toBe(201);

    await proxy.stop();
    const started = Date.now();
    const res = await postJson(t, "/api/v1/tickets", ticket);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    const body = await res.json();
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(JSON.stringify(body)).not.toMatch(/ECONN|postgres|stack/i);
    expect((await t.app.request("/readyz")).status).toBe(503);
    expect((await t.app.request("/healthz")).status).toBe(200);

    await proxy.start();
    let status = 0;
    for (let i = 0; i < 20 && status !== 201; i++) {
      status = (await postJson(t, "/api/v1/tickets", ticket)).status;
      if (status !== 201) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(201);
    expect((await t.app.request("/readyz")).status).toBe(200);
  });
});
