import type { Deps } from "../../deps";
import { referencedShas } from "./blob-refs";

/**
 * Removes what a crash left behind: temporary files, and blobs that no attachment row references.
 * Only blobs older than `graceMs` are considered, so a request in flight in another process (blob
 * written, transaction not yet committed) keeps its blob.
 */
export async function sweepOrphanBlobs(deps: Pick<Deps, "db" | "blobs" | "log">, graceMs = 10 * 60_000): Promise<{ removed: number; temp: number }> {
  const temp = await deps.blobs.cleanTemp(graceMs);
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const keep = await referencedShas(deps.db, batch);
    for (const sha of batch) {
      if (!keep.has(sha)) {
        await deps.blobs.delete(sha);
        removed++;
      }
    }
    batch = [];
  };
  const cutoff = Date.now() - graceMs;
  for await (const blob of deps.blobs.list()) {
    if (blob.modifiedAt.getTime() > cutoff) continue;
    batch.push(blob.sha256);
    if (batch.length >= 500) await flush();
  }
  await flush();
  if (removed || temp) deps.log.info({ removed, temp }, "swept orphaned attachment files");
  return { removed, temp };
}
