import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import nodemailer from "nodemailer";
import { afterAll, expect, test } from "vitest";
import { freePort, startServerProcess } from "../support/server-process";
import { answerOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { staleReason } from "../../server/compile.mjs";

/**
 * The server as `npm start` runs it: server/start.mjs compiles dist/server/ when stale and runs
 * the bundle with plain node. What only the bundle can get wrong: the files read beside the
 * sources (migrations, the help pages' CSS), the packages kept external (PGlite's wasm,
 * node-unrar-js), the mail parse worker (its own bundle) and the admin CLI.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-compiled-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const isStale = staleReason;

test("the compiled server starts on a fresh data directory, answers /readyz, takes a ticket by API and by mail, and serves the help pages", async () => {
  const smtpPort = await freePort();
  const server = await startServerProcess(
    { DATA_DIR: dataDir, SMTP_INBOUND_PORT: String(smtpPort), MAIL_PARSE_WORKERS: "1", MAIL_FROM: "support@compiled.example" },
    { compiled: true },
  );
  try {
    // It is the bundle that runs, and it matches its sources.
    expect(isStale()).toBeNull();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "pglite" });
    expect(server.output()).toMatch(/"msg":"started"/);

    const ticket = await fetch(`${server.url}/api/v1/tickets`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "compiled@example.org", description: "Registered by the compiled server." }),
    });
    expect(ticket.status).toBe(201);
    expect((await answerOf(ticket, ticketCreatedSchema)).tid).toBeTruthy();

    // Parsed on the worker thread (dist/server/parse-worker.js) and stored as a ticket.
    const mail = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true });
    const sent = await mail.sendMail({ from: "sender@example.org", to: "support@compiled.example", subject: "By mail", text: "Mail to the compiled server." });
    expect(sent.response).toMatch(/^250/);
    mail.close();

    // Its CSS is read from ui/ and web/ by a path relative to the source (server/http/help/style.ts).
    const css = await fetch(`${server.url}/help/help.css`);
    expect(css.status).toBe(200);
    expect((await css.text()).length).toBeGreaterThan(1000);
    expect(await server.stop("SIGTERM")).toBe(0);
  } finally {
    await server.stop("SIGKILL");
  }
});

test("the admin CLI runs compiled (`npm run tidings` is server/start.mjs cli)", () => {
  const r = spawnSync(process.execPath, ["server/start.mjs", "cli", "sla", "due", "--from", "2026-03-02T09:00:00Z", "--business-hours", "16"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATA_DIR: dataDir },
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.stdout.trim()).toBe("2026-03-03T16:00:00Z");
  expect(r.status).toBe(0);
});

test("a changed source makes the build stale, and the same stats make it current again", () => {
  expect(isStale()).toBeNull();
  const file = path.join(ROOT, "server/runtime.ts");
  const st = fs.statSync(file);
  try {
    fs.utimesSync(file, st.atime, new Date(st.mtimeMs + 1000));
    expect(isStale()).toBe("server/runtime.ts changed");
  } finally {
    fs.utimesSync(file, st.atimeMs / 1000, st.mtimeMs / 1000);
  }
  expect(isStale()).toBeNull();
});
