import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** gzip bytes (level 9) of Sentry's feedback widget, built as ours is: Vite, IIFE, minified, es2020. */
export interface SentrySizes {
  version: string;
  /** What a page loads before the feedback form is opened: the SDK with feedbackAsyncIntegration. */
  beforeOpen: number;
  /** The form (feedbackModalIntegration), beyond what the page has loaded already. */
  modal: number;
  /** The screenshot with its crop/annotation editor (feedbackScreenshotIntegration), beyond the form. */
  screenshot: number;
}

const DIR = path.resolve(import.meta.dirname, "../sentry-feedback");

/** Each part is measured as what it adds to the bundle before it (see sentry-feedback/modal.ts). */
export async function sentryFeedbackSizes(): Promise<SentrySizes> {
  const [loader, modal, screenshot] = [await gzipped("loader"), await gzipped("modal"), await gzipped("screenshot")];
  const version = (createRequire(import.meta.url)("@sentry/browser/package.json") as { version: string }).version;
  return { version, beforeOpen: loader, modal: modal - loader, screenshot: screenshot - modal };
}

async function gzipped(entry: "loader" | "modal" | "screenshot"): Promise<number> {
  const { build } = await import("vite");
  const result = await build({
    configFile: false,
    root: DIR,
    logLevel: "warn",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      target: "es2020",
      minify: true,
      reportCompressedSize: false,
      sourcemap: false,
      lib: { entry: path.join(DIR, `${entry}.ts`), formats: ["iife"], name: "SentryBench", fileName: () => `${entry}.js` },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ("output" in r ? r.output : []));
  const scripts = outputs.filter((o) => o.type === "chunk");
  if (scripts.length !== 1) throw new Error(`Sentry's ${entry} built into ${scripts.length} scripts`);
  return gzipSync(scripts[0]!.code, { level: 9 }).length;
}
