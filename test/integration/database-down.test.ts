import { beforeAll, describe, expect, test } from "vitest";
import type { TcpRelay } from "../support/tcp-proxy";
import { postJson, relayedApp, type TestApp } from "../support/test-app";
import { hasPostgres } from "../support/databases";
import { errorOf } from "../support/answers";

describe.runIf(hasPostgres)("intake while the real Postgres is away", () => {
  const relayed = relayedApp();
  let t: TestApp;
  let proxy: TcpRelay;
  beforeAll(() => { ({ t, relay: proxy } = relayed); });

  test("answers 503 UNAVAILABLE quickly, then works again without a restart", async () => {
    const ticket = { email: "down@example.org", description: "Is the database there?" };
    expect((await postJson(t, "/api/v1/tickets", ticket)).status).toBe(201);

    await proxy.stop();
    const started = Date.now();
    const res = await postJson(t, "/api/v1/tickets", ticket);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    const body = await errorOf(res);
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
