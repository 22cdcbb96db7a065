import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createPostgresDatabase, hasPostgres } from "../support/databases";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { startSmtpSink } from "../support/smtp-sink";
import { undoAfterAll } from "../support/undo";

const OUTAGE_MS = 60_000;

describe.runIf(hasPostgres)("acknowledgements survive a mail server outage and a killed process", () => {
  const cleanups = undoAfterAll();

  test("the SMTP sink is down for 60 s while 100 tickets are registered; every acknowledgement arrives exactly once", async () => {
    const sink = await startSmtpSink();
    await sink.stop();
    const downSince = Date.now();
    cleanups.push(() => sink.stop());
    const db = await createPostgresDatabase();
    cleanups.push(db.drop);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-outage-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: db.url, DATA_DIR: dataDir, SMTP_URL: sink.url, MAIL_FROM: "support@tidings.test", INTAKE_RATE_LIMIT: "100000",
      OUTBOX_INTERVAL_MS: "200", OUTBOX_BACKOFF_MS: "500", OUTBOX_BACKOFF_MAX_MS: "4000", LOG_LEVEL: "warn",
    };
    const register = async (server: ServerProcess, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const res = await fetch(`${server.url}/api/v1/tickets`, {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email: `outage${i}@kunde.example`, description: `Outage ticket ${i}` }),
        });
        expect(res.status).toBe(201);
      }
    };

    const first = await startServerProcess(env);
    await register(first, 0, 50);
    // Killed without a chance to clean up: leases, half-sent mail and all.
    expect(await first.stop("SIGKILL")).toBeNull();
    const second = await startServerProcess(env);
    cleanups.push(() => second.stop());
    await register(second, 50, 100);
    expect(sink.received).toHaveLength(0);

    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downSince))));
    await sink.start();
    // Rows the killed process had claimed come back when its 60 s lease runs out.
    await sink.waitFor((all) => new Set(all.map((x) => x.to && JSON.stringify(x.to))).size >= 100, 120_000);
    // Give both processes' retries time to send anything twice, if they were going to.
    await new Promise((r) => setTimeout(r, 3000));

    const recipients = sink.received.map((x) => (Array.isArray(x.to) ? x.to[0] : x.to)!.value[0]!.address);
    expect(recipients).toHaveLength(100);
    expect(new Set(recipients).size).toBe(100);
    expect(sink.received.every((x) => /\[TID#\d+\]/.test(x.subject ?? ""))).toBe(true);
    expect(new Set(sink.received.map((x) => x.messageId)).size).toBe(100);
  }, 300_000);
});
