import type { Benchmark, BenchOptions, BenchResult } from "./types";

/** Something to undo when a run ends (a database to drop, a server to close). */
export type Undo = () => Promise<unknown>;

/** What a benchmark's measuring function is given: its settings and the lists it fills. */
export interface RunScope {
  rounds: number;
  /** Seconds per round, for the benchmarks whose rounds are time-boxed. */
  seconds: number;
  /** Undone in reverse order when the run ends, whether it succeeded, failed or threw. */
  undo: Undo[];
  /** Reasons the figures cannot be trusted; returned in the result's `problems`. */
  problems: string[];
}

/** A result as the measuring function returns it: the name and the problems come from the definition and the scope. */
export type Measured = Omit<BenchResult, "name" | "problems">;

interface Definition {
  name: string;
  summary: string;
  /** The defaults `--rounds` and `--seconds` override. */
  rounds: number;
  seconds?: number;
}

/**
 * A Benchmark whose run always undoes what it set up: a run that throws half-way must not leave
 * databases, servers or child processes behind for the next benchmark to measure beside.
 */
export function defineBenchmark(def: Definition, measure: (scope: RunScope) => Promise<Measured>): Benchmark {
  const run = async (opts: BenchOptions): Promise<BenchResult> => {
    const scope: RunScope = { rounds: opts.rounds ?? def.rounds, seconds: opts.seconds ?? def.seconds ?? 0, undo: [], problems: [] };
    try {
      return { name: def.name, ...(await measure(scope)), problems: scope.problems };
    } finally {
      await undoAll(def.name, scope.undo);
    }
  };
  return { name: def.name, summary: def.summary, run };
}

/** Runs and empties `list` last-in first-out; a failing step is reported and does not stop the rest. */
export async function undoAll(name: string, list: Undo[]): Promise<void> {
  for (const u of list.reverse()) await u().catch((e: unknown) => console.error(`${name} cleanup: ${e instanceof Error ? e.message : String(e)}`));
  list.length = 0;
}
