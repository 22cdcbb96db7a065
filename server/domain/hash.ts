import { createHash } from "node:crypto";

/** sha256 as lower-case hex: blob names, stored token hashes, request fingerprints. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
