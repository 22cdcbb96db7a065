/**
 * What the widget checks before upload, so that a refusal the server would give is given at once
 * and in the same words (CONTRACT §3): the type by the file's first bytes, and the limits from
 * shared/limits.ts. The server judges every byte again; this only spares the user a round trip.
 */
import { ATTACHMENT_LIMITS } from "../shared/limits";
import type { ErrorCode } from "../shared/error-codes";
import type { ErrorParams } from "../shared/i18n/widget";

export type FileKind = "png" | "gif" | "jpeg" | "bmp" | "zip" | "rar" | "unknown";

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The type by signature; the server additionally walks each image to its end. */
export function sniffHead(head: Uint8Array): FileKind {
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts(head, [0x47, 0x49, 0x46, 0x38]) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61) return "gif";
  if (starts(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (starts(head, [0x42, 0x4d]) && head.length >= 18 && [12, 40, 52, 56, 64, 108, 124].includes(head[14]! | (head[15]! << 8))) return "bmp";
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (starts(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return "rar";
  // RAR 1.4's own signature: the server reads those archives too.
  if (starts(head, [0x52, 0x45, 0x7e, 0x5e])) return "rar";
  return "unknown";
}

export async function sniffBlob(blob: Blob): Promise<FileKind> {
  return sniffHead(new Uint8Array(await blob.slice(0, 32).arrayBuffer()));
}

/** One file ready to go: its bytes, the name it is sent under and where it came from. */
export interface Attachment {
  id: string;
  name: string;
  blob: Blob;
  kind: Exclude<FileKind, "bmp" | "unknown">;
  /** The BMP's name when this is the ZIP made from it. */
  zippedFrom?: string;
}

export interface Refusal {
  code: ErrorCode;
  params: ErrorParams;
}

/**
 * The limit a set of files breaks, checked in the server's order (count, each size, total), or
 * null. Sizes are of what is sent: a zipped BMP counts with its ZIP's size.
 */
export function checkLimits(files: readonly { name: string; size: number }[]): Refusal | null {
  if (files.length > ATTACHMENT_LIMITS.maxFiles) return { code: "TOO_MANY_ATTACHMENTS", params: { count: files.length } };
  let total = 0;
  for (const f of files) {
    if (f.size > ATTACHMENT_LIMITS.maxFileBytes) return { code: "ATTACHMENT_TOO_LARGE", params: { fileName: f.name, size: f.size } };
    total += f.size;
  }
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) return { code: "ATTACHMENT_TOO_LARGE", params: { size: total } };
  return null;
}

/** "Screenshot 2026-03-02.bmp" → "Screenshot 2026-03-02.zip". */
export function zipNameFor(bmpName: string): string {
  const base = bmpName.replace(/\.[^./\\]*$/, "") || "image";
  return `${base}.zip`;
}

let counter = 0;
export const newId = () => `f${Date.now().toString(36)}${(counter++).toString(36)}`;
