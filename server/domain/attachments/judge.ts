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

export interface AcceptedAttachment {
  name: string;
  bytes: Buffer;
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
function refuseCarrier(name: string, kind: AttachmentKind, bytes: Buffer, field: string): void {
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

async function judgeOne(name: string, bytes: Buffer, field: string, limits: AttachmentLimits): Promise<AttachmentKind> {
  const kind = sniff(bytes);
  switch (kind) {
    case "png":
    case "gif":
    case "jpeg":
      refuseCarrier(name, kind, bytes, field);
      return kind;
    case "zip":
      await judgeArchive(name, inspectZip(bytes, limits), field);
      return kind;
    case "rar":
      await judgeArchive(name, inspectRar(bytes, limits), field);
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

export async function judgeAttachments(
  files: readonly { name: string; bytes: Buffer }[],
  limits: Partial<AttachmentLimits> = DEFAULT_LIMITS,
): Promise<AcceptedAttachment[]> {
  const l: AttachmentLimits = { ...DEFAULT_LIMITS, ...limits };
  if (files.length > l.maxFiles) {
    throw new Rejection("TOO_MANY_ATTACHMENTS", `A ticket can carry at most ${l.maxFiles} attachments; this one has ${files.length}.`, { field: "attachments" });
  }
  let total = 0;
  for (const [i, { name, bytes }] of files.entries()) {
    if (bytes.length > l.maxFileBytes) {
      throw new Rejection(
        "ATTACHMENT_TOO_LARGE",
        `${shown(name)} is ${mib(bytes.length)}; each attachment may be at most ${mib(l.maxFileBytes)}.`,
        { field: `attachments[${i}]` },
      );
    }
    total += bytes.length;
  }
  if (total > l.maxTotalBytes) {
    throw new Rejection(
      "ATTACHMENT_TOO_LARGE",
      `The attachments add up to ${mib(total)}; one ticket may carry at most ${mib(l.maxTotalBytes)}.`,
      { field: "attachments" },
    );
  }
  const accepted: AcceptedAttachment[] = [];
  for (const [i, { name, bytes }] of files.entries()) {
    const kind = await judgeOne(name, bytes, `attachments[${i}]`, l);
    accepted.push({
      name: nameForKind(name, kind),
      bytes,
      kind,
      mime: MIME[kind],
      sha256: sha256Hex(bytes),
      size: bytes.length,
    });
  }
  return accepted;
}
