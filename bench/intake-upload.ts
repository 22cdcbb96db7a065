/**
 * `intake-upload` (CONTRACT §8, issue 17 acceptance 4): how much the server's resident set grows
 * over its idle RSS while 20 clients upload a 10 MiB screenshot each at a time, and how many such
 * uploads it answers per second, beside a bare floor in the same run.
 *
 * Ours: the real server as `npm start` runs it (node + tsx server/main.ts, test/support/server-process.ts)
 * on a fresh Postgres database and data directory, POST /api/v1/tickets with the text fields and
 * one valid 10 MiB PNG. Floor: a bare node:http server in its own process that streams each file
 * part to disk with busboy while hashing it and answers 201 (lib/upload-floor.ts): no validation,
 * no database.
 *
 * RSS is VmRSS of the server process read from /proc every 20 ms by this process (lib/rss-sampler.ts),
 * so the sampling costs the server nothing. Idle RSS is the median over 1.5 s after start, before
 * any request; growth is a round's highest sample minus that. The client is node:http in another
 * process (lib/upload-load-child.ts), one keep-alive socket per concurrent upload, different PNG
 * bytes in every request so that no write is skipped as a duplicate. A round lasts `seconds`;
 * uploads in flight at the end are waited for and counted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Metric } from "./lib/types";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";

const CONNECTIONS = 20;
const MiB = 1024 * 1024;
const FILE_BYTES = 10 * MiB;
const SAMPLE_MS = 20;
const ROOT = path.resolve(import.meta.dirname, "..");

export const intakeUpload = defineBenchmark({ name: "intake-upload", summary: "RSS growth over idle and uploads/s of POST /api/v1/tickets with a 10 MiB PNG, 20 concurrent, real server process, vs a bare node:http+busboy stream-to-disk floor", rounds: 3, seconds: 8 }, run);

interface Round {
  uploadsPerSecond: number;
  mibPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  seconds: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
  growthMiB: number;
  samples: number;
}

async function modules() {
  const [{ interleaved }, pg, { tempDataDir }, { metricOf, goal }, { num }, { startUploadLoad }, { bigPng }, postgres, { startServerProcess }, rss] =
    await Promise.all([
      import("./lib/interleave"), import("./lib/postgres"), import("./lib/cleanup"), import("./lib/results"), import("./lib/table"),
      import("./lib/upload-load"), import("../test/fixtures/files"), import("postgres"), import("../test/support/server-process"), import("./lib/rss-sampler"),
    ]);
  return { interleaved, pg, tempDataDir, metricOf, goal, num, startUploadLoad, bigPng, postgres, startServerProcess, rss };
}
type Modules = Awaited<ReturnType<typeof modules>>;

/** The floor server in its own process; resolves once it listens. */
async function startFloor(dir: string): Promise<{ url: string; pid: number; close: () => Promise<void> }> {
  const proc: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/lib/upload-floor.ts"), dir], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the floor server did not start within 30 s")), 30_000);
    proc.stdout!.on("data", (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the floor server exited (${code})`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: proc.pid!,
    close: () => new Promise<void>((resolve) => { if (proc.exitCode !== null) return resolve(); proc.once("exit", () => resolve()); proc.kill("SIGTERM"); }),
  };
}

/** Both servers, fresh, on a fresh database and data directories, with their idle RSS taken before any request. */
async function startServers(m: Modules, scope: RunScope) {
  const db = await m.pg.createDatabase("upload");
  scope.undo.push(() => db.drop());
  const dataDir = m.tempDataDir(scope.undo, "tidings-bench-upload-ours-");
  const floorDir = m.tempDataDir(scope.undo, "tidings-bench-upload-floor-");
  const ours = await m.startServerProcess({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    TIDINGS_SECRET_KEY: randomBytes(32).toString("hex"),
    INTAKE_RATE_LIMIT: "1000000000",
    LOG_LEVEL: "warn",
    JOBS: "off",
  });
  scope.undo.push(() => ours.stop());
  const floor = await startFloor(floorDir);
  scope.undo.push(() => floor.close());
  const pids = { ours: ours.proc.pid!, baseline: floor.pid };
  const idle = { ours: await m.rss.idleRss(pids.ours), baseline: await m.rss.idleRss(pids.baseline) };
  return { db, dataDir, floorDir, ours, floor, pids, idle };
}

async function run(scope: RunScope): Promise<Measured> {
  const warmupSeconds = Math.min(scope.seconds, 3);
  const m = await modules();
  const load = m.startUploadLoad();
  scope.undo.push(() => load.close());
  const { db, dataDir, floorDir, ours, floor, pids, idle } = await startServers(m, scope);

  await expectCreated("ours", ours.url, m.bigPng(FILE_BYTES));
  await expectCreated("floor (bench/lib/upload-floor.ts)", floor.url, m.bigPng(FILE_BYTES));
  const answered201 = { ours: 1, baseline: 1 };

  const measure = (side: "ours" | "baseline", url: string) => async (warmup: boolean): Promise<Round> => {
    const pid = pids[side];
    const rssBeforeMiB = m.rss.rssOf(pid) ?? NaN;
    const sampler = m.rss.sampleRss(pid, SAMPLE_MS);
    const r = await load.run({ url: `${url}/api/v1/tickets`, fileBytes: FILE_BYTES, connections: CONNECTIONS, seconds: warmup ? warmupSeconds : scope.seconds });
    const s = sampler.stop();
    answered201[side] += r.ok;
    if (r.non201 || r.errors) scope.problems.push(`${side}: ${r.non201} non-201 responses and ${r.errors} failed requests in one round; first: ${r.firstFailure ?? "–"}`);
    if (r.ok === 0) scope.problems.push(`${side}: no upload succeeded in a round`);
    return {
      uploadsPerSecond: r.ok / r.seconds, mibPerSecond: r.mibPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, ok: r.ok, seconds: r.seconds,
      rssBeforeMiB, maxRssMiB: s.maxMiB, growthMiB: s.maxMiB - idle[side], samples: s.samples,
    };
  };
  const runs = await m.interleaved("intake-upload 10 MiB", { ours: measure("ours", ours.url), baseline: measure("baseline", floor.url) }, {
    rounds: scope.rounds,
    pauseMs: 1000,
    describe: (r: Round) => `${m.num(r.uploadsPerSecond)} uploads/s (${r.ok}), p50 ${m.num(r.p50Ms)} ms, max RSS ${m.num(r.maxRssMiB)} MiB (+${m.num(r.growthMiB)} over idle)`,
  });

  const metrics: Metric[] = [
    m.metricOf(runs, "rssGrowth", "RSS growth over idle (max of 20 ms samples)", "MiB", "lower", (r) => r.growthMiB),
    m.metricOf(runs, "uploadsPerSecond", "uploads answered 201 per second", "uploads/s", "higher", (r) => r.uploadsPerSecond),
    m.metricOf(runs, "mibPerSecond", "upload rate", "MiB/s", "higher", (r) => r.mibPerSecond),
    m.metricOf(runs, "p50", "p50 latency", "ms", "lower", (r) => r.p50Ms),
    m.metricOf(runs, "p99", "p99 latency", "ms", "lower", (r) => r.p99Ms),
    m.metricOf(runs, "maxRss", "max RSS during a round", "MiB", "lower", (r) => r.maxRssMiB),
  ];
  const stored = await checkStored(m, scope, db.url, { dataDir, floorDir }, answered201);
  const byRound = <K extends keyof Round>(key: K) => ({ ours: runs.ours.map((r) => round1(r[key])), baseline: runs.baseline.map((r) => round1(r[key])) });
  return {
    title: "Ticket registrations with one 10 MiB PNG, 20 concurrent: server RSS growth and throughput",
    oursLabel: "POST /api/v1/tickets, multipart, the real server process (node --import tsx server/main.ts, Postgres, LOG_LEVEL=warn, JOBS=off)",
    baselineLabel: "bare node:http + busboy: each file part streamed to disk while hashed, 201; no validation, no database (bench/lib/upload-floor.ts), own process",
    metrics,
    goals: [
      m.goal(metrics, { text: "RSS grows by at most 100 MiB over idle during 20 concurrent 10 MiB uploads (issue 17)", metric: "rssGrowth", of: "ours", atMost: 100 }),
    ],
    settings: {
      connections: CONNECTIONS,
      fileBytes: FILE_BYTES,
      file: "valid PNG (bigPng from test/fixtures/files.ts), the last 16 bytes of its ancillary paDd chunk different in every request",
      fields: "email, name, description, productVersion, edition + attachments (one file)",
      secondsPerRound: scope.seconds,
      warmupSeconds,
      rounds: scope.rounds,
      order: "one server process per side for the whole run; idle RSS before any request; warm-up ours, warm-up floor, then ours/floor alternating",
      rss: `VmRSS from /proc/<pid>/status every ${SAMPLE_MS} ms, read by the bench process; growth = a round's max − idle`,
      rate: "uploads answered 201 / seconds from the first request to the last response",
      loadGenerator: "node:http, one keep-alive socket per concurrent upload, in a child process",
      cpus: os.cpus().length,
      postgres: await m.pg.postgresSetting(),
    },
    checks: {
      ...stored,
      idleRssMiB: { ours: round1(idle.ours), baseline: round1(idle.baseline) },
      rssMiBBeforeRound: byRound("rssBeforeMiB"),
      maxRssMiBByRound: byRound("maxRssMiB"),
      growthMiBByRound: byRound("growthMiB"),
      uploadsByRound: byRound("ok"),
      secondsByRound: byRound("seconds"),
      samplesByRound: byRound("samples"),
      serverPids: pids,
    },
  };
}

/** Every 201 of ours must be a ticket with its attachment row and its blob; every 201 of the floor a file of the right size. */
async function checkStored(m: Modules, scope: RunScope, url: string, dirs: { dataDir: string; floorDir: string }, n: { ours: number; baseline: number }) {
  const sql = m.postgres.default(url, { max: 1, onnotice: () => {} });
  type Stored = { tickets: number; attachments: number; rightSize: number; distinctBlobs: number };
  let stored: Stored = { tickets: 0, attachments: 0, rightSize: 0, distinctBlobs: 0 };
  let sample: { sha256: string } | undefined;
  try {
    [stored = stored] = await sql<Stored[]>`
      select (select count(*) from tickets)::int as tickets, (select count(*) from attachments)::int as attachments,
             (select count(*) from attachments where size = ${FILE_BYTES} and content_type = 'image/png')::int as "rightSize",
             (select count(distinct sha256) from attachments)::int as "distinctBlobs"`;
    [sample] = await sql<{ sha256: string }[]>`select sha256 from attachments order by random() limit 1`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  const oursBlobs = listFiles(path.join(dirs.dataDir, "attachments")).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)));
  const floorFiles = listFiles(dirs.floorDir).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(f)));
  const floorWrongSize = floorFiles.filter((f) => fs.statSync(f).size !== FILE_BYTES).length;
  if (stored.tickets !== n.ours || stored.attachments !== n.ours || stored.rightSize !== n.ours || stored.distinctBlobs !== n.ours || oursBlobs.length !== n.ours) {
    scope.problems.push(`ours: ${n.ours} uploads answered 201 but ${JSON.stringify({ ...stored, blobFiles: oursBlobs.length })} stored`);
  }
  if (floorFiles.length !== n.baseline || floorWrongSize) scope.problems.push(`floor: ${n.baseline} uploads answered 201 but ${floorFiles.length} files written (${floorWrongSize} of the wrong size)`);
  const sampleOk = sample ? sha256File(path.join(dirs.dataDir, "attachments", sample.sha256.slice(0, 2), sample.sha256.slice(2, 4), sample.sha256)) === sample.sha256 : false;
  if (!sampleOk) scope.problems.push("ours: a stored blob does not hash to its name");
  return { answered201: n, oursStored: { ...stored, blobFiles: oursBlobs.length, sampleBlobHashMatches: sampleOk }, floorFiles: floorFiles.length };
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
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

function sha256File(file: string): string | null {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return null;
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
