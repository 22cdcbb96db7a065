import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { png } from "../fixtures/files";
import { startServerProcess, type ServerProcess } from "./server-process";
import { relayedDatabase } from "./tcp-proxy";

/** What one request got: an HTTP status, or the transport error when there was no answer at all. */
export interface Outcome { status: number | string; ms: number; at: number; body?: string }

/** A real server process whose only way to its (fresh) Postgres database is a relay the test controls. */
export async function startServerBehindRelay(env: Record<string, string> = {}) {
  const db = await relayedDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-faults-"));
  let server: ServerProcess | null = null;
  const cleanup = async () => {
    await server?.stop("SIGKILL");
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServerProcess({
      DATABASE_URL: db.url, DATA_DIR: dataDir, INTAKE_RATE_LIMIT: "1000000", LOG_LEVEL: "warn", ...env,
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { server, relay: db.relay, databaseName: db.name, cleanup };
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
 * `stop()` is called or the server is gone; bounded so a broken server cannot make the test run away.
 */
export function intakeLoad(baseUrl: string, concurrency: number, maxRequests: number, alive: () => boolean = () => true) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  let n = 0;
  const worker = async () => {
    // A dead server would answer every request at once with a refusal: stop asking.
    while (!stopped && n < maxRequests && alive()) {
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
