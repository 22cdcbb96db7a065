import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

/**
 * The launcher (server/start.mjs) and the bundle it imports are separate module instances, so
 * the handover goes through one global slot.
 */
const SLOT = Symbol.for("tidings.pgliteWasmModule");

/**
 * Starts compiling PGlite's Postgres (a 9 MB WebAssembly module) before the server's own code is
 * loaded: V8 compiles it on background threads while the main thread parses the bundle, instead
 * of after it. Called by the launcher when no DATABASE_URL is set; a failure here only means
 * PGlite compiles the module itself, as it would without this.
 */
export function warmPgliteWasm() {
  if (globalThis[SLOT]) return;
  const wasm = path.join(path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite")), "pglite.wasm");
  const compiled = fs.readFile(wasm).then((bytes) => globalThis.WebAssembly.compile(bytes));
  compiled.catch(() => {});
  globalThis[SLOT] = compiled;
}

/** The module warmPgliteWasm() compiled (once: the slot is emptied), or undefined. */
export async function takeWarmPgliteWasm() {
  const compiled = globalThis[SLOT];
  delete globalThis[SLOT];
  return compiled ? compiled.catch(() => undefined) : undefined;
}
