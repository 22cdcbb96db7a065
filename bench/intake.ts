import postgres from "postgres";
import { createApp } from "../server/app";
import { openDatabase } from "../server/db/client";
import { bareIntakeApp } from "./intake-baseline";
import { interleaved, roundSettings } from "./lib/interleave";
import { listen } from "./lib/http";
import { startLoadGenerator, type LoadRequest, type LoadResult } from "./lib/load";
import { createDatabase, postgresSetting, serverUrl } from "./lib/postgres";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";
import { cpuMeter } from "./lib/cpu";
import { serverDeps } from "./lib/server-deps";
import { goal, latencyMetrics, metricOf } from "./lib/results";
import { num } from "./lib/table";

const CONNECTIONS = 20;
/** Both sides get a pool of this size: the default of server/db/client.ts. */
const POOL = 10;
/**
 * Distinct requesters cycled through: enough that 20 concurrent requests rarely upsert one row, and
 * that no address gets more than the 10 acknowledgements in 10 minutes the per-recipient cap of
 * automatic mail allows (services/mail/outbox.ts), so both sides write one outbox row per ticket.
 */
const REQUESTERS = 20_000;

/**
 * JSON ticket registrations per second and latency (CONTRACT §8): our real POST /api/v1/tickets,
 * built by buildDeps like the server, against a bare Hono route doing the same INSERTs with
 * postgres.js (intake-baseline.ts). Each side has its own fresh database, migrated the same way,
 * so both write into tables that grew alike.
 */
export const intake = defineBenchmark({ name: "intake", summary: "JSON tickets/s and p50/p99 of POST /api/v1/tickets vs a bare Hono + postgres.js route", rounds: 5, seconds: 5 }, run);

/** What the figures are of: the same for every run. */
const LABELS = {
  title: "JSON ticket registrations",
  oursLabel: "POST /api/v1/tickets (createApp(buildDeps(loadConfig())), all middleware, LOG_LEVEL=warn)",
  baselineLabel: "bare Hono route, same INSERTs in one postgres.js transaction, no validation (bench/intake-baseline.ts)",
};

type Side = "ours" | "baseline";
type Stored = Awaited<ReturnType<typeof countRows>>;

async function run({ rounds, seconds, undo, problems }: RunScope): Promise<Measured> {
  const warmupSeconds = Math.min(seconds, 2);
  const oursDb = await createDatabase("intake_ours");
  undo.push(() => oursDb.drop());
  const bareDb = await createDatabase("intake_bare");
  undo.push(() => bareDb.drop());
  const { deps } = await serverDeps(undo, { DATABASE_URL: oursDb.url, INTAKE_RATE_LIMIT: "1000000000" });
  const ours = await listen(createApp(deps).fetch);
  undo.push(() => ours.close());

  // The same migrations, applied the same way as for ours.
  await (await openDatabase({ url: bareDb.url })).close();
  const sql = postgres(bareDb.url, { max: POOL, onnotice: () => {} });
  undo.push(() => sql.end({ timeout: 5 }));
  const bare = await listen(bareIntakeApp(sql).fetch);
  undo.push(() => bare.close());

  const load = startLoadGenerator();
  undo.push(() => load.close());
  const cpu = cpuMeter(serverUrl());
  undo.push(() => cpu.close());
  const cpuPerTicket = { ours: [] as { processUs: number; databaseUs: number }[], baseline: [] as { processUs: number; databaseUs: number }[] };

  const bodies = requestBodies(REQUESTERS);
  await expectCreated("ours", ours.url, bodies[0]!);
  await expectCreated("baseline (bench/intake-baseline.ts: in step with server/db/schema.ts?)", bare.url, bodies[0]!);
  const sent = { ours: 1, baseline: 1 };

  const request = (base: string, warmup: boolean): LoadRequest => ({
    url: `${base}/api/v1/tickets`,
    method: "POST",
    headers: { "content-type": "application/json" },
    bodies,
    connections: CONNECTIONS,
    seconds: warmup ? warmupSeconds : seconds,
  });
  const dbName = { ours: oursDb.name, baseline: bareDb.name };
  const measure = (side: Side, base: string) => async (warmup: boolean) => {
    const before = await cpu.read(dbName[side]);
    const r = await load.run(request(base, warmup));
    if (!warmup) cpuPerTicket[side].push(cpu.per(before, await cpu.read(dbName[side]), r.ok));
    sent[side] += r.ok;
    if (r.non2xx || r.errors) {
      problems.push(`${side}: ${r.non2xx} non-2xx responses and ${r.errors} errors (${r.timeouts} timeouts) in one round; first: ${r.firstFailure ?? "–"}`);
    }
    return r;
  };
  const runs = await interleaved("intake", { ours: measure("ours", ours.url), baseline: measure("baseline", bare.url) }, {
    rounds,
    pauseMs: 500,
    describe: (r: LoadResult) => `${num(r.okPerSecond)} tickets/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`,
  });

  const stored = { ours: await countRows(oursDb.url), baseline: await countRows(bareDb.url) };
  checkStored(stored, sent, problems);

  const metrics = [
    metricOf(runs, "ticketsPerSecond", "tickets/s", "", "higher", (r) => r.okPerSecond),
    ...latencyMetrics(runs),
    // Both sides run in this process, one at a time, so the process's CPU in a round is that side's.
    metricOf(cpuPerTicket, "serverCpu", "server CPU per ticket", "µs", "lower", (c) => Math.round(c.processUs)),
    metricOf(cpuPerTicket, "databaseCpu", "Postgres CPU per ticket", "µs", "lower", (c) => Math.round(c.databaseUs)),
    metricOf(cpuPerTicket, "totalCpu", "server + Postgres CPU per ticket", "µs", "lower", (c) => Math.round(c.processUs + c.databaseUs)),
  ];
  const goals = [goal(metrics, { text: "tickets/s ours/baseline ≥ 0.6", metric: "ticketsPerSecond", of: "ratio", atLeast: 0.6 })];
  return {
    ...LABELS,
    metrics,
    goals,
    settings: {
      connections: CONNECTIONS,
      ...roundSettings(rounds, seconds, warmupSeconds),
      distinctRequesters: REQUESTERS,
      bodyBytes: Math.round(bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / bodies.length),
      poolPerSide: POOL,
      loadGenerator: "autocannon in a child process",
      postgres: await postgresSetting(),
    },
    checks: { ticketsAnswered201: sent, rowsStored: stored },
  };
}

/** Every 201 must be a stored ticket, and both sides must have written the same rows per ticket. */
function checkStored(stored: Record<Side, Stored>, sent: Record<Side, number>, problems: string[]): void {
  for (const side of ["ours", "baseline"] as const) {
    const s = stored[side];
    if (s.tickets < sent[side]) problems.push(`${side}: ${sent[side]} tickets answered 201 but only ${s.tickets} stored`);
    if (s.outbox !== s.tickets || s.events !== s.tickets || s.messages !== s.tickets) {
      problems.push(`${side}: rows disagree (${JSON.stringify(s)}): the sides did not do the same work`);
    }
  }
}

/** Realistic widget-sized tickets from `n` different requesters, identical for both sides. */
function requestBodies(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      email: `customer-${i}@example.com`,
      name: `Customer ${i}`,
      description:
        "Since the update to 24.100.0 the PDF export of invoices produces an empty page.\n" +
        "It worked with 24.99.2. The browser console shows no error; the server log has a warning " +
        "about a missing font. We need this for the month-end run, so a quick answer would help.",
      steps: "1. Open Invoices\n2. Select any invoice\n3. Click Export → PDF\n4. The downloaded file has one blank page",
      url: "https://shop.example.com/admin/invoices/4711",
      productVersion: "24.100.0",
      edition: "cloud",
      urgent: false,
    }),
  );
}

/** One request before any load, so a broken side fails with its reason instead of a rate of errors. */
async function expectCreated(side: string, base: string, body: string): Promise<void> {
  const res = await fetch(`${base}/api/v1/tickets`, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (res.status !== 201) throw new Error(`${side}: POST /api/v1/tickets answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

async function countRows(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ tickets: number; messages: number; events: number; outbox: number }[]>`
      select (select count(*) from tickets)::int as tickets, (select count(*) from messages)::int as messages,
             (select count(*) from ticket_events)::int as events, (select count(*) from outbox)::int as outbox`;
    return row!;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
