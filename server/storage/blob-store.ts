/**
 * Attachment bytes, addressed by their sha256. The same screenshot sent twice is stored once;
 * a row in `attachments` is what keeps a blob alive (see services/tickets/storage-sweep.ts).
 */
export interface BlobStore {
  /** Stores the bytes; resolves true when this call created the blob, false when it existed. */
  put(sha256: string, bytes: Uint8Array): Promise<boolean>;
  get(sha256: string): Promise<Buffer | null>;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every blob with its modification time, for the sweep of orphans. */
  list(): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
  /** Removes half-written temporary files older than the given age. */
  cleanTemp(olderThanMs: number): Promise<number>;
}
