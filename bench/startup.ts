import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { ensureAssets } from "../server/build-assets";
import { compileServer } from "../server/compile.mjs";
import { freePort } from "../test/support/server-process";
import { waitForUrl } from "../test/support/wait-for-url";
import { defineBenchmark, type RunScope } from "./lib/benchmark";
import { tempDataDir } from "./lib/cleanup";
import { interleaved } from "./lib/interleave";
import { createDatabase } from "./lib/postgres";
import { goal, metric } from "./lib/results";
import { median } from "./lib/stats";
import { progress } from "./lib/table";
import type { Metric } from "./lib/types";

const ROOT = path.resolve(import.meta.dirname, "..");

/** What one start gave: until /readyz answered, until the process had exited after SIGTERM, and its own account of the steps. */
interface Start {
  readyMs: number;
  stopMs: number;
  exitCode: number | null;
  /** The "started" log line's wall and CPU milliseconds per step (server/startup-steps.ts). */
  steps: { ms: Record<string, number>; cpuMs: Record<string, number> } | null;
}

/**
 * `npm start` (the compiled server, dist/server/, run with plain node) against `npm run dev`
 * (the same sources through tsx, as `npm start` ran before issue 17): from spawning npm to the
 * first 200 from /readyz, then SIGTERM to exit. Both on a copy of one prepared data directory per
 * round (migrated, demo site and secret key in place: a restart, the case that repeats), and on
 * a Postgres database migrated by the warm-up. Builds (widget, server) happen before, untimed.
 */
export const startup = defineBenchmark(
  { name: "startup", summary: "npm start (compiled) vs npm run dev (tsx): ms to /readyz and to exit after SIGTERM, PGlite and Postgres", rounds: 5 },
  measure,
);

async function measure(scope: RunScope) {
  progress("building the widget and the server (untimed)");
  await ensureAssets(progress);
  await compileServer({ onlyIfStale: true, log: progress });

  const template = tempDataDir(scope.undo, "tidings-bench-startup-template-");
  progress("preparing the data directory (one start of the compiled server)");
  const prepared = await startOnce("start", { DATA_DIR: template });
  if (prepared.exitCode !== 0) scope.problems.push(`the preparing start exited ${prepared.exitCode}`);
  const pglite = (script: string) => async () => {
    const dataDir = tempDataDir(scope.undo, "tidings-bench-startup-");
    fs.cpSync(template, dataDir, { recursive: true });
    try {
      return await startOnce(script, { DATA_DIR: dataDir });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const pgliteRuns = await interleaved("startup pglite", { ours: pglite("start"), baseline: pglite("dev") }, { rounds: scope.rounds, describe: (s) => `${s.readyMs} ms` });

  const db = await createDatabase("startup");
  scope.undo.push(() => db.drop());
  const onPostgres = (script: string) => () => startOnce(script, { DATA_DIR: tempDataDir(scope.undo, "tidings-bench-startup-pg-"), DATABASE_URL: db.url });
  const pgRuns = await interleaved("startup postgres", { ours: onPostgres("start"), baseline: onPostgres("dev") }, { rounds: scope.rounds, describe: (s) => `${s.readyMs} ms` });

  for (const [label, runs] of [["pglite", pgliteRuns], ["postgres", pgRuns]] as const) {
    for (const s of [...runs.ours, ...runs.baseline]) if (s.exitCode !== 0) scope.problems.push(`a ${label} start exited ${s.exitCode} after SIGTERM`);
  }
  const metrics: Metric[] = [
    metric("ready-pglite", "npm start → /readyz 200, embedded PGlite", "ms", "lower", pgliteRuns.ours.map((s) => s.readyMs), pgliteRuns.baseline.map((s) => s.readyMs)),
    metric("ready-postgres", "npm start → /readyz 200, Postgres", "ms", "lower", pgRuns.ours.map((s) => s.readyMs), pgRuns.baseline.map((s) => s.readyMs)),
    metric("stop-pglite", "SIGTERM → exit, idle, PGlite", "ms", "lower", pgliteRuns.ours.map((s) => s.stopMs), pgliteRuns.baseline.map((s) => s.stopMs)),
  ];
  return {
    title: "time from `npm start` to /readyz answering",
    oursLabel: "npm start: dist/server/main.js with node (server/start.mjs)",
    baselineLabel: "npm run dev: server/main.ts through tsx",
    metrics,
    goals: [goal(metrics, { text: "compiled start ≤ 2 s on the embedded database (issue 17)", metric: "ready-pglite", of: "ours", atMost: 2000 })],
    settings: {
      rounds: scope.rounds,
      order: "warm-up ours, warm-up baseline, then ours/baseline alternating; PGlite first, then Postgres",
      pgliteDataDir: "a fresh copy, each round, of one data directory prepared by a start of the compiled server",
      postgresDatabase: "one database, migrated by the warm-up start; an empty DATA_DIR each round",
    },
    checks: {
      // The server's own account (server/startup-steps.ts): medians per step, wall and CPU.
      stepsPglite: { ours: stepMedians(pgliteRuns.ours), baseline: stepMedians(pgliteRuns.baseline) },
      stepsPostgres: { ours: stepMedians(pgRuns.ours), baseline: stepMedians(pgRuns.baseline) },
    },
  };
}

/** Per step, the median over the rounds of the "started" line's figures. */
function stepMedians(starts: Start[]) {
  const out: Record<"ms" | "cpuMs", Record<string, number>> = { ms: {}, cpuMs: {} };
  for (const kind of ["ms", "cpuMs"] as const) {
    const keys = new Set(starts.flatMap((s) => Object.keys(s.steps?.[kind] ?? {})));
    for (const k of keys) out[kind][k] = median(starts.map((s) => s.steps?.[kind][k]).filter((v): v is number => v !== undefined));
  }
  return out;
}

/** `npm run <script>` on a free port, timed to /readyz 200; then SIGTERM, timed to exit. */
async function startOnce(script: string, env: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn("npm", ["run", "--silent", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", SMTP_INBOUND_PORT: "0", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  try {
    await waitForUrl(`http://127.0.0.1:${port}/readyz`, { proc, timeoutMs: 120_000, pollMs: 20, output: () => out });
  } catch (e) {
    proc.kill("SIGKILL");
    throw e;
  }
  const readyMs = Math.round(performance.now() - t0);
  const s0 = performance.now();
  proc.kill("SIGTERM");
  const exitCode = await exited;
  const stopMs = Math.round(performance.now() - s0);
  const line = out.split("\n").find((l) => l.includes('"msg":"started"'));
  const steps = line ? (JSON.parse(line) as { ms: Record<string, number>; cpuMs: Record<string, number> }) : null;
  return { readyMs, stopMs, exitCode, steps: steps && { ms: steps.ms, cpuMs: steps.cpuMs } };
}
