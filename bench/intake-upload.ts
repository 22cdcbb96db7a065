/**
 * `intake-upload` (CONTRACT §8): MiB/s, latency and peak RSS of ticket registrations carrying one
 * screenshot of 1 MiB, and separately of 10 MiB, 20 uploads at a time.
 *
 * Ours: our real POST /api/v1/tickets (createApp(buildDeps(loadConfig())), all middleware, a fresh
 * Postgres database and data directory per size), multipart with the text fields and one valid PNG.
 * Baseline: a bare Hono route reading the same body with c.req.parseBody(), writing each file to
 * disk under its sha256 and answering 201 (lib/upload-baseline.ts): no validation, no database.
 *
 * Each server runs in a process of its own (lib/upload-server-child.ts), started fresh for each
 * size, so its peak RSS is its own: the kernel's high-water mark, reset before every round. The
 * client is node:http in another process (lib/upload-load-child.ts), one keep-alive socket per
 * concurrent upload; every request carries different PNG bytes, so no write is skipped as a
 * duplicate. A round lasts `seconds`; uploads in flight at the end are waited for and counted.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Metric } from "./lib/types";
import { defineBenchmark, undoAll, type Measured, type RunScope } from "./lib/benchmark";

const CONNECTIONS = 20;
const MiB = 1024 * 1024;
const SIZES = [
  { key: "1MiB", label: "1 MiB", bytes: 1 * MiB },
  { key: "10MiB", label: "10 MiB", bytes: 10 * MiB },
] as const;

export const intakeUpload = defineBenchmark({ name: "intake-upload", summary: "MiB/s, p50/p99 and peak server RSS of POST /api/v1/tickets with a 1 MiB / 10 MiB PNG, 20 concurrent, vs a bare parseBody-and-write route", rounds: 3, seconds: 5 }, run);

interface Round {
  mibPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  seconds: number;
  /** RSS when the round started: what the previous rounds left behind. */
  rssBeforeMiB: number;
  arrayBuffersBeforeMiB: number;
  peakRssMiB: number;
  peakArrayBuffersMiB: number;
  peakHeapUsedMiB: number;
}

/** Imported when run, so that `--list` does not load postgres or the children's helpers. */
async function modules() {
  const [{ interleaved }, pg, { tempDataDir }, { metricOf }, { num }, { startServerChild }, { startUploadLoad }, { bigPng }, postgres] =
    await Promise.all([
      import("./lib/interleave"), import("./lib/postgres"), import("./lib/cleanup"), import("./lib/results"), import("./lib/table"),
      import("./lib/upload-server"), import("./lib/upload-load"), import("../test/fixtures/files"), import("postgres"),
    ]);
  return { interleaved, pg, tempDataDir, metricOf, num, startServerChild, startUploadLoad, bigPng, postgres };
}

type Modules = Awaited<ReturnType<typeof modules>>;
type Size = (typeof SIZES)[number];
type Load = ReturnType<Modules["startUploadLoad"]>;
type ServerChild = Awaited<ReturnType<Modules["startServerChild"]>>;

/** What one size's measurement shares with its parts. */
interface SizeRun {
  m: Modules;
  size: Size;
  scope: RunScope;
  warmupSeconds: number;
  load: Load;
  /** Undone when the size is done: its database, folders and server processes. */
  perSize: (() => Promise<unknown>)[];
}

async function run(scope: RunScope): Promise<Measured> {
  const warmupSeconds = Math.min(scope.seconds, 2);
  const m = await modules();
  const metrics: Metric[] = [];
  const checks: Record<string, unknown> = {};
  let peakSource = "";

  const load = m.startUploadLoad();
  scope.undo.push(() => load.close());

  for (const size of SIZES) {
    const perSize: (() => Promise<unknown>)[] = [];
    try {
      const measured = await measureSize({ m, size, scope, warmupSeconds, load, perSize });
      metrics.push(...measured.metrics);
      checks[size.key] = measured.checks;
      peakSource = measured.peakSource || peakSource;
    } finally {
      await undoAll("intake-upload", perSize);
    }
  }

  const { rounds, seconds } = scope;
  return {
    title: "Ticket registrations with one 1 MiB / 10 MiB PNG screenshot, 20 concurrent",
    oursLabel: "POST /api/v1/tickets, multipart (createApp(buildDeps(loadConfig())), all middleware, LOG_LEVEL=warn), own process",
    baselineLabel: "bare Hono route: c.req.parseBody(), each file written under its sha256, 201; no validation, no database (bench/lib/upload-baseline.ts), own process",
    metrics,
    goals: [],
    settings: {
      connections: CONNECTIONS,
      fileBytes: SIZES.map((s) => s.bytes),
      file: "valid PNG (bigPng from test/fixtures/files.ts), the last 16 bytes of its ancillary paDd chunk different in every request",
      fields: "email, name, description, productVersion, edition + attachments (one file)",
      secondsPerRound: seconds,
      warmupSeconds,
      rounds,
      order: "per size: fresh database, data directory and server processes; warm-up ours, warm-up baseline, then ours/baseline alternating",
      rate: "attachment bytes answered 201 / seconds from the first request to the last response (uploads in flight at the deadline are waited for)",
      peakRss: `${peakSource || "VmHWM"} of the server process, reset before each round`,
      loadGenerator: "node:http, one keep-alive socket per concurrent upload, in a child process",
      cpus: os.cpus().length,
      postgres: await m.pg.postgresSetting(),
    },
    checks,
  };
}

/** One size on a fresh database, data directory and pair of server processes. */
async function measureSize(sr: SizeRun): Promise<{ metrics: Metric[]; checks: Record<string, unknown>; peakSource: string }> {
  const { m, size, scope, perSize } = sr;
  const db = await m.pg.createDatabase(`upload_${size.key.toLowerCase()}`);
  perSize.push(() => db.drop());
  const dataDir = m.tempDataDir(perSize, `tidings-bench-upload-ours-${size.key}-`);
  const bareDir = m.tempDataDir(perSize, `tidings-bench-upload-bare-${size.key}-`);

  const ours = await m.startServerChild({
    side: "ours",
    env: {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      TIDINGS_SECRET_KEY: randomBytes(32).toString("hex"),
      INTAKE_RATE_LIMIT: "1000000000",
      LOG_LEVEL: "warn",
      JOBS: "off",
    },
  });
  perSize.push(() => ours.close());
  const bare = await m.startServerChild({ side: "baseline", dir: bareDir });
  perSize.push(() => bare.close());
  const idle = { ours: ours.idle.rssMiB, baseline: bare.idle.rssMiB };

  // One upload each before any load, so a broken side fails with its reason instead of a rate of errors.
  await expectCreated("ours", ours.url, m.bigPng(size.bytes));
  await expectCreated("baseline (bench/lib/upload-baseline.ts)", bare.url, m.bigPng(size.bytes));
  const answered201 = { ours: 1, baseline: 1 };
  let peakSource = "";

  const measure = (side: "ours" | "baseline", server: ServerChild) => async (warmup: boolean): Promise<Round> => {
    const before = await server.memory(true);
    const r = await sr.load.run({ url: `${server.url}/api/v1/tickets`, fileBytes: size.bytes, connections: CONNECTIONS, seconds: warmup ? sr.warmupSeconds : scope.seconds });
    const mem = await server.memory(false);
    peakSource = mem.peakSource;
    answered201[side] += r.ok;
    if (r.non201 || r.errors) {
      scope.problems.push(`${size.label} ${side}: ${r.non201} non-201 responses and ${r.errors} failed requests in one round; first: ${r.firstFailure ?? "–"}`);
    }
    if (r.ok === 0) scope.problems.push(`${size.label} ${side}: no upload succeeded in a round`);
    return {
      mibPerSecond: r.mibPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, ok: r.ok, seconds: r.seconds,
      rssBeforeMiB: before.rssMiB, arrayBuffersBeforeMiB: before.arrayBuffersMiB, peakRssMiB: mem.peakRssMiB, peakArrayBuffersMiB: mem.sampledPeakArrayBuffersMiB, peakHeapUsedMiB: mem.sampledPeakHeapUsedMiB,
    };
  };
  const runs = await m.interleaved(`intake-upload ${size.label}`, { ours: measure("ours", ours), baseline: measure("baseline", bare) }, {
    rounds: scope.rounds,
    pauseMs: 500,
    describe: (r: Round) =>
      `${m.num(r.mibPerSecond)} MiB/s (${r.ok} uploads), p50 ${m.num(r.p50Ms)} ms, p99 ${m.num(r.p99Ms)} ms, peak RSS ${m.num(r.peakRssMiB)} MiB`,
  });

  const metrics = [
    m.metricOf(runs, `mibPerSecond_${size.key}`, `${size.label}: upload rate`, "MiB/s", "higher", (r) => r.mibPerSecond),
    m.metricOf(runs, `p50_${size.key}`, `${size.label}: p50 latency`, "ms", "lower", (r) => r.p50Ms),
    m.metricOf(runs, `p99_${size.key}`, `${size.label}: p99 latency`, "ms", "lower", (r) => r.p99Ms),
    m.metricOf(runs, `peakRss_${size.key}`, `${size.label}: server peak RSS`, "MiB", "lower", (r) => r.peakRssMiB),
  ];
  const stored = await checkStored(sr, db.url, { dataDir, bareDir }, answered201);
  const byRound = <K extends keyof Round>(key: K, f: (x: Round[K]) => Round[K] = (x) => x) =>
    ({ ours: runs.ours.map((r) => f(r[key])), baseline: runs.baseline.map((r) => f(r[key])) });
  const checks = {
    ...stored,
    idleRssMiB: round1(idle),
    rssMiBBeforeRound: byRound("rssBeforeMiB", round1),
    arrayBuffersMiBBeforeRound: byRound("arrayBuffersBeforeMiB", round1),
    peakRssMiBByRound: byRound("peakRssMiB", round1),
    sampledPeakArrayBuffersMiBByRound: byRound("peakArrayBuffersMiB", round1),
    sampledPeakHeapUsedMiBByRound: byRound("peakHeapUsedMiB", round1),
    uploadsByRound: byRound("ok"),
    secondsByRound: byRound("seconds", round1),
    serverPids: { ours: ours.pid, baseline: bare.pid },
  };
  return { metrics, checks, peakSource };
}

/**
 * Every 201 of ours must be a ticket with its attachment row and its blob on disk; every 201 of
 * the baseline a file of the right size.
 */
async function checkStored(sr: SizeRun, url: string, dirs: { dataDir: string; bareDir: string }, n: { ours: number; baseline: number }) {
  const { size, scope } = sr;
  const sql = sr.m.postgres.default(url, { max: 1, onnotice: () => {} });
  type Stored = { tickets: number; attachments: number; rightSize: number; distinctBlobs: number };
  let stored: Stored = { tickets: 0, attachments: 0, rightSize: 0, distinctBlobs: 0 };
  let sample: { sha256: string } | undefined;
  try {
    [stored = stored] = await sql<Stored[]>`
      select (select count(*) from tickets)::int as tickets, (select count(*) from attachments)::int as attachments,
             (select count(*) from attachments where size = ${size.bytes} and content_type = 'image/png')::int as "rightSize",
             (select count(distinct sha256) from attachments)::int as "distinctBlobs"`;
    [sample] = await sql<{ sha256: string }[]>`select sha256 from attachments order by random() limit 1`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  const { dataDir, bareDir } = dirs;
  const oursBlobs = listFiles(path.join(dataDir, "attachments")).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)));
  const bareFiles = listFiles(bareDir);
  const bareWrongSize = bareFiles.filter((f) => fs.statSync(f).size !== size.bytes).length;
  if (stored.tickets !== n.ours || stored.attachments !== n.ours || stored.rightSize !== n.ours || stored.distinctBlobs !== n.ours || oursBlobs.length !== n.ours) {
    scope.problems.push(`${size.label} ours: ${n.ours} uploads answered 201 but ${JSON.stringify({ ...stored, blobFiles: oursBlobs.length })} stored`);
  }
  if (bareFiles.length !== n.baseline || bareWrongSize) {
    scope.problems.push(`${size.label} baseline: ${n.baseline} uploads answered 201 but ${bareFiles.length} files written (${bareWrongSize} of the wrong size)`);
  }
  const sampleOk = sample ? sha256File(path.join(dataDir, "attachments", sample.sha256.slice(0, 2), sample.sha256.slice(2, 4), sample.sha256)) === sample.sha256 : false;
  if (!sampleOk) scope.problems.push(`${size.label} ours: a stored blob does not hash to its name`);
  return {
    answered201: n,
    oursStored: { ...stored, blobFiles: oursBlobs.length, sampleBlobHashMatches: sampleOk },
    baselineFiles: bareFiles.length,
  };
}

async function expectCreated(side: string, base: string, png: Buffer): Promise<void> {
  const form = new FormData();
  form.set("email", "first-upload@example.com");
  form.set("description", "A first upload before the load starts.");
  form.set("attachments", new Blob([new Uint8Array(png)], { type: "image/png" }), "first.png");
  const res = await fetch(`${base}/api/v1/tickets`, { method: "POST", body: form });
  if (res.status !== 201) throw new Error(`${side}: POST /api/v1/tickets with a ${png.length}-byte PNG answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

function sha256File(file: string): string | null {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

function round1<T extends Record<string, number>>(o: T): T;
function round1(x: number): number;
function round1(x: number | Record<string, number>): number | Record<string, number> {
  if (typeof x === "number") return Math.round(x * 10) / 10;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
