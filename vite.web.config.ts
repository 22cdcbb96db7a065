/**
 * How the web pages are built (server/build-assets.ts runs it beside the widget build; `npm run
 * build` forces both). Unlike the widget these are ordinary ES-module pages on our own origin, so
 * Vite's normal HTML build fits: web/portal/index.html → dist/web/portal/, assets with a content
 * hash under /portal/assets/, code split where the page imports lazily (jszip only for a BMP).
 * No inline script or style is emitted, so the pages run under a CSP of 'self' only
 * (server/http/web-pages.ts).
 */
import { mergeConfig, type InlineConfig } from "vite";
import preact from "@preact/preset-vite";
import path from "node:path";

import type { WebApp } from "./server/build-assets";

const root = import.meta.dirname;

export function webConfig(app: WebApp, outDir: string): InlineConfig {
  return mergeConfig({}, {
    configFile: false,
    root: path.join(root, "web", app),
    base: `/${app}/`,
    logLevel: "warn",
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false, reactAliasesEnabled: false })],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir,
      emptyOutDir: true,
      target: "es2020",
      minify: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      sourcemap: false,
      // A module-preload polyfill would be one more script; every browser we support has it.
      modulePreload: { polyfill: false },
      // Never inline small assets as data: URLs into CSS or JS; plain files keep the CSP simple.
      assetsInlineLimit: 0,
    },
  } satisfies InlineConfig) as InlineConfig;
}
