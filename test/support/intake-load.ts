import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { png } from "../fixtures/files";
import { createPostgresDatabase } from "./databases";
import { startServerProcess, type ServerProcess } from "./server-process";
import { startTcpProxy, type TcpRelay } from "./tcp-proxy";

/** What one request got: an HTTP status, or the transport error when there was no answer at all. */
export interface Outcome { status: number | string; ms: number; at: number; body?: string }

/** A real server process whose only way to its (fresh) Postgres database is a relay the test controls. */
export async function startServerBehindRelay(env: Record<string, string> = {}) {
  const db = await createPostgresDatabase();
  const url = new URL(db.url);
  const relay = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  const direct = db.url;
  url.host = `127.0.0.1:${relay.port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-faults-"));
  let server: ServerProcess | null = null;
  const cleanup = async () => {
    await server?.stop("SIGKILL");
    await relay.close();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServerProcess({
      DATABASE_URL: url.toString(), DATA_DIR: dataDir, INTAKE_RATE_LIMIT: "1000000", LOG_LEVEL: "warn", ...env,
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { server, relay: relay as TcpRelay, databaseName: url.pathname.slice(1), directUrl: direct, cleanup };
}

/** One intake request, JSON or multipart with a screenshot; never throws, never waits over 20 s. */
export async function postTicket(baseUrl: string, i: number, kind: "json" | "multipart"): Promise<Outcome> {
  const started = Date.now();
  const description = `Fault test ticket ${i}`;
  const email = `fault${i}@kunde.example`;
  let body: BodyInit;
  const headers: Record<string, string> = { "Idempotency-Key": `fault-test-key-${i}-${started}` };
  if (kind === "json") {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify({ email, description });
  } else {
    const fd = new FormData();
    fd.set("email", email);
    fd.set("description", description);
    fd.append("attachments", new Blob([new Uint8Array(png())], { type: "image/png" }), "shot.png");
    body = fd;
  }
  try {
    const res = await fetch(`${baseUrl}/api/v1/tickets`, { method: "POST", headers, body, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    return { status: res.status, ms: Date.now() - started, at: Date.now(), body: res.status === 201 ? undefined : text };
  } catch (e) {
    return { status: `no answer: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}`, ms: Date.now() - started, at: Date.now() };
  }
}

/**
 * `concurrency` clients, each posting tickets back to back (JSON and multipart in turn) until
 * `stop()` is called; bounded so a broken server cannot make the test run away.
 */
export function intakeLoad(baseUrl: string, concurrency: number, maxRequests: number) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped && n < maxRequests) {
      const i = n++;
      outcomes.push(await postTicket(baseUrl, i, i % 2 ? "multipart" : "json"));
    }
  };
  const running = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    outcomes,
    async stop() {
      stopped = true;
      await running;
      return outcomes;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts outcomes by status, for assertion messages that say what happened. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const o of outcomes) t[String(o.status)] = (t[String(o.status)] ?? 0) + 1;
  return t;
}
