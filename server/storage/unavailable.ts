import { errorChain } from "../db/error-chain";

/**
 * The object store did not do what was asked: unreachable, timed out, throttled, refused our
 * credentials or lost the bucket. Requests answer it as 503 UNAVAILABLE (http/on-error.ts), like
 * an absent database; the message names the operation and the S3 error, never a secret.
 */
export class StorageUnavailable extends Error {
  readonly code = "STORAGE_UNAVAILABLE";
  constructor(operation: string, cause: unknown) {
    // The SDK's error is not kept as `cause`: it holds the HTTP response (sockets and all), which a
    // logger would serialize; its name, code and status say what an operator needs.
    super(`object storage ${operation} failed: ${describe(cause)}`);
    this.name = "StorageUnavailable";
  }
}

export function isStorageUnavailable(err: unknown): boolean {
  for (const e of errorChain(err)) if (e.code === "STORAGE_UNAVAILABLE") return true;
  return false;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (err as { code?: unknown }).code;
  return [err.name, typeof code === "string" && code !== err.name ? code : "", status ? `HTTP ${status}` : "", err.message.slice(0, 200)].filter(Boolean).join(" ");
}
