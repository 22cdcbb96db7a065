import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { count } from "drizzle-orm";
import { tickets } from "../../server/db/schema";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";
import type { ErrorBody } from "../../shared/error-codes";
import type { TicketCreated } from "../../shared/api/tickets";

const valid = { email: "socket@example.org", description: "The export button does nothing.", edition: "cloud" };

/** One POST over a real socket; `chunked` sends no Content-Length, so only the received length can refuse it. */
function post(base: string, body: string, opts: { chunked?: boolean } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL("/api/v1/tickets", base);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!opts.chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(url, { method: "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    // The server may answer and close before it has read all of a refused body.
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e)));
    if (opts.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

// The JSON body of an intake is read straight from the Node request (server/http/node-body.ts),
// which app.request() never reaches: these go through a real HTTP server.
describe.each(drivers())("ticket registration as JSON over a real socket on %s", (driver) => {
  let t: TestApp;
  let base = "";
  let close = (): void => {};
  beforeAll(async () => {
    t = await startTestApp(driver);
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => { close(); await t?.close(); });

  const stored = async () => (await t.deps.db.select({ n: count() }).from(tickets))[0]!.n;

  test("a valid body, with and without Content-Length, is registered", async () => {
    for (const chunked of [false, true]) {
      const res = await post(base, JSON.stringify({ ...valid, subject: `chunked ${chunked}` }), { chunked });
      expect(res.status).toBe(201);
      expect((JSON.parse(res.body) as TicketCreated).tid).toMatch(/^\d+$/);
    }
  });

  test("a body over 3 MiB is refused with PAYLOAD_TOO_LARGE, declared or not, and nothing is stored", async () => {
    const before = await stored();
    const huge = JSON.stringify({ ...valid, description: "x".repeat(3 * 1024 * 1024 + 10) });
    for (const chunked of [false, true]) {
      const res = await post(base, huge, { chunked });
      expect(res.status).toBe(413);
      expect((JSON.parse(res.body) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    }
    expect(await stored()).toBe(before);
  });

  test("a body that is not JSON is a VALIDATION_FAILED, not a 5xx", async () => {
    const res = await post(base, "{\"email\": ");
    expect(res.status).toBe(422);
    expect((JSON.parse(res.body) as ErrorBody).error).toMatchObject({ code: "VALIDATION_FAILED", field: "body" });
  });
});
