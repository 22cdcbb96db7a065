/**
 * How the web pages are built (server/build-assets.ts runs it beside the widget build; `npm run
 * build` forces both). Unlike the widget these are ordinary ES-module pages on our own origin, so
 * Vite's normal HTML build fits: web/portal/index.html → dist/web/portal/, assets with a content
 * hash under /portal/assets/, code split where the page imports lazily (jszip only for a BMP).
 * No inline script or style is emitted, so the pages run under a CSP of 'self' only
 * (server/http/web-pages.ts).
 */
import { mergeConfig, type InlineConfig, type Plugin } from "vite";
import preact from "@preact/preset-vite";
import path from "node:path";

import type { WebApp } from "./server/build-assets";

const root = import.meta.dirname;

/**
 * The page every web app is: its own index.html holds only what differs (the title and the notice
 * for a browser without JavaScript), and this puts them into the one page before Vite builds it.
 */
const PAGE = (title: string, noscript: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="data:,">
<script type="module" src="./main.tsx"></script>
</head>
<body>
<div id="app"></div>
<noscript>${noscript}</noscript>
</body>
</html>
`;

function onePage(): Plugin {
  const part = (html: string, tag: string) => {
    const found = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(html)?.[1];
    if (found === undefined) throw new Error(`the app's index.html has no <${tag}>`);
    return found;
  };
  return { name: "tidings-one-page", transformIndexHtml: { order: "pre", handler: (html) => PAGE(part(html, "title"), part(html, "noscript")) } };
}

export function webConfig(app: WebApp, outDir: string): InlineConfig {
  return mergeConfig({}, {
    configFile: false,
    root: path.join(root, "web", app),
    base: `/${app}/`,
    logLevel: "warn",
    plugins: [onePage(), preact({ prefreshEnabled: false, devToolsEnabled: false, reactAliasesEnabled: false })],
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
