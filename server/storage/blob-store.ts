import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";

/**
 * What a blob is written from: bytes already in memory (a mail, a KB image, a phpinfo text), or a
 * file on this machine's disk (an upload streamed to a temporary file while it arrived). The
 * caller keeps its file: the store copies or links it, so a second `put` from it still works.
 */
export type BlobSource = Uint8Array | { file: string; size: number };

/** A stored blob, read as a stream so that a download never holds the whole file in memory. */
export interface BlobBody { stream: Readable; size: number }

/**
 * Attachment bytes, addressed by their sha256. The same screenshot sent twice is stored once;
 * a row in `attachments` is what keeps a blob alive (see services/tickets/storage-sweep.ts).
 */
export interface BlobStore {
  /** Where the blobs live: under DATA_DIR (fs) or in a bucket (s3); /readyz names it. */
  readonly kind: "fs" | "s3";
  /** Stores the bytes; resolves true when this call created the blob, false when it existed. */
  put(sha256: string, source: BlobSource): Promise<boolean>;
  /** The bytes as a stream, or null when there is no such blob. */
  get(sha256: string): Promise<BlobBody | null>;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every blob with its modification time, for the sweep of orphans. */
  list(): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
  /** Removes half-written temporary objects older than the given age. */
  cleanTemp(olderThanMs: number): Promise<number>;
  /** Throws when the store cannot be reached now (/readyz). */
  ping(): Promise<void>;
}

/** A small blob whole (a phpinfo text, a held mail, a KB image): for readers that need every byte at once. */
export async function readBlob(store: Pick<BlobStore, "get">, sha256: string): Promise<Buffer | null> {
  const body = await store.get(sha256);
  return body ? buffer(body.stream) : null;
}
