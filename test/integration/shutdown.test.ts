import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { bigPng } from "../fixtures/files";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { createPostgresDatabase, drivers, type Driver } from "../support/databases";

/**
 * The graceful stop (server/shutdown.ts) of the real server, compiled as `npm start` runs it:
 * SIGTERM while uploads are on the wire lets each finish, refuses new connections, and leaves no
 * temporary file; a client that never finishes is cut off at the grace deadline.
 */
const dirs: string[] = [];
const undo: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const u of undo) await u();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const BOUNDARY = "----tidings-shutdown-test";
const MiB = 1024 * 1024;

async function start(driver: Driver, env: Record<string, string> = {}): Promise<{ server: ServerProcess; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-shutdown-"));
  dirs.push(dataDir);
  const db = driver === "postgres" ? await createPostgresDatabase() : null;
  if (db) undo.push(db.drop);
  const server = await startServerProcess({ DATA_DIR: dataDir, INTAKE_RATE_LIMIT: "1000", ...(db ? { DATABASE_URL: db.url } : {}), ...env }, { compiled: true });
  undo.push(async () => void (await server.stop("SIGKILL")));
  return { server, dataDir };
}

/** A multipart ticket with one PNG of `bytes` bytes (each size makes different content). */
function uploadBody(i: number, bytes: number): Buffer {
  const text = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return Buffer.concat([
    Buffer.from(
      text("email", `upload-${i}@example.com`) + text("description", `Upload ${i} during a stop.`) +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="shot-${i}.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bigPng(bytes),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

interface Upload {
  /** Writes the rest of the body in chunks. */
  finish(): Promise<void>;
  response: Promise<{ status: number; connection: string | undefined; body: string }>;
}

/** A POST whose first `sentBytes` are written now, the rest when `finish` is called. */
function beginUpload(url: string, body: Buffer, sentBytes: number): Upload {
  const req = http.request(`${url}/api/v1/tickets`, {
    method: "POST",
    agent: false,
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": String(body.length) },
  });
  const response = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
    });
    req.on("error", reject);
  });
  req.write(body.subarray(0, sentBytes));
  return {
    response,
    async finish() {
      const chunk = 256 * 1024;
      for (let at = sentBytes; at < body.length; at += chunk) {
        await new Promise<void>((r) => req.write(body.subarray(at, at + chunk), () => r()));
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    },
  };
}

async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : NaN;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the error code of a connection attempt, or "connected" (then closed). */
function connectOutcome(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(port), hostname);
    s.once("connect", () => { s.destroy(); resolve("connected"); });
    s.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
  });
}

/** Every file under DATA_DIR that is neither the database, the secret key nor a stored blob: a temporary file left behind. */
function strayFiles(dataDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const rel = path.relative(dataDir, p);
      if (e.isDirectory()) {
        if (rel !== "pglite") walk(p);
      } else if (rel !== "secret.key" && !/^attachments\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(rel.split(path.sep).join("/"))) out.push(rel);
    }
  };
  walk(dataDir);
  return out;
}

describe.each(drivers())("graceful stop on %s", (driver) => {
  test("SIGTERM during 20 uploads: each is answered 201, new connections are refused, the process exits 0 and leaves no temporary file", async () => {
    const { server, dataDir } = await start(driver);
    const bodies = Array.from({ length: 20 }, (_, i) => uploadBody(i, 3 * MiB + i * 1024));
    const uploads = bodies.map((b) => beginUpload(server.url, b, MiB));
    // All 20 received (headers read, body coming) before the signal; the /metrics request itself is the 21st.
    await until("20 uploads in flight", async () => (await gauge(server.url, "tidings_http_requests_in_flight")) >= 21);

    const exited = server.stop("SIGTERM");
    await server.waitForOutput(/stopping: finishing the requests in flight/);
    await until("the listener to close", async () => (await connectOutcome(server.url)) === "ECONNREFUSED");
    expect(server.proc.exitCode).toBeNull();

    await Promise.all(uploads.map((u) => u.finish()));
    const answers = await Promise.all(uploads.map((u) => u.response));
    expect(answers.map((a) => a.status), answers.find((a) => a.status !== 201)?.body).toEqual(answers.map(() => 201));
    // Answered while stopping: the connection is not kept for another request.
    expect(answers.every((a) => a.connection === "close")).toBe(true);
    expect(await exited).toBe(0);
    expect(server.output()).toMatch(/"clean":true/);
    expect(strayFiles(dataDir)).toEqual([]);
  });

  test("a client that never finishes its upload is cut off at the grace deadline; idle keep-alive connections are closed at once", async () => {
    const { server } = await start(driver, { SHUTDOWN_GRACE_MS: "1500" });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idle = await new Promise<net.Socket>((resolve, reject) => {
      http.get(`${server.url}/healthz`, { agent }, (res) => {
        const socket = res.socket;
        res.resume();
        res.on("end", () => resolve(socket));
      }).on("error", reject);
    });
    const events: string[] = [];
    idle.once("close", () => events.push("idle connection closed"));
    const stuck = beginUpload(server.url, uploadBody(99, 2 * MiB), MiB);
    const stuckOutcome = stuck.response.then((r) => `answered ${r.status}`, (e: NodeJS.ErrnoException) => `cut off (${e.code ?? e.message})`);
    await until("the upload in flight", async () => (await gauge(server.url, "tidings_http_requests_in_flight")) >= 2);

    const code = await server.stop("SIGTERM").then((c) => (events.push("exited"), c));
    // Idle: closed as the stop began, long before the deadline let the process go.
    expect(events).toEqual(["idle connection closed", "exited"]);
    expect(await stuckOutcome).toMatch(/^cut off/);
    // Something had to be cut: not a clean stop.
    expect(code).toBe(1);
    expect(server.output()).toMatch(/grace period over/);
    agent.destroy();
  });
});

test("with SHUTDOWN_DELAY_MS the stopping server still answers, /readyz with 503 and every response closing its connection; a second signal (not the same one twice) exits at once", async () => {
  const { server } = await start("pglite", { SHUTDOWN_DELAY_MS: "60000" });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  // Twice at once, as npm forwarding a terminal's Ctrl-C or systemd signalling every process of
  // the unit sends it: one stop.
  server.proc.kill("SIGTERM");
  server.proc.kill("SIGTERM");
  await server.waitForOutput(/stopping: finishing the requests in flight/);
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(ready.headers.get("connection")).toBe("close");
  expect(((await ready.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(server.proc.exitCode).toBeNull();
  // The operator asking again, later: no more waiting.
  await new Promise((r) => setTimeout(r, 1100));
  expect(await server.stop("SIGTERM")).toBe(1);
  expect(server.output()).toMatch(/second signal/);
});
