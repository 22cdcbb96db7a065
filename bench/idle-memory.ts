import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../test/support/server-process";
import { waitForUrl } from "../test/support/wait-for-url";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";
import { tempDataDir } from "./lib/cleanup";
import { createDatabase } from "./lib/postgres";
import { processTree, type TreeProcess } from "./lib/process-tree";
import { goal, metric } from "./lib/results";
import { progress } from "./lib/table";

const ROOT = path.resolve(import.meta.dirname, "..");
/** How long each process tree sits idle after /readyz before its memory is read. */
const IDLE_MS = 10_000;
/** A start (a fresh data directory runs initdb and every migration) must answer /readyz within this. */
const READY_MS = 120_000;
const MiB = 1024;
/** Issue 17, acceptance 4: the embedded default's whole `npm start` tree. */
const GOAL_MIB = 350;

/**
 * Idle resident memory of the whole `npm start` process tree (npm, any shell, node and its
 * children), summed over /proc VmRSS (issue 17): on the embedded database (PGlite under a fresh
 * DATA_DIR) and on Postgres (a fresh database), beside a bare `node -e "setInterval(…)"` in the
 * same run, which is what any Node process costs on this machine. Each start gets a fresh data
 * directory, so the embedded side pays for initdb and every migration as a first start does.
 */
export const idleMemory = defineBenchmark({ name: "idle-memory", summary: "idle RSS of the whole `npm start` tree (PGlite, fresh DATA_DIR; Postgres) beside a bare node process", rounds: 3 }, run);

type Side = "pglite" | "postgres" | "bare";
interface Round { totalMiB: number; processes: TreeProcess[]; readyMs: number }

async function run({ rounds, undo, problems }: RunScope): Promise<Measured> {
  const db = await createDatabase("idle_memory");
  undo.push(() => db.drop());
  const start = async (side: Side): Promise<Round> => {
    if (side === "bare") return measureTree(spawnTree(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {}), null);
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port), SMTP_INBOUND_PORT: String(await freePort()), DATA_DIR: tempDataDir(undo, "tidings-idle-"), LOG_LEVEL: "warn",
    };
    // Every Postgres round starts on a database the previous round migrated: a restart, as in production.
    if (side === "postgres") env.DATABASE_URL = db.url;
    return measureTree(spawnTree("npm", ["start"], env), `http://127.0.0.1:${port}/readyz`);
  };
  const runs: Record<Side, Round[]> = { pglite: [], postgres: [], bare: [] };
  const sides: Side[] = ["pglite", "postgres", "bare"];
  // Unrecorded: builds what `npm start` builds when stale (widget, compiled server) and migrates the Postgres database.
  for (const side of sides) await once(side, "warm-up ", start).catch((e: unknown) => { problems.push(`${side} warm-up: ${String(e)}`); });
  for (let i = 1; i <= rounds; i++) {
    for (const side of sides) {
      try {
        runs[side].push(await once(side, `round ${i}/${rounds}`, start));
      } catch (e) {
        problems.push(`${side} round ${i}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  const mib = (r: Round[]) => r.map((x) => x.totalMiB);
  const largest = (r: Round[]) => r.map((x) => Math.round(Math.max(...x.processes.map((p) => p.rssKiB)) / MiB));
  const metrics = [
    metric("pglite-tree", "idle RSS, whole npm start tree, PGlite (fresh DATA_DIR)", "MiB", "lower", mib(runs.pglite), mib(runs.bare)),
    metric("pglite-server", "idle RSS, largest process (the server), PGlite", "MiB", "lower", largest(runs.pglite), mib(runs.bare)),
    metric("postgres-tree", "idle RSS, whole npm start tree, Postgres", "MiB", "lower", mib(runs.postgres), mib(runs.bare)),
    metric("pglite-ready", "npm start to /readyz, PGlite (fresh DATA_DIR)", "ms", "lower", runs.pglite.map((x) => x.readyMs), null),
  ];
  const breakdown = (r: Round[]) => r.at(-1)?.processes.map((p) => `${Math.round(p.rssKiB / MiB)} MiB  ${p.command.slice(0, 100)}`) ?? [];
  return {
    title: "idle memory of `npm start`",
    oursLabel: "`npm start` (no DATABASE_URL: PGlite under a fresh DATA_DIR; or DATABASE_URL to a fresh Postgres database), whole process tree",
    baselineLabel: "`node -e \"setInterval(() => {}, 1000)\"`, one process",
    metrics,
    goals: [goal(metrics, { text: `PGlite: whole npm start tree ≤ ${GOAL_MIB} MiB idle (issue 17)`, metric: "pglite-tree", of: "ours", atMost: GOAL_MIB })],
    settings: { idleSeconds: IDLE_MS / 1000, rounds, order: "warm-up of each side, then pglite, postgres, bare in turn", rss: "sum of /proc/<pid>/status VmRSS over the process and all descendants" },
    checks: { pgliteProcesses: breakdown(runs.pglite), postgresProcesses: breakdown(runs.postgres) },
  };
}

async function once(side: Side, label: string, start: (side: Side) => Promise<Round>): Promise<Round> {
  const r = await start(side);
  progress(`idle-memory ${label.padEnd(10)} ${side.padEnd(8)} ${r.totalMiB} MiB (${r.processes.length} processes)`);
  return r;
}

interface Tree { proc: ChildProcess; output: () => string }

/** In its own process group, so the whole tree can be stopped at once. */
function spawnTree(command: string, args: string[], env: Record<string, string>): Tree {
  const proc = spawn(command, args, {
    cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
  });
  let out = "";
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-4000); };
  proc.stdout.on("data", keep);
  proc.stderr.on("data", keep);
  return { proc, output: () => out };
}

/** Waits for /readyz (when given), idles, sums the tree's RSS, then stops the tree. */
async function measureTree(tree: Tree, readyUrl: string | null): Promise<Round> {
  const started = Date.now();
  try {
    if (readyUrl) await waitForUrl(readyUrl, { proc: tree.proc, timeoutMs: READY_MS, pollMs: 200, output: tree.output });
    const readyMs = Date.now() - started;
    await sleep(IDLE_MS);
    const processes = processTree(tree.proc.pid!);
    return { totalMiB: Math.round(processes.reduce((s, p) => s + p.rssKiB, 0) / MiB), processes, readyMs };
  } finally {
    await stopTree(tree.proc);
  }
}

/** SIGTERM as a supervisor sends it; the group is killed if the tree has not gone within 15 s. */
async function stopTree(proc: ChildProcess): Promise<void> {
  const group = -proc.pid!;
  const exited = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once("exit", () => r())));
  // To npm alone, which passes it on: a second SIGTERM from the group signal would cut the server's graceful stop short.
  if (!proc.kill("SIGTERM")) return;
  await Promise.race([exited, sleep(15_000)]);
  // Whatever is left of the tree (nothing, after a graceful stop) must not sit beside the next round.
  try {
    process.kill(group, "SIGKILL");
  } catch {
    /* all gone */
  }
  await exited;
}
