/**
 * The compiled server (`npm run build`, and `npm start` when stale: server/start.mjs). esbuild
 * bundles server/main.ts, the admin CLI and the mail parse worker into dist/server/, with the
 * code they share in chunks beside them. The AWS SDK and ioredis are chunks of their own, loaded
 * (bootstrap.ts) only when STORAGE=s3 or REDIS_URL asks: a quarter of the code every start would
 * otherwise parse (the start's `modules` step, npm run bench -- startup: about 0.75 s instead of
 * 0.95 s). Those imports run during the start, before the server answers, so a rebuild under
 * a running server (the swap below removes the old folder) never takes away a chunk it has yet
 * to load; a parse worker started later loads the new build whole. Plain JS because it must run
 * where tsx does not: the compiled start.
 *
 * The packages are bundled too: loading a few files instead of the few thousand of node_modules
 * halves the CPU time of loading the code. Kept outside the bundles:
 * - the packages that find files beside their own code (EXTERNAL): PGlite its wasm and data,
 *   node-unrar-js its wasm, pino its worker files; and the build tools;
 * - files our code reads by a path relative to its own source (the migrations, the help pages'
 *   CSS, the widget build script): each bundled module's `import.meta.url` is rewritten to its
 *   source file's URL, so those paths keep pointing into the source tree (sourceUrls below);
 * - the Vite configs, imported only by the widget build, which runs as its own tsx process.
 *
 * Staleness (staleReason): dist/server/build.json records the size and mtime of every source the
 * bundles were made from (esbuild's metafile: exactly the files under server/ and shared/ that
 * are imported) and of the build's own settings (CONFIG_FILES). Any difference, in either
 * direction, means stale. A new file only matters once something imports it, and that importer is
 * a source that changed. The stats are taken before the build, so an edit during it is seen next
 * time. The packages count as one input, node_modules/.package-lock.json, which npm rewrites
 * whenever it changes node_modules (a hand edit inside node_modules is not noticed).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { isBuiltin } from "node:module";
import { withBuildLock } from "./build-lock.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_DIST = path.join(ROOT, "dist", "server");
const STAMP = "build.json";
const LOCK = path.join(ROOT, "dist", ".server-build.lock");
const STALE_LOCK_MS = 2 * 60_000;

/** Output name (in dist/server/, `.js` added) → source. */
const ENTRIES = {
  main: "server/main.ts",
  cli: "server/cli.ts",
  // Loaded by server/mail/parse-pool.ts when compiled, instead of parse-worker.mjs (which registers tsx).
  "parse-worker": "server/mail/parse-worker-main.ts",
};
/** Inputs of every bundle besides the sources: what decides how they are compiled and what stays external. */
const CONFIG_FILES = ["package.json", "package-lock.json", "node_modules/.package-lock.json", "tsconfig.json", "server/compile.mjs"];
/** Packages that must stay in node_modules: they read files next to their own code, or are build tools. */
const EXTERNAL = ["@electric-sql/pglite", "node-unrar-js", "pino", "pino-pretty", "thread-stream", "vite", "esbuild", "tsx"].flatMap((p) => [p, `${p}/*`]);
/** Where the imported sources live, walked before a build to take their stats; patches/ counts whole (it changes installed packages). */
const SOURCE_DIRS = ["server", "shared", "patches"];

/** @param {string} file @returns {[number, number] | null} mtime (whole ms: what every tool that sets one keeps) and size */
function statOf(file) {
  try {
    const st = fs.statSync(path.join(ROOT, file));
    return [Math.trunc(st.mtimeMs), st.size];
  } catch {
    return null;
  }
}

/** @param {string} dir @param {Record<string, [number, number]>} into */
function walk(dir, into) {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(rel, into);
    else if (e.isFile()) {
      const s = statOf(rel);
      if (s) into[rel] = s;
    }
  }
}

/** @returns {{ inputs: Record<string, [number, number]>, builtAt: string } | null} */
function readStamp(dir = SERVER_DIST) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STAMP), "utf8"));
  } catch {
    return null;
  }
}

/** Why dist/server/ must be (re)built, or null when it matches the sources. A few hundred stat calls. */
export function staleReason() {
  const stamp = readStamp();
  if (!stamp) return "not built yet";
  for (const name of Object.keys(ENTRIES)) if (!fs.existsSync(path.join(SERVER_DIST, `${name}.js`))) return `${name}.js missing`;
  for (const [file, [mtime, size]] of Object.entries(stamp.inputs)) {
    const now = statOf(file);
    if (!now) return `${file} removed`;
    if (now[0] !== mtime || now[1] !== size) return `${file} changed`;
  }
  return null;
}

/**
 * Each module sees `import.meta.url` (and `dirname`, `filename`) as its source file's, not the
 * bundle's: paths next to the sources (migrations, CSS, scripts) stay right wherever the bundle is.
 * @returns {import("esbuild").Plugin}
 */
function sourceUrls() {
  return {
    name: "source-urls",
    setup(build) {
      build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, "utf8");
        const loader = args.path.endsWith(".tsx") ? "tsx" : "ts";
        if (!text.includes("import.meta")) return { contents: text, loader };
        const rel = JSON.stringify(path.relative(SERVER_DIST, args.path).split(path.sep).join("/"));
        const url = `new URL(${rel}, import.meta.url).href`;
        const contents = text
          .replaceAll("import.meta.url", url)
          .replaceAll("import.meta.dirname", `__tidingsDirname(__tidingsFileUrl(${url}))`)
          .replaceAll("import.meta.filename", `__tidingsFileUrl(${url})`);
        return { contents, loader };
      });
      // The Vite configs are only imported by the widget build, which runs from the sources.
      build.onResolve({ filter: /\/vite(\.web)?\.config$/ }, (args) => ({
        path: `${path.relative(SERVER_DIST, path.resolve(args.resolveDir, args.path)).split(path.sep).join("/")}.ts`,
        external: true,
      }));
    },
  };
}

/** Bundles into `outDir` and writes its stamp there. */
async function bundle(outDir) {
  const before = {};
  for (const dir of SOURCE_DIRS) walk(dir, before);
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    // Code shared by the entries in chunks beside them; what is imported with import() (the S3
    // store, Redis) loads only when configured.
    splitting: true,
    target: "node20",
    external: EXTERNAL,
    // For a reader of a stack trace (node --enable-source-maps); not loaded by default, since
    // node then parses the whole map at start.
    sourcemap: "linked",
    sourcesContent: false,
    // Names stay as written: pino's and our errors' names, stack traces a person can read.
    keepNames: true,
    metafile: true,
    logLevel: "warning",
    // Set for server/runtime.ts: the code runs from dist/server/, not through tsx.
    define: { TIDINGS_COMPILED: "true" },
    // `require` for the CommonJS packages inside an ES module bundle; the helpers for sourceUrls.
    banner: {
      js: [
        'import { createRequire as __tidingsRequire } from "node:module";',
        "const require = __tidingsRequire(import.meta.url);",
        'import { fileURLToPath as __tidingsFileUrl } from "node:url";',
        'import { dirname as __tidingsDirname } from "node:path";',
      ].join(" "),
    },
    plugins: [sourceUrls()],
  });
  unresolvable(result.metafile);
  const inputs = {};
  const sources = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/")), ...Object.keys(before).filter((f) => f.startsWith("patches/"))];
  for (const file of [...sources, ...CONFIG_FILES]) {
    const s = before[file] ?? statOf(file);
    if (s) inputs[file] = s;
  }
  fs.writeFileSync(path.join(outDir, STAMP), JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1));
  esbuild.stop?.();
}

/**
 * Node must find every package import the bundles keep as it is written: an extensionless deep
 * import ("pkg/dist/x") resolves under tsx and esbuild but not under node's ESM loader. Fails the
 * build, naming them, rather than the start.
 * @param {import("esbuild").Metafile} metafile
 */
function unresolvable(metafile) {
  const specs = new Set();
  for (const out of Object.values(metafile.outputs)) {
    for (const i of out.imports) if (i.external && !isBuiltin(i.path) && !i.path.startsWith(".")) specs.add(i.path);
  }
  // Asked of a plain node, from the checkout (as from dist/server/): this file may run under a test runner whose
  // import.meta.resolve is its own.
  // import.meta.resolve maps an extensionless path to a URL without looking for the file: look too.
  const script = `const { existsSync } = await import("node:fs"); const bad = [];
    for (const s of ${JSON.stringify([...specs])}) {
      try { const u = import.meta.resolve(s); if (u.startsWith("file:") && !existsSync(new URL(u))) bad.push(s); } catch { bad.push(s); }
    }
    console.log(JSON.stringify(bad));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  const bad = r.status === 0 ? JSON.parse(r.stdout) : [`(the check failed: ${r.stderr.trim()})`];
  if (bad.length) throw new Error(`node cannot resolve ${bad.join(", ")} as imported (write the file's extension, or import the package's export)`);
}

/**
 * Builds dist/server/ (under a lock: several processes may start at once) into a temporary folder
 * swapped in by two renames. With `onlyIfStale`, another process's fresh build is kept.
 * @param {{ onlyIfStale?: boolean, log?: (line: string) => void }} opts
 */
export async function compileServer({ onlyIfStale = false, log = () => {} } = {}) {
  await withBuildLock(LOCK, { staleMs: STALE_LOCK_MS, pollMs: 100 }, async () => {
    const tmp = path.join(ROOT, "dist", `.server-${process.pid}-${Date.now()}`);
    const old = `${tmp}-old`;
    try {
      const reason = onlyIfStale ? staleReason() : "asked to";
      if (!reason) return;
      const started = Date.now();
      log(`compiling the server (${reason})…`);
      await bundle(tmp);
      if (fs.existsSync(SERVER_DIST)) fs.renameSync(SERVER_DIST, old);
      fs.renameSync(tmp, SERVER_DIST);
      log(`compiled into ${path.relative(process.cwd(), SERVER_DIST) || "."} in ${Date.now() - started} ms`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.rmSync(old, { recursive: true, force: true });
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  compileServer({ log: (line) => console.log(line) }).then(
    () => process.exit(0),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
