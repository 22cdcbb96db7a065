import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const INIT_SCRIPT = fileURLToPath(new URL("./pglite-initdb.mjs", import.meta.url));

/** What initdb leaves in a finished data directory; PGlite checks the same file. */
export function pgliteDataDirExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * Runs initdb for a new PGlite data directory in a child process. In-process, PGlite runs initdb
 * in a second PGlite instance with its own WebAssembly memory and compiled module; once closed,
 * that memory waits for a full garbage collection, which an idle server may never do, and the
 * allocator keeps part of it even then (issue 17: over 100 MiB of a fresh `npm start`'s idle RSS).
 * A process that exits returns all of it. Only the first start of a data directory pays for it
 * (about a second).
 */
export async function initPgliteDataDir(dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const stderr: string[] = [];
  await new Promise<void>((resolve, reject) => {
    // execArgv []: the script is plain JS and needs no loader; the child gets only what it needs.
    const child = spawn(process.execPath, [INIT_SCRIPT, dataDir], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.setEncoding("utf8").on("data", (s: string) => stderr.push(s));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0 && pgliteDataDirExists(dataDir)) resolve();
      else reject(new Error(`the embedded database could not be created in ${dataDir} (${signal ?? `exit ${code}`}): ${stderr.join("").trim().slice(-500)}`));
    });
  });
}
