/**
 * The attachment rules of CONTRACT §3 as one decision over all files of a request. Cheap checks
 * run first (count, then sizes) so that an oversized upload is refused before any byte is parsed;
 * the first failing file decides the error, and nothing is returned unless every file passes.
 */
import { sha256Hex } from "../hash";
import { ApiError } from "../../errors";
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from "./archive";
import { sniff } from "./sniff";

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
const MAX_NAME = 200;
const MAX_SHOWN_NAME = 100;
// Control characters, plus the bidi overrides that make "gpj.exe" display as "exe.jpg".
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A name safe to store and show: the last path segment, no control characters, at most 200 characters. */
export function sanitizeFileName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? "").replace(UNSAFE_CHARS, "").normalize("NFC").trim();
  if (base === "" || /^\.+$/.test(base)) return "attachment";
  const chars = Array.from(base);
  if (chars.length <= MAX_NAME) return base;
  // Keep a short extension so the truncated name still opens with the right program.
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : "";
  return Array.from(base.slice(0, base.length - ext.length)).slice(0, MAX_NAME - ext.length).join("") + ext;
}

function shown(name: string): string {
  const chars = Array.from(sanitizeFileName(name));
  return `"${chars.length > MAX_SHOWN_NAME ? `${chars.slice(0, MAX_SHOWN_NAME).join("")}…` : chars.join("")}"`;
}

function mib(bytes: number): string {
  const value = bytes / MiB;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`;
}

async function judgeOne(name: string, bytes: Buffer, field: string, limits: AttachmentLimits): Promise<AttachmentKind> {
  const kind = sniff(bytes);
  switch (kind) {
    case "png":
    case "gif":
    case "jpeg":
    case "rar":
      return kind;
    case "zip": {
      const verdict = await inspectZip(bytes, limits);
      if (verdict.ok) return kind;
      throw new ApiError("ARCHIVE_REJECTED", `The archive ${shown(name)} was rejected. ${verdict.reason}`, { field });
    }
    case "bmp":
      throw new ApiError(
        "BMP_NOT_ARCHIVED",
        `${shown(name)} is a BMP image, which we accept only inside an archive. Put it in a ZIP archive first, then attach the archive.`,
        { field },
      );
    case "unknown":
      throw new ApiError(
        "UNSUPPORTED_ATTACHMENT",
        `${shown(name)} is not a file type we accept (judged by its contents, not its name). Allowed types: ${ALLOWED_TYPES}.`,
        { field },
      );
  }
}

export async function judgeAttachments(
  files: readonly { name: string; bytes: Buffer }[],
  limits: Partial<AttachmentLimits> = DEFAULT_LIMITS,
): Promise<AcceptedAttachment[]> {
  const l: AttachmentLimits = { ...DEFAULT_LIMITS, ...limits };
  if (files.length > l.maxFiles) {
    throw new ApiError("TOO_MANY_ATTACHMENTS", `A ticket can carry at most ${l.maxFiles} attachments; this one has ${files.length}.`, { field: "attachments" });
  }
  let total = 0;
  for (const [i, { name, bytes }] of files.entries()) {
    if (bytes.length > l.maxFileBytes) {
      throw new ApiError(
        "ATTACHMENT_TOO_LARGE",
        `${shown(name)} is ${mib(bytes.length)}; each attachment may be at most ${mib(l.maxFileBytes)}.`,
        { field: `attachments[${i}]` },
      );
    }
    total += bytes.length;
  }
  if (total > l.maxTotalBytes) {
    throw new ApiError(
      "ATTACHMENT_TOO_LARGE",
      `The attachments add up to ${mib(total)}; one ticket may carry at most ${mib(l.maxTotalBytes)}.`,
      { field: "attachments" },
    );
  }
  const accepted: AcceptedAttachment[] = [];
  for (const [i, { name, bytes }] of files.entries()) {
    const kind = await judgeOne(name, bytes, `attachments[${i}]`, l);
    accepted.push({
      name: sanitizeFileName(name),
      bytes,
      kind,
      mime: MIME[kind],
      sha256: sha256Hex(bytes),
      size: bytes.length,
    });
  }
  return accepted;
}
