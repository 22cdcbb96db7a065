import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchResult, Goal, Metric } from "./types";
import { median, ratio } from "./stats";

export const RESULTS_DIR = path.resolve(import.meta.dirname, "../results");

export function metric(
  key: string,
  label: string,
  unit: string,
  better: Metric["better"],
  ours: number[],
  baseline: number[] | null,
): Metric {
  const o = { median: median(ours), rounds: ours };
  const b = baseline ? { median: median(baseline), rounds: baseline } : null;
  const paired = baseline && baseline.length === ours.length
    ? ours.map((x, i) => ratio(x, baseline[i]!)).filter((r): r is number => r !== null)
    : [];
  return {
    key, label, unit, better, ours: o, baseline: b,
    ratio: b ? ratio(o.median, b.median) : null,
    pairedRatio: paired.length ? median(paired) : null,
  };
}

type Sides<R> = Record<"ours" | "baseline", R[]>;

/** A metric read by `read` from every round of both sides. */
export function metricOf<R>(runs: Sides<R>, key: string, label: string, unit: string, better: Metric["better"], read: (r: R) => number): Metric {
  return metric(key, label, unit, better, runs.ours.map(read), runs.baseline.map(read));
}

/** The p50 and p99 latency metrics of two sides whose every round measured both. */
export function latencyMetrics(runs: Sides<{ p50Ms: number; p99Ms: number }>): Metric[] {
  return (["p50", "p99"] as const).map((p) => metricOf(runs, p, `${p} latency`, "ms", "lower", (r) => r[`${p}Ms`]));
}

/** A goal on a metric's ratio or on our own median; `met` is for the reader, not for the exit code. */
export function goal(metrics: Metric[], spec: Omit<Goal, "actual" | "met">): Goal {
  const m = metrics.find((x) => x.key === spec.metric);
  const actual = !m ? null : spec.of === "ratio" ? m.ratio : m.ours.median;
  const met = actual !== null
    && (spec.atLeast === undefined || actual >= spec.atLeast)
    && (spec.atMost === undefined || actual <= spec.atMost);
  return { ...spec, actual, met };
}

/** Where and on what the figures were taken: without it a number from another run means nothing. */
export function environment(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    at: new Date().toISOString(),
    commit: git(["rev-parse", "--short", "HEAD"]),
    dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

export function writeResult(result: BenchResult, env: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.name}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...result, environment: env }, null, 2) + "\n");
  return file;
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: RESULTS_DIR.replace(/\/bench\/results$/, ""), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}
