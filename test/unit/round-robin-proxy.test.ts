import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../support/server-process";
import { startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy";

/** A backend that answers what it saw: its name, the X-Forwarded-For it got and the body's length. */
async function echoBackend(name: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let bytes = 0;
    req.on("data", (d: Buffer) => (bytes += d.length));
    req.on("end", () => res.end(JSON.stringify({ name, xff: req.headers["x-forwarded-for"] ?? null, bytes })));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** The test support the cluster test relies on: it must be a load balancer, not a pass-through. */
describe("the round-robin proxy of the cluster test", () => {
  let proxy: RoundRobinProxy;
  let backends: { url: string; close(): Promise<void> }[];
  beforeAll(async () => {
    backends = [await echoBackend("a"), await echoBackend("b")];
    // The third address listens nowhere: a process that is down.
    proxy = await startRoundRobinProxy([...backends.map((b) => b.url), `http://127.0.0.1:${await freePort()}`]);
  });
  afterAll(async () => {
    await proxy.close();
    for (const b of backends) await b.close();
  });

  const get = async (headers: Record<string, string> = {}, body?: Buffer) => {
    const res = await fetch(proxy.url, { method: body ? "POST" : "GET", headers, body: body ? new Uint8Array(body) : undefined });
    return { status: res.status, backend: res.headers.get("x-test-backend"), body: (await res.json()) as { name?: string; xff?: string; bytes?: number; error?: { code: string } } };
  };

  test("sends each request to the next backend in turn; a refused connection is a 502", async () => {
    const seen = [await get(), await get(), await get(), await get()];
    expect(seen.map((s) => [s.status, s.backend])).toEqual([[200, "0"], [200, "1"], [502, "2"], [200, "0"]]);
    expect(seen[2]!.body.error?.code).toBe("BAD_GATEWAY");
  });

  test("a backend marked down is skipped until marked up", async () => {
    proxy.setDown(2, true);
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await get()).body.name);
    expect(new Set(names)).toEqual(new Set(["a", "b"]));
    proxy.setDown(2, false);
  });

  test("appends the client's address at the right end of X-Forwarded-For, and carries the body", async () => {
    proxy.setDown(2, true);
    const forged = await get({ "X-Forwarded-For": "203.0.113.7" }, Buffer.alloc(3 * 1024 * 1024, 1));
    expect(forged.body.xff).toBe("203.0.113.7, 127.0.0.1");
    expect(forged.body.bytes).toBe(3 * 1024 * 1024);
    expect((await get()).body.xff).toBe("127.0.0.1");
    proxy.setDown(2, false);
  });
});
