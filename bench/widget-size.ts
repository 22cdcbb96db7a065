import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ASSETS_DIR, ensureAssets, readManifest } from "../server/build-assets";
import { goal, metric } from "./lib/results";
import { sentryFeedbackSizes, type SentrySizes } from "./lib/sentry-size";
import { progress } from "./lib/table";
import type { Benchmark, BenchResult, Metric } from "./lib/types";

const KB = 1024;

/**
 * What the widget costs a host page (CONTRACT §8), as gzip bytes (level 9) of the built bundles:
 * widget.js is all a page loads before the widget is opened (the e2e suite checks that nothing
 * else is fetched); the dialog chunk loads on first open; html2canvas and jszip only when used.
 * Sizes do not vary between rounds, so one round is measured. The baseline is Sentry's feedback
 * widget from npm, built in the same run the same way (Vite, minified, gzip level 9; see
 * lib/sentry-size.ts): what a page loads before opening it, its form, and its screenshot part
 * (which holds its crop editor), each beside our part that does the same job.
 */
export const widgetSize: Benchmark = {
  name: "widget-size",
  summary: "gzip bytes of widget.js (before opening) and of each lazy chunk, beside Sentry's feedback widget and the goals",
  run,
};

const CHUNKS = [
  ["panel", "dialog chunk (Preact, on first open)"],
  ["capture", "capture chunk (html2canvas, on capture)"],
  ["zip", "zip chunk (jszip, for a BMP)"],
  ["editor", "editor chunk (picture editor with its Preact, on Edit screenshot)"],
  ["suggest", "suggestions chunk (knowledge base, beside the dialog on first open)"],
] as const;

/** Which part of Sentry's widget does the job of each of our chunks. */
const SENTRY_BESIDE: Partial<Record<string, Exclude<keyof SentrySizes, "version">>> = { panel: "modal", capture: "screenshot" };

async function run(): Promise<BenchResult> {
  await ensureAssets(progress);
  const manifest = readManifest();
  if (!manifest) throw new Error("the widget is not built");
  const size = (file: string) => {
    const bytes = fs.readFileSync(path.join(ASSETS_DIR, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const before = size(manifest.files.widget);
  progress("building Sentry's feedback widget");
  const sentry = await sentryFeedbackSizes();
  const beside = (name: string) => (SENTRY_BESIDE[name] ? [sentry[SENTRY_BESIDE[name]]] : null);
  const metrics: Metric[] = [
    metric("before-open", "loaded before opening: widget.js, gzip", "bytes", "lower", [before.gzip], [sentry.beforeOpen]),
    metric("before-open-raw", "widget.js, uncompressed", "bytes", "lower", [before.raw], null),
  ];
  const files: Record<string, string> = { widget: manifest.files.widget };
  for (const [name, label] of CHUNKS) {
    const s = size(manifest.files[name]);
    files[name] = manifest.files[name];
    metrics.push(metric(name, `${label}, gzip`, "bytes", "lower", [s.gzip], beside(name)));
  }
  return {
    name: "widget-size",
    title: "bytes a host page loads for the widget",
    oursLabel: `dist/widget/ built ${manifest.builtAt}`,
    baselineLabel: `Sentry's feedback widget, @sentry/browser ${sentry.version} with feedbackAsyncIntegration: before opening, its form, its screenshot part with crop`,
    metrics,
    goals: [
      goal(metrics, { text: "before opening ≤ 4 KB gzip (issue 14: with the browser-details collector)", metric: "before-open", of: "ours", atMost: 4 * KB }),
      goal(metrics, { text: "dialog chunk ≤ 25 KB gzip", metric: "panel", of: "ours", atMost: 25 * KB }),
      goal(metrics, { text: "editor chunk ≤ 15 KB gzip", metric: "editor", of: "ours", atMost: 15 * KB }),
      goal(metrics, { text: "suggestions chunk ≤ 4 KB gzip (issue 16)", metric: "suggest", of: "ours", atMost: 4 * KB }),
    ],
    settings: { compression: "gzip level 9", files, sentry },
    checks: {},
    problems: [],
  };
}
