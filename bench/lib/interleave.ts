import { setTimeout as sleep } from "node:timers/promises";
import { progress } from "./table";

/** Each side is called once per round; `warmup` is true for the unrecorded first call. */
export interface Sides<T> {
  ours: (warmup: boolean) => Promise<T>;
  baseline: (warmup: boolean) => Promise<T>;
}

export interface InterleaveOptions<T> {
  rounds: number;
  /** One unrecorded round per side first, for JIT, caches and connection pools. */
  warmup?: boolean;
  /** A breather between runs, so one side's leftovers (GC, autovacuum) land less on the other. */
  pauseMs?: number;
  /** A short text of one round's figure, for the progress line. */
  describe?: (value: T) => string;
}

/**
 * Runs ours and the baseline alternately, A B A B …, so a machine that gets busier or quieter
 * during the run moves both sides alike instead of biasing whichever ran later.
 */
export async function interleaved<T>(name: string, sides: Sides<T>, opts: InterleaveOptions<T>): Promise<{ ours: T[]; baseline: T[] }> {
  const out: { ours: T[]; baseline: T[] } = { ours: [], baseline: [] };
  const once = async (side: "ours" | "baseline", label: string, warmup = false): Promise<T> => {
    const value = await sides[side](warmup);
    progress(`${name} ${label} ${side.padEnd(8)} ${opts.describe?.(value) ?? ""}`);
    if (opts.pauseMs) await sleep(opts.pauseMs);
    return value;
  };
  if (opts.warmup ?? true) {
    await once("ours", "warm-up ", true);
    await once("baseline", "warm-up ", true);
  }
  for (let i = 1; i <= opts.rounds; i++) {
    const label = `round ${i}/${opts.rounds}`.padEnd(8);
    out.ours.push(await once("ours", label));
    out.baseline.push(await once("baseline", label));
  }
  return out;
}

/**
 * The settings an interleaved benchmark with time-boxed rounds reports: how long each round and
 * its warm-up ran, how many rounds, and their order (`also` adds what else a round does).
 */
export function roundSettings(rounds: number, seconds: number, warmupSeconds: number, also?: string) {
  const order = "warm-up ours, warm-up baseline, then ours/baseline alternating";
  return { secondsPerRound: seconds, warmupSeconds, rounds, order: also ? `${order}; ${also}` : order };
}
