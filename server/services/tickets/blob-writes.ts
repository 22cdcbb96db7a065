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
  const created: string[] = [];
  try {
    for (const b of unique) if (await deps.blobs.put(b.sha256, b.source)) created.push(b.sha256);
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

async function removeUnreferenced(deps: Pick<Deps, "blobs" | "db">, shas: string[]): Promise<void> {
  if (!shas.length) return;
  const keep = await referencedShas(deps.db, shas);
  for (const sha of shas) if (!keep.has(sha)) await deps.blobs.delete(sha);
}
