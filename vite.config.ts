/**
 * How the widget is built (server/build-assets.ts runs it; `npm run build` forces it). Every bundle
 * is a classic IIFE script, not an ES module: a host page loads it with a plain <script> carrying
 * its CSP nonce, and no bundle leaves a global behind (chunks hand over their exports through
 * widget/chunk.ts). IIFE output cannot be split, so each bundle is its own build:
 * - widget.js (embed.ts): the launcher and window.Tidings, loaded by every host page; fixed name,
 *   short cache, and it learns the hashed names of the others at build time;
 * - panel-[hash].js: the dialog with Preact, on first open;
 * - capture-[hash].js: html2canvas, on "Capture screenshot";
 * - zip-[hash].js: jszip, when a BMP is chosen;
 * - editor-[hash].js: the picture editor (its own Preact), on "Edit screenshot";
 * - suggest-[hash].js: the knowledge base suggestions (plain DOM), beside the dialog on first open.
 */
import { defineConfig, mergeConfig, type InlineConfig, type UserConfig } from "vite";
import preact from "@preact/preset-vite";
import path from "node:path";

export type BundleName = "widget" | "panel" | "capture" | "zip" | "editor" | "suggest";

export const BUNDLES: readonly { name: BundleName; entry: string }[] = [
  { name: "capture", entry: "widget/capture.ts" },
  { name: "zip", entry: "widget/zip.ts" },
  { name: "editor", entry: "widget/editor/entry.ts" },
  { name: "suggest", entry: "widget/suggest/entry.ts" },
  { name: "panel", entry: "widget/panel/entry.ts" },
  // Last: it embeds the names of the others.
  { name: "widget", entry: "widget/embed.ts" },
];

const root = import.meta.dirname;

const base: UserConfig = {
  root,
  logLevel: "warn",
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false, reactAliasesEnabled: false })],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    target: "es2020",
    minify: true,
    emptyOutDir: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    sourcemap: false,
  },
};

/** The Vite config of one bundle; `chunks` (file names of the lazy bundles) only for widget.js. */
export function bundleConfig(b: { name: BundleName; entry: string }, outDir: string, chunks?: Record<string, string>): InlineConfig {
  return mergeConfig(base, {
    configFile: false,
    define: chunks ? { __TIDINGS_CHUNKS__: JSON.stringify(chunks) } : {},
    build: {
      outDir,
      lib: {
        entry: path.join(root, b.entry),
        formats: ["iife"],
        // IIFE needs a name only for exports; entries export nothing, so no global is created.
        name: "TidingsBundle",
        fileName: () => (b.name === "widget" ? "widget.js" : `${b.name}-[hash].js`),
      },
    },
  } satisfies InlineConfig) as InlineConfig;
}

export default defineConfig(base);
