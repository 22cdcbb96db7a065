/**
 * `npm run bench [-- NAME… ] [--rounds N] [--seconds S] [--list]` (CONTRACT §8).
 *
 * Each benchmark measures our figure and its baseline in the same run, interleaved, and reports
 * medians and their ratio; results go to bench/results/<name>.json. Nothing here asserts a time:
 * the exit code is non-zero only when a measurement is invalid (failed requests, a baseline that
 * computes something else) or a benchmark crashes.
 *
 * To add one (queue, intake-upload, widget-size, mail-inbound …): write bench/<name>.ts exporting a
 * `Benchmark` (lib/types.ts), using lib/interleave.ts, lib/results.ts and, for a database,
 * lib/postgres.ts; then add a line to REGISTRY. Entries load lazily, so `npm run bench -- sla`
 * does not import the server.
 */
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types";
import { environment, writeResult } from "./lib/results";
import { renderResult, renderSummary } from "./lib/table";
import { runPendingCleanups } from "./lib/cleanup";

interface Entry {
  name: string;
  load: () => Promise<Benchmark>;
}

const REGISTRY: Entry[] = [
  { name: "intake", load: async () => (await import("./intake")).intake },
  { name: "intake-upload", load: async () => (await import("./intake-upload")).intakeUpload },
  { name: "sla", load: async () => (await import("./sla")).sla },
  { name: "queue", load: async () => (await import("./queue")).queue },
  { name: "console", load: async () => (await import("./console")).consoleBench },
  { name: "mail-inbound", load: async () => (await import("./mail-inbound")).mailInbound },
  { name: "outbox", load: async () => (await import("./outbox")).outboxBench },
  { name: "widget-size", load: async () => (await import("./widget-size")).widgetSize },
  { name: "capture", load: async () => (await import("./capture")).capture },
  { name: "kb", load: async () => (await import("./kb")).kbBench },
  { name: "idle-memory", load: async () => (await import("./idle-memory")).idleMemory },
  { name: "startup", load: async () => (await import("./startup")).startup },
];

function parseArgs(argv: string[]): { names: string[]; opts: BenchOptions; list: boolean } {
  const names: string[] = [];
  const opts: BenchOptions = {};
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.split("=", 2) as [string, string | undefined];
    const value = () => {
      const v = Number(inline ?? argv[++i]);
      if (!(v > 0)) throw new Error(`${flag} needs a positive number`);
      return v;
    };
    if (flag === "--rounds") opts.rounds = Math.round(value());
    else if (flag === "--seconds") opts.seconds = value();
    else if (flag === "--list") list = true;
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  return { names, opts, list };
}

async function main(): Promise<number> {
  const { names, opts, list } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const e of REGISTRY) console.log(`${e.name.padEnd(16)} ${(await e.load()).summary}`);
    return 0;
  }
  const unknown = names.filter((n) => !REGISTRY.some((e) => e.name === n));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(", ")}; known: ${REGISTRY.map((e) => e.name).join(", ")}`);
    return 2;
  }
  const selected = names.length ? REGISTRY.filter((e) => names.includes(e.name)) : REGISTRY;
  const results: BenchResult[] = [];
  let failed = false;
  for (const entry of selected) {
    process.stderr.write(`\n${entry.name}\n`);
    try {
      const bench = await entry.load();
      const env = environment();
      const result = await bench.run(opts);
      const file = writeResult(result, env);
      console.log(`\n${renderResult(result)}\n  → ${file}`);
      results.push(result);
      if (result.problems.length) failed = true;
    } catch (e) {
      failed = true;
      console.error(`\n${entry.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  if (results.length > 1) console.log(`\n${renderSummary(results)}`);
  return failed ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    // Dropping a database under running requests makes its clients fail loudly; we are leaving anyway.
    process.on("uncaughtException", () => {});
    void runPendingCleanups().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    void runPendingCleanups().finally(() => process.exit(2));
  },
);
