import type { BenchResult, Metric } from "./types";
import { spread } from "./stats";

/** Progress goes to stderr so that stdout holds only the tables. */
export function progress(line: string): void {
  process.stderr.write(`  · ${line}\n`);
}

export function table(headers: string[], rows: string[][], align: ("l" | "r")[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (align[i] === "r" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function metricRow(m: Metric): string[] {
  const label = m.unit ? `${m.label} (${m.unit})` : m.label;
  const spreads = m.baseline ? `${pct(spread(m.ours.rounds))} / ${pct(spread(m.baseline.rounds))}` : pct(spread(m.ours.rounds));
  const r = (x: number | null) => (x === null ? "–" : x.toFixed(2));
  return [label, num(m.ours.median), m.baseline ? num(m.baseline.median) : "–", r(m.ratio), r(m.pairedRatio), spreads];
}

/** One benchmark: medians of both sides, their ratio, how far the rounds spread, goals, problems. */
export function renderResult(r: BenchResult): string {
  const out = [
    `${r.name}: ${r.title}`,
    `  ours:     ${r.oursLabel}`,
    `  baseline: ${r.baselineLabel}`,
    "",
    table(
      ["metric (median of rounds)", "ours", "baseline", "ours/baseline", "paired", "spread ours / baseline"],
      r.metrics.map(metricRow),
      ["l", "r", "r", "r", "r", "r"],
    ),
    "  paired = median of per-round ratios; spread = (max − min) / median of the rounds",
  ];
  if (r.goals.length) out.push("");
  for (const g of r.goals) {
    out.push(`  goal ${g.text}: ${g.actual === null ? "–" : num(g.actual)} ${g.met ? "met" : "NOT met"}`);
  }
  for (const p of r.problems) out.push(`  PROBLEM: ${p}`);
  return out.join("\n");
}

/** The closing overview of every benchmark that ran. */
export function renderSummary(results: BenchResult[]): string {
  const rows = results.flatMap((r) =>
    r.goals.length
      ? r.goals.map((g) => [r.name, g.text, g.actual === null ? "–" : num(g.actual), g.met ? "met" : "NOT met", r.problems.length ? "INVALID" : "ok"])
      : [[r.name, "–", "–", "–", r.problems.length ? "INVALID" : "ok"]],
  );
  return table(["benchmark", "goal", "actual", "result", "measurement"], rows, ["l", "l", "r", "l", "l"]);
}
