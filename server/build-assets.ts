/**
 * Builds the widget bundles (vite.config.ts) into dist/widget/ when they are missing or older than
 * their sources, so that `npm start` serves what the code says (CONTRACT §1). Several processes may
 * start at once (tests, a cluster): the build runs under a lock file, into a temporary folder that
 * replaces dist/widget/ in one rename, so no process ever serves half a build.
 *
 * The web pages (vite.web.config.ts: the portal) are built the same way into dist/web/, with
 * their own sources and staleness, in the same child process and under the same lock.
 *
 * `npm run build` (this file as a script) builds both unconditionally.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { withBuildLock } from "./build-lock.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST_DIR = path.join(ROOT, "dist");
export const ASSETS_DIR = path.join(DIST_DIR, "widget");
const MANIFEST = "manifest.json";
const LOCK = path.join(DIST_DIR, ".widget-build.lock");
const STALE_LOCK_MS = 5 * 60_000;

/** What was built: file names inside ASSETS_DIR, by bundle. */
export interface AssetManifest {
  files: Record<"widget" | "panel" | "capture" | "zip" | "editor" | "suggest", string>;
  builtAt: string;
}

/** Everything a build depends on; a change to any of these makes the bundles stale. */
const SOURCES = ["widget", "ui", "shared", "vite.config.ts", "server/build-assets.ts", "package-lock.json", "patches"];

/** The web apps, each web/<app>/index.html served at /<app>/ (server/http/web-pages.ts). */
export const WEB_APPS = ["portal", "console"] as const;
export type WebApp = (typeof WEB_APPS)[number];

/** Where the web pages go (dist/web/<app>/), and what they are built from. */
export const WEB_DIR = path.join(DIST_DIR, "web");
const WEB_STAMP = ".built";
const WEB_SOURCES = ["web", "ui", "shared", "vite.web.config.ts", "server/build-assets.ts", "package-lock.json"];

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

export function readManifest(dir = ASSETS_DIR): AssetManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as AssetManifest;
  } catch {
    return null;
  }
}

/** Why the bundles must be (re)built, or null when they are current. */
export function staleReason(): string | null {
  const manifestPath = path.join(ASSETS_DIR, MANIFEST);
  const manifest = readManifest();
  if (!manifest) return "not built yet";
  if (Object.values(manifest.files).some((f) => !fs.existsSync(path.join(ASSETS_DIR, f)))) return "files missing";
  const builtAt = fs.statSync(manifestPath).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(path.join(ROOT, s)) > builtAt);
  return changed ? `${changed} changed` : null;
}

/** Why the web pages must be (re)built, or null when they are current. */
export function webStaleReason(): string | null {
  let builtAt: number;
  try {
    builtAt = fs.statSync(path.join(WEB_DIR, WEB_STAMP)).mtimeMs;
  } catch {
    return "not built yet";
  }
  const changed = WEB_SOURCES.find((s) => newestMtime(path.join(ROOT, s)) > builtAt);
  return changed ? `${changed} changed` : null;
}

/**
 * Runs the web builds into `outDir` (one folder per app) in this process. One app that fails to
 * build does not take the others down; without the stamp the next start tries again.
 */
export async function buildWeb(outDir: string): Promise<void> {
  const { build } = await import("vite");
  const { webConfig } = await import("../vite.web.config");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const failed: string[] = [];
  for (const app of WEB_APPS.filter((a) => fs.existsSync(path.join(ROOT, "web", a, "index.html")))) {
    try {
      await build(webConfig(app, path.join(outDir, app)));
    } catch (e) {
      failed.push(app);
      console.error(`the ${app} pages failed to build: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (!failed.length) fs.writeFileSync(path.join(outDir, WEB_STAMP), new Date().toISOString());
}

/** As buildAndSwap, for dist/web/; the previous build's hashed assets stay for open pages' lazy imports. */
async function buildWebAndSwap(): Promise<void> {
  const tmp = path.join(DIST_DIR, `.web-${process.pid}-${Date.now()}`);
  const old = `${tmp}-old`;
  try {
    await buildWeb(tmp);
    for (const app of fs.readdirSync(tmp)) {
      const from = path.join(WEB_DIR, app, "assets");
      const into = path.join(tmp, app, "assets");
      if (!fs.existsSync(from) || !fs.existsSync(into)) continue;
      for (const f of fs.readdirSync(from)) if (!fs.existsSync(path.join(into, f))) fs.copyFileSync(path.join(from, f), path.join(into, f));
    }
    if (fs.existsSync(WEB_DIR)) fs.renameSync(WEB_DIR, old);
    fs.renameSync(tmp, WEB_DIR);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
}

/** Runs the Vite builds into `outDir` in this process. */
export async function buildAssets(outDir: string): Promise<AssetManifest> {
  const { build } = await import("vite");
  const { BUNDLES, bundleConfig } = await import("../vite.config");
  fs.rmSync(outDir, { recursive: true, force: true });
  const files: Partial<AssetManifest["files"]> = {};
  for (const b of BUNDLES) {
    // widget.js sits beside the folder of the others; the names are relative to widget.js.
    const chunks = b.name === "widget"
      ? { panel: `widget/${files.panel}`, capture: `widget/${files.capture}`, zip: `widget/${files.zip}`, editor: `widget/${files.editor}`, suggest: `widget/${files.suggest}` }
      : undefined;
    const result = await build(bundleConfig(b, outDir, chunks));
    const outputs = Array.isArray(result) ? result : [result];
    const first = outputs.flatMap((o) => ("output" in o ? o.output : [])).find((f) => f.type === "chunk");
    if (!first) throw new Error(`the ${b.name} bundle produced no script`);
    files[b.name] = first.fileName;
  }
  const manifest: AssetManifest = { files: files as AssetManifest["files"], builtAt: new Date().toISOString() };
  fs.writeFileSync(path.join(outDir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Builds into a temporary folder and swaps it in; the caller holds the lock. */
async function buildAndSwap(): Promise<void> {
  const tmp = path.join(DIST_DIR, `.widget-${process.pid}-${Date.now()}`);
  const old = `${tmp}-old`;
  try {
    await buildAssets(tmp);
    keepPreviousChunks(tmp);
    if (fs.existsSync(ASSETS_DIR)) fs.renameSync(ASSETS_DIR, old);
    fs.renameSync(tmp, ASSETS_DIR);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Browsers may hold the previous widget.js for its 5 minutes of cache and ask for the chunks it
 * names; the previous build's chunks stay beside the new ones so those requests still succeed.
 */
function keepPreviousChunks(into: string): void {
  const previous = readManifest();
  if (!previous) return;
  for (const [name, file] of Object.entries(previous.files)) {
    const from = path.join(ASSETS_DIR, file);
    if (name !== "widget" && fs.existsSync(from) && !fs.existsSync(path.join(into, file))) fs.copyFileSync(from, path.join(into, file));
  }
}

/**
 * Makes sure current bundles exist. The build itself runs in a child process so that Vite and
 * its native bundler never stay in the server's memory. Without Vite (a production install
 * without dev dependencies) existing bundles are served as they are.
 */
export async function ensureAssets(log: (line: string) => void = () => {}): Promise<void> {
  if (!staleReason() && !webStaleReason()) return;
  await withBuildLock(LOCK, { staleMs: STALE_LOCK_MS, pollMs: 200 }, async () => {
    const reason = staleReason();
    const webReason = webStaleReason();
    if (!reason && !webReason) return;
    if (!fs.existsSync(path.join(ROOT, "node_modules", "vite"))) {
      const webBuilt = webReason !== "not built yet";
      if ((!reason || readManifest()) && (!webReason || webBuilt)) return log(`bundles are stale (${reason ?? webReason}) but Vite is not installed; serving the old ones`);
      throw new Error("the widget or the web pages are not built and Vite is not installed: run `npm install` and `npm run build`");
    }
    const what = [reason && `the widget (${reason})`, webReason && `the web pages (${webReason})`].filter(Boolean).join(" and ");
    log(`building ${what}…`);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--swap"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the build failed (exit ${code})`))));
    });
    log(`built in ${Date.now() - started} ms`);
  });
}

async function main(): Promise<void> {
  // The bundles are what every page gets, whoever starts the build: Vite and the Preact preset
  // read NODE_ENV, and the test runner's "test" made development bundles (JSX source locations,
  // 6 KB more in the dialog) that `npm start` then served.
  process.env.NODE_ENV = "production";
  // --swap: called by ensureAssets, which holds the lock, for what is stale; otherwise (npm run
  // build) take the lock here and build both.
  if (process.argv.includes("--swap")) {
    if (staleReason()) await buildAndSwap();
    if (webStaleReason()) await buildWebAndSwap();
    return;
  }
  await withBuildLock(LOCK, { staleMs: STALE_LOCK_MS, pollMs: 200 }, async () => {
    await buildAndSwap();
    await buildWebAndSwap();
  });
  const m = readManifest();
  console.log(`widget built into ${path.relative(process.cwd(), ASSETS_DIR) || "."}: ${Object.values(m?.files ?? {}).join(", ")}`);
  console.log(`web pages built into ${path.relative(process.cwd(), WEB_DIR) || "."}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
