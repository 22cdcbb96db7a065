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
