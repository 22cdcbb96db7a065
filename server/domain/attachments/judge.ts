/**
 * The attachment rules of CONTRACT §3 as one decision over all files of a request. Cheap checks
 * run first (count, then sizes) so that an oversized upload is refused before any byte is parsed;
 * the first failing file decides the error, and nothing is returned unless every file passes.
 * A file is accepted only as exactly one thing: an image that also carries an archive or a
 * program is refused, an archive is read entry by entry (ZIP with yauzl, RAR with unrar), and
 * the stored name takes the extension of what the bytes are.
 */
import { sha256Hex } from "../hash";
import { Rejection } from "../rejection";
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from "./archive";
import { findEmbeddedArchive } from "./embedded";
import { nameForKind, sanitizeFileName } from "./names";
import { inspectRar } from "./rar";
import { sniff } from "./sniff";
import { FileReader, MemoryReader, type ByteReader } from "./reader";

export { sanitizeFileName };

const MiB = 1024 * 1024;

export interface AttachmentLimits extends ZipLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export const DEFAULT_LIMITS: Readonly<AttachmentLimits> = {
  maxFileBytes: 10 * MiB,
  maxTotalBytes: 25 * MiB,
  maxFiles: 10,
  ...DEFAULT_ZIP_LIMITS,
};

export type AttachmentKind = "png" | "gif" | "jpeg" | "zip" | "rar";

/**
 * A file to judge: bytes in memory (a mail's attachment, a test), or an upload streamed to a
 * temporary file, hashed while it arrived (server/http/multipart.ts). The file stays the caller's.
 */
export type AttachmentInput = { name: string; bytes: Buffer } | UploadedFile;
export interface UploadedFile { name: string; file: string; size: number; sha256: string }

export interface AcceptedAttachment {
  name: string;
  /** What the blob is stored from: the bytes, or the upload's temporary file (a BlobSource). */
  source: Buffer | { file: string; size: number };
  kind: AttachmentKind;
  mime: string;
  sha256: string;
  size: number;
}

const MIME: Record<AttachmentKind, string> = {
  png: "image/png",
  gif: "image/gif",
  jpeg: "image/jpeg",
  zip: "application/zip",
  rar: "application/vnd.rar",
};

const ALLOWED_TYPES = "PNG, GIF, JPEG, ZIP, RAR";
const MAX_SHOWN_NAME = 100;

function shown(name: string): string {
  const chars = Array.from(sanitizeFileName(name));
  return `"${chars.length > MAX_SHOWN_NAME ? `${chars.slice(0, MAX_SHOWN_NAME).join("")}…` : chars.join("")}"`;
}

function mib(bytes: number): string {
  const value = bytes / MiB;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`;
}

const IMAGE_NAMES: Partial<Record<AttachmentKind, string>> = { png: "a PNG image", gif: "a GIF image", jpeg: "a JPEG image" };

/**
 * An image that also carries an archive or a program is refused rather than cleaned. Cleaning
 * (dropping COM, APPn, GIF extensions, ancillary PNG chunks) would not be enough: a payload can
 * also sit in EXIF, which screenshots keep, in the compressed pixels or in a stored PNG block. A
 * screenshot never carries an archive, so refusing loses nothing real, and what we store is then
 * byte for byte what was uploaded.
 */
function refuseCarrier(name: string, kind: AttachmentKind, bytes: ByteReader, field: string): void {
  const hidden = findEmbeddedArchive(bytes);
  if (!hidden) return;
  throw new Rejection(
    "UNSUPPORTED_ATTACHMENT",
    `${shown(name)} is ${IMAGE_NAMES[kind]} that also carries ${hidden.what} (at byte ${hidden.at}). We accept images only as plain images: save the screenshot again, or attach the archive on its own.`,
    { field },
  );
}

async function judgeArchive(name: string, verdict: Promise<{ ok: true } | { ok: false; reason: string }>, field: string): Promise<void> {
  const result = await verdict;
  if (!result.ok) throw new Rejection("ARCHIVE_REJECTED", `The archive ${shown(name)} was rejected. ${result.reason}`, { field });
}

async function judgeOne(name: string, bytes: ByteReader, field: string, limits: AttachmentLimits): Promise<AttachmentKind> {
  const kind = sniff(bytes);
  switch (kind) {
    case "png":
    case "gif":
    case "jpeg":
      refuseCarrier(name, kind, bytes, field);
      return kind;
    case "zip":
      await judgeArchive(name, inspectZip(bytes instanceof MemoryReader ? bytes.bytes : (bytes as FileReader), limits), field);
      return kind;
    case "rar":
      // unrar (WebAssembly) takes the archive as one buffer: read whole, for a RAR only (at most maxFileBytes).
      await judgeArchive(name, inspectRar(bytes instanceof MemoryReader ? bytes.bytes : bytes.read(0, bytes.size), limits), field);
      return kind;
    case "bmp":
      throw new Rejection(
        "BMP_NOT_ARCHIVED",
        `${shown(name)} is a BMP image, which we accept only inside an archive. Put it in a ZIP archive first, then attach the archive.`,
        { field },
      );
    case "unknown": {
      const hidden = findEmbeddedArchive(bytes);
      const carried = hidden ? ` It carries ${hidden.what} at byte ${hidden.at}, inside other data.` : "";
      throw new Rejection(
        "UNSUPPORTED_ATTACHMENT",
        `${shown(name)} is not a file type we accept (judged by its contents, not its name).${carried} Allowed types: ${ALLOWED_TYPES}.`,
        { field },
      );
    }
  }
}

const sizeOf = (f: AttachmentInput): number => ("bytes" in f ? f.bytes.length : f.size);

export async function judgeAttachments(
  files: readonly AttachmentInput[],
  limits: Partial<AttachmentLimits> = DEFAULT_LIMITS,
): Promise<AcceptedAttachment[]> {
  const l: AttachmentLimits = { ...DEFAULT_LIMITS, ...limits };
  if (files.length > l.maxFiles) throw tooMany(l.maxFiles, files.length);
  let total = 0;
  for (const [i, f] of files.entries()) {
    if (sizeOf(f) > l.maxFileBytes) throw fileTooLarge(f.name, i, l.maxFileBytes, sizeOf(f));
    total += sizeOf(f);
  }
  if (total > l.maxTotalBytes) throw totalTooLarge(l.maxTotalBytes, total);
  const accepted: AcceptedAttachment[] = [];
  for (const [i, f] of files.entries()) {
    const reader = "bytes" in f ? new MemoryReader(f.bytes) : FileReader.open(f.file);
    try {
      if (!("bytes" in f) && reader.size !== f.size) throw new Error(`the upload's temporary file changed size (${reader.size}, not ${f.size})`);
      const kind = await judgeOne(f.name, reader, `attachments[${i}]`, l);
      accepted.push({
        name: nameForKind(f.name, kind),
        source: "bytes" in f ? f.bytes : { file: f.file, size: f.size },
        kind,
        mime: MIME[kind],
        sha256: "bytes" in f ? sha256Hex(f.bytes) : f.sha256,
        size: sizeOf(f),
      });
    } finally {
      if (reader instanceof FileReader) reader.close();
    }
  }
  return accepted;
}

/**
 * The refusals of the cheap checks, also given by the multipart reader while the body streams in
 * (server/http/multipart.ts): there the size is not known yet when a limit is passed, only that
 * it was, so `size` is left out and the sentence says "larger than".
 */
export function tooMany(max: number, count: number): Rejection {
  return new Rejection("TOO_MANY_ATTACHMENTS", `A ticket can carry at most ${max} attachments; this one has ${count}.`, { field: "attachments" });
}

export function fileTooLarge(name: string, index: number, max: number, size?: number): Rejection {
  return new Rejection(
    "ATTACHMENT_TOO_LARGE",
    `${shown(name)} is ${size === undefined ? `larger than ${mib(max)}` : mib(size)}; each attachment may be at most ${mib(max)}.`,
    { field: `attachments[${index}]` },
  );
}

export function totalTooLarge(max: number, total?: number): Rejection {
  return new Rejection(
    "ATTACHMENT_TOO_LARGE",
    `The attachments add up to ${total === undefined ? `more than ${mib(max)}` : mib(total)}; one ticket may carry at most ${mib(max)}.`,
    { field: "attachments" },
  );
}
