import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Things to undo if the run is interrupted (Ctrl-C): a benchmark that creates a database registers
 * its drop here, so an aborted run does not leave `tidings_bench_*` databases behind.
 */
const tasks = new Set<() => Promise<void>>();

/** Registers `undo`; call the returned function once it has been done the normal way. */
export function onInterrupt(undo: () => Promise<void>): () => void {
  tasks.add(undo);
  return () => void tasks.delete(undo);
}

export async function runPendingCleanups(): Promise<void> {
  const pending = [...tasks];
  tasks.clear();
  await Promise.allSettled(pending.map((t) => t()));
}

/**
 * A fresh folder (a DATA_DIR by default) under the system's temp folder, removed by `undo` (pushed
 * onto the caller's list of things to undo) or, if the run is interrupted, by runPendingCleanups.
 */
export function tempDataDir(undo: (() => Promise<unknown>)[], prefix = "tidings-bench-"): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true }));
  const removed = onInterrupt(remove);
  undo.push(async () => { removed(); await remove(); });
  return dataDir;
}
