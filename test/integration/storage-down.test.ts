import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as f from "../fixtures/files";
import { startS3Server } from "../support/s3-server";
import { startTcpProxy, type TcpRelay } from "../support/tcp-proxy";
import { adminHeaders, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

/** The S3 server goes away (a relay in front of it refuses every connection) and comes back. */
describe("requests while the object store is away", () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let relay: TcpRelay;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await startS3Server();
    const port = Number(new URL(s3.endpoint).port);
    relay = await startTcpProxy({ host: "127.0.0.1", port });
    t = await startTestApp("pglite", { ...s3.env, S3_ENDPOINT: `http://127.0.0.1:${relay.port}` });
  });
  afterAll(async () => {
    await t?.close();
    await relay?.close();
    await s3?.close();
  });

  const post = (name: string) => {
    const fd = new FormData();
    fd.set("email", "away@example.org");
    fd.set("description", "Is the storage there?");
    fd.append("attachments", new Blob([new Uint8Array(f.bigPng(2000 + Math.floor(Math.random() * 50_000)))], { type: "image/png" }), name);
    return t.app.request("/api/v1/tickets", { method: "POST", body: fd });
  };

  test("503 UNAVAILABLE with Retry-After and no internals, /readyz says so, and all works again when it is back", async () => {
    const first = await post("before.png");
    expect(first.status).toBe(201);
    const { tid } = await answerOf(first, ticketCreatedSchema);
    const view = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    const url = view.attachments[0]!.url;
    expect((await t.app.request("/readyz")).status).toBe(200);

    await relay.stop();
    for (const res of [await post("during.png"), await t.app.request(url, { headers: adminHeaders })]) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const body = await errorOf(res);
      expect(body.error.code).toBe("UNAVAILABLE");
      expect(body.error.message).toMatch(/file storage/);
      expect(JSON.stringify(body)).not.toMatch(/ECONN|S3|aws|stack|127\.0\.0\.1/i);
    }
    await new Promise((r) => setTimeout(r, 5100)); // past the cached success of the last probe
    const ready = await t.app.request("/readyz");
    expect(ready.status).toBe(503);
    expect((await errorOf(ready)).error.message).toMatch(/attachment storage/);
    expect((await t.app.request("/healthz")).status).toBe(200);
    expect(t.logs.join("")).toMatch(/storage unavailable/);
    expect(t.logs.join("")).not.toContain(s3.env.S3_SECRET_ACCESS_KEY!);

    await relay.start();
    expect((await post("after.png")).status).toBe(201);
    const download = await t.app.request(url, { headers: adminHeaders });
    expect(download.status).toBe(200);
    expect(await (await t.app.request("/readyz")).json()).toMatchObject({ status: "ready", database: "pglite", storage: "s3" });
  });
});
