import fs from "node:fs";
import path from "node:path";

/**
 * PGlite is one process at a time: a second process opening the same directory would corrupt it.
 * The lock file names the holder's pid and purpose, so the CLI can say who holds it.
 */
export class DataDirBusyError extends Error {}

export function lockDataDir(dir: string, purpose: "server" | "cli"): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "tidings.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, purpose }), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: unknown };
          if (held.pid === process.pid) fs.rmSync(file, { force: true });
        } catch { /* already gone */ }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid)) {
        throw new DataDirBusyError(
          holder.purpose === "server"
            ? `The Tidings server (pid ${holder.pid}) is using ${dir}; stop it first, or use its admin API.`
            : `Another Tidings command (pid ${holder.pid}) is using ${dir}; try again when it has finished.`,
        );
      }
      // The holder died without cleaning up: take the lock over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not lock ${dir}.`);
}

function readHolder(file: string): { pid: number; purpose: string } | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number; purpose: string };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
