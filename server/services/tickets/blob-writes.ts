import type { Deps } from "../../deps";
import type { BlobSource } from "../../storage/blob-store";
import { referencedShas } from "./blob-refs";

export interface StoredBlob { sha256: string; source: BlobSource }

/**
 * Runs `work` (the transaction that references the blobs) with the blobs already in storage, and
 * afterwards removes every blob this call created that no row references: after a rollback, an
 * idempotent replay or a crash in `work`. Nothing of a rejected request stays behind.
 */
export async function storeBlobs<T>(deps: Pick<Deps, "blobs" | "db" | "log">, blobs: StoredBlob[], work: () => Promise<T>): Promise<T> {
  const unique = [...new Map(blobs.map((b) => [b.sha256, b])).values()];
  const created: StoredBlob[] = [];
  try {
    for (const b of unique) if (await deps.blobs.put(b.sha256, b.source)) created.push(b);
    const result = await work();
    // A concurrent request whose transaction failed may have removed a blob we share; put it back.
    for (const b of unique) if (!(await deps.blobs.exists(b.sha256))) await deps.blobs.put(b.sha256, b.source);
    await removeUnreferenced(deps, created).catch((e) => deps.log.warn({ err: e }, "blob cleanup deferred to the sweep"));
    return result;
  } catch (e) {
    await removeUnreferenced(deps, created).catch((err) => deps.log.warn({ err }, "blob cleanup deferred to the sweep"));
    throw e;
  }
}

/**
 * Deletes the blobs this call created that no row references, then asks again: a request with the
 * same bytes may have committed its row (and found the blob still there) between the first
 * question and the delete. Whichever order the two requests' steps run in, one of them sees the
 * other, so a committed attachment never loses its bytes.
 */
async function removeUnreferenced(deps: Pick<Deps, "blobs" | "db">, created: StoredBlob[]): Promise<void> {
  if (!created.length) return;
  const keep = await referencedShas(deps.db, created.map((b) => b.sha256));
  const deleted = created.filter((b) => !keep.has(b.sha256));
  for (const b of deleted) await deps.blobs.delete(b.sha256);
  if (!deleted.length) return;
  const since = await referencedShas(deps.db, deleted.map((b) => b.sha256));
  for (const b of deleted) if (since.has(b.sha256)) await deps.blobs.put(b.sha256, b.source);
}
