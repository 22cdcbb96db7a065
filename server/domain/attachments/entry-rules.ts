/**
 * The rules every archive entry must pass, whatever the archive's format (ZIP in archive.ts, RAR in
 * rar.ts): a safe name, a regular file, limits on what it unpacks to, and content that is an image
 * or a text log. Kept in one place so a ZIP and a RAR holding the same files get the same answer.
 */
import { sniffPrefix, type SniffedKind } from "./sniff";
import { createTextCheck, type TextCheck } from "./text";

const MiB = 1024 * 1024;

export interface ZipLimits {
  maxUnpackedBytes: number;
  maxRatio: number;
  maxEntries: number;
}

/** The limits apply to every archive format; the name stays for the callers that know it. */
export type ArchiveLimits = ZipLimits;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxUnpackedBytes: 100 * MiB,
  maxRatio: 100,
  maxEntries: 1000,
};

export type ZipEntryKind = Exclude<SniffedKind, "zip" | "rar" | "unknown"> | "text" | "directory";
export interface ZipEntryInfo { name: string; size: number; kind: ZipEntryKind }
export type ZipVerdict = { ok: true; entries: ZipEntryInfo[] } | { ok: false; reason: string };
export type ArchiveVerdict = ZipVerdict;

/** Only this much of an entry is kept: enough to name its type, never a whole bomb. */
export const PREFIX_BYTES = 64 * 1024;
const TEXT_LOG_NAME = /\.(txt|log)$/i;

/** A refusal with its reason; anything else thrown while reading means the archive is damaged. */
export class Refusal extends Error {}

export const quote = (name: string): string => JSON.stringify(name.length > 100 ? `${name.slice(0, 100)}…` : name);

/** Why a stored name is unsafe to extract, or undefined when it is safe. */
export function unsafeName(name: string): string | undefined {
  const shown = quote(name.replace(/\p{Cc}/gu, "?"));
  if (name === "" || /\p{Cc}/u.test(name)) return `The entry ${shown} has an invalid name.`;
  // A backslash is a separator on Windows: "..\\x" climbs out there even where "/" rules pass.
  if (name.includes("\\")) return `The entry ${shown} uses a backslash in its path, which could point outside the archive.`;
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return `The entry ${shown} has an absolute path outside the archive.`;
  if (name.split("/").includes("..")) return `The entry ${shown} points outside the archive.`;
  return undefined;
}

const size = (bytes: number): string => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`);

export function checkTotal(total: number, archiveSize: number, limits: ZipLimits): void {
  if (total > limits.maxUnpackedBytes) {
    throw new Refusal(`The archive unpacks to more than ${size(limits.maxUnpackedBytes)}.`);
  }
  if (total > archiveSize * limits.maxRatio) {
    throw new Refusal(`The archive unpacks to more than ${limits.maxRatio} times its own size.`);
  }
}

/** What is learnt of one entry while it streams past: its real size, its head, and whether it is text. */
export interface EntrySink {
  size: number;
  readonly head: Uint8Array;
  text?: TextCheck;
  push(chunk: Uint8Array): void;
}

export function createEntrySink(name: string): EntrySink {
  const parts: Uint8Array[] = [];
  let headBytes = 0;
  const sink: EntrySink = {
    size: 0,
    get head() { return Buffer.concat(parts); },
    text: TEXT_LOG_NAME.test(name) ? createTextCheck() : undefined,
    push(chunk) {
      sink.size += chunk.length;
      sink.text?.push(chunk);
      if (headBytes >= PREFIX_BYTES) return;
      // A copy: the caller may reuse the memory the chunk lives in (unrar's WebAssembly heap does).
      const part = chunk.slice(0, PREFIX_BYTES - headBytes);
      parts.push(part);
      headBytes += part.length;
    },
  };
  return sink;
}

/** The kind of a fully streamed entry, or a refusal saying why it may not be in an archive. */
export function judgeEntry(name: string, streamed: Pick<EntrySink, "head" | "size" | "text">): ZipEntryKind {
  const kind = sniffPrefix(streamed.head, streamed.size);
  const shown = quote(name);
  if (kind === "zip" || kind === "rar") throw new Refusal(`The entry ${shown} is itself an archive; archives inside archives are not accepted.`);
  if (kind !== "unknown") return kind;
  if (streamed.text?.done()) return "text";
  throw new Refusal(`The entry ${shown} is not an image (PNG, GIF, JPEG, BMP) or a text log (.txt, .log).`);
}
