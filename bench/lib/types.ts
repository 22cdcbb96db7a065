/**
 * What every benchmark returns. A benchmark measures our figure and a baseline in the same run, so
 * a noisy machine moves both; the ratio is the figure worth comparing between runs and machines.
 */

export interface BenchOptions {
  /** Measured rounds per side (after one warm-up round each); each benchmark has its own default. */
  rounds?: number;
  /** Seconds per round where a round is time-boxed; each benchmark has its own default. */
  seconds?: number;
}

export interface Benchmark {
  name: string;
  /** One line for `npm run bench -- --list`. */
  summary: string;
  run(opts: BenchOptions): Promise<BenchResult>;
}

/** One measured quantity, for both sides, with every round kept so a reader can judge the spread. */
export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Which direction is good: decides how the ratio reads, never whether the run passes. */
  better: "higher" | "lower";
  ours: Side;
  /** null when a figure has no baseline (e.g. a size budget). */
  baseline: Side | null;
  /** ours.median / baseline.median, or null without a baseline. */
  ratio: number | null;
  /**
   * Median of the per-round ratios ours[i] / baseline[i]. Rounds run back to back, so a machine
   * that slows down for a while slows both halves of a pair: this cancels more drift than `ratio`.
   */
  pairedRatio: number | null;
}

export interface Side {
  median: number;
  rounds: number[];
}

/** A target from CONTRACT §8 or the brief; shown as met or not, and never turned into a failure. */
export interface Goal {
  text: string;
  metric: string;
  of: "ratio" | "ours";
  atLeast?: number;
  atMost?: number;
  actual: number | null;
  met: boolean;
}

export interface BenchResult {
  name: string;
  title: string;
  /** Labels of the two sides, e.g. "ours" = "POST /api/v1/tickets", baseline = "bare Hono + postgres.js". */
  oursLabel: string;
  baselineLabel: string;
  metrics: Metric[];
  goals: Goal[];
  /** The settings the figures depend on (connections, rounds, inputs…), recorded with them. */
  settings: Record<string, unknown>;
  /** Facts checked during the run (rows written, results agreeing) worth keeping beside the figures. */
  checks: Record<string, unknown>;
  /**
   * Reasons the figures cannot be trusted (failed requests, a baseline computing something else).
   * Non-empty makes `npm run bench` exit non-zero: a wrong measurement, unlike a slow one, is a bug.
   */
  problems: string[];
}
