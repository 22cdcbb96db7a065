import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { createPostgresDatabase, hasPostgres } from "../support/databases";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { postJson, startTestApp } from "../support/test-app";

const N = 400;

describe.runIf(hasPostgres)("the SLA watch in two server processes on one Postgres", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

  test("every warning and breach event is written exactly once", async () => {
    const db = await createPostgresDatabase();
    cleanups.push(db.drop);
    // Register tickets whose target and maximum lie in the past (received in March 2026).
    const seed = await startTestApp("postgres", { DATABASE_URL: db.url });
    seed.deps.now = () => new Date("2026-03-02T08:00:00Z");
    for (let i = 0; i < N; i += 50) {
      const batch = Array.from({ length: Math.min(50, N - i) }, (_, j) => postJson(seed, "/api/v1/tickets", { email: `w${i + j}@example.org`, description: `watch ${i + j}`, urgent: j % 7 === 0 }));
      expect((await Promise.all(batch)).every((r) => r.status === 201)).toBe(true);
    }
    await seed.close();

    const procs: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tidings-watch-${i}-`));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      procs.push(await startServerProcess({ DATABASE_URL: db.url, DATA_DIR: dataDir, SLA_WATCH_INTERVAL_MS: "50", LOG_LEVEL: "warn" }));
    }
    cleanups.push(async () => { for (const p of procs) await p.stop(); });

    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => sql.end());
    const counts = async () => {
      const rows = await sql<{ type: string; n: string; tickets: string }[]>`
        select type, count(*)::text as n, count(distinct ticket_id)::text as tickets
        from ticket_events where type in ('sla-warning', 'sla-breach') group by type order by type`;
      return Object.fromEntries(rows.map((r) => [r.type, { n: Number(r.n), tickets: Number(r.tickets) }]));
    };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const c = await counts();
      if (c["sla-warning"]?.n === N && c["sla-breach"]?.n === N) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let both processes run many more rounds over the finished work.
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of procs) expect(await p.stop()).toBe(0);

    expect(await counts()).toEqual({ "sla-breach": { n: N, tickets: N }, "sla-warning": { n: N, tickets: N } });
    const [alerts] = await sql<{ n: string }[]>`select count(*)::text as n from outbox where kind in ('sla-warning', 'sla-breach')`;
    expect(Number(alerts!.n)).toBe(2 * N);
  });
});
