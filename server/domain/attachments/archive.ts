/**
 * Inspects a ZIP without trusting anything it declares. Two passes over one open archive: the
 * first reads only the central directory and local headers (names, types, flags, declared sizes)
 * so that most bad archives are refused before a byte is inflated; the second inflates every file
 * entry as a stream, counting the real bytes, and stops the moment a limit is passed. Only the
 * first PREFIX_BYTES of an entry are kept, so a zip bomb never reaches memory.
 *
 * yauzl reads the archive (central directory first, bounds-checked, and it fails a stream whose
 * real size differs from the declared one). We decode names ourselves (decodeStrings: false) so
 * that every name rule below is ours and gives a sentence a person can read.
 */
import { crc32 } from "node:zlib";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { sniffPrefix, type SniffedKind } from "./sniff";
import { createTextCheck, type TextCheck } from "./text";

const MiB = 1024 * 1024;

export interface ZipLimits {
  maxUnpackedBytes: number;
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxUnpackedBytes: 100 * MiB,
  maxRatio: 100,
  maxEntries: 1000,
};

export type ZipEntryKind = Exclude<SniffedKind, "zip" | "rar" | "unknown"> | "text" | "directory";
export interface ZipEntryInfo { name: string; size: number; kind: ZipEntryKind }
export type ZipVerdict = { ok: true; entries: ZipEntryInfo[] } | { ok: false; reason: string };

const PREFIX_BYTES = 64 * 1024;
const TEXT_LOG_NAME = /\.(txt|log)$/i;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const STORED = 0;
const DEFLATED = 8;

/** A refusal with its reason; anything else thrown while reading means the archive is damaged. */
class Refusal extends Error {}

const DAMAGED = "The archive is damaged or is not a ZIP file we can read.";
const quote = (name: string): string => JSON.stringify(name.length > 100 ? `${name.slice(0, 100)}…` : name);

/** Why a stored name is unsafe to extract, or undefined when it is safe. */
function unsafeName(name: string): string | undefined {
  const shown = quote(name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?"));
  if (name === "" || /[\u0000-\u001f\u007f-\u009f]/.test(name)) return `The entry ${shown} has an invalid name.`;
  // A backslash is a separator on Windows: "..\\x" climbs out there even where "/" rules pass.
  if (name.includes("\\")) return `The entry ${shown} uses a backslash in its path, which could point outside the archive.`;
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return `The entry ${shown} has an absolute path outside the archive.`;
  if (name.split("/").includes("..")) return `The entry ${shown} points outside the archive.`;
  return undefined;
}

/**
 * An entry's names as different extractors would see them: yauzl prefers the Info-ZIP Unicode
 * path field, other tools use the raw name, so both must be safe.
 */
function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw;
  const preferred = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
  const plain = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, [], true);
  const problem = unsafeName(plain) ?? unsafeName(preferred);
  if (problem) throw new Refusal(problem);
  return preferred;
}

/** Pass 1: everything that can be judged without inflating. Returns the entries to stream. */
async function checkDirectory(zip: ZipFile, archiveSize: number, limits: ZipLimits): Promise<{ entry: Entry; name: string }[]> {
  if (zip.entryCount > limits.maxEntries) throw new Refusal(`The archive holds more than ${limits.maxEntries} entries.`);
  const entries: { entry: Entry; name: string }[] = [];
  let declared = 0;
  for await (const entry of zip.eachEntry()) {
    const name = entryName(entry);
    const shown = quote(name);
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) throw new Refusal(`The entry ${shown} is a symbolic link.`);
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw new Refusal(`The entry ${shown} is not a regular file.`);
    if (entry.isEncrypted()) throw new Refusal(`The entry ${shown} is encrypted.`);
    if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
      throw new Refusal(`The entry ${shown} uses a compression method we cannot read.`);
    }
    // Streaming extractors trust the local header's name: it must be the one we checked.
    const local = await zip.readLocalFileHeaderPromise(entry);
    if (!local.fileName.equals(entry.fileNameRaw)) throw new Refusal(DAMAGED);
    // A lie about sizes is caught while streaming; an honest bomb is refused here, uninflated.
    declared += entry.uncompressedSize;
    checkTotal(declared, archiveSize, limits);
    entries.push({ entry, name });
  }
  return entries;
}

const size = (bytes: number): string => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`);

function checkTotal(total: number, archiveSize: number, limits: ZipLimits): void {
  if (total > limits.maxUnpackedBytes) {
    throw new Refusal(`The archive unpacks to more than ${size(limits.maxUnpackedBytes)}.`);
  }
  if (total > archiveSize * limits.maxRatio) {
    throw new Refusal(`The archive unpacks to more than ${limits.maxRatio} times its own size.`);
  }
}

interface Streamed { size: number; head: Uint8Array; text?: TextCheck }

/** Pass 2 for one entry: inflates it, counting into `progress.total` against the limits. */
async function streamEntry(zip: ZipFile, entry: Entry, isTextName: boolean, progress: { total: number }, archiveSize: number, limits: ZipLimits): Promise<Streamed> {
  const stream = await zip.openReadStreamPromise(entry);
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  let crc = 0;
  const text = isTextName ? createTextCheck() : undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      progress.total += chunk.length;
      checkTotal(progress.total, archiveSize, limits);
      crc = crc32(chunk, crc);
      text?.push(chunk);
      if (headBytes < PREFIX_BYTES) {
        const part = chunk.subarray(0, PREFIX_BYTES - headBytes);
        head.push(part);
        headBytes += part.length;
      }
    }
  } finally {
    stream.destroy();
  }
  if (crc !== entry.crc32) throw new Refusal(DAMAGED);
  return { size, head: Buffer.concat(head), text };
}

function judgeEntry(name: string, streamed: Streamed): ZipEntryKind {
  const kind = sniffPrefix(streamed.head, streamed.size);
  const shown = quote(name);
  if (kind === "zip" || kind === "rar") throw new Refusal(`The entry ${shown} is itself an archive; archives inside archives are not accepted.`);
  if (kind !== "unknown") return kind;
  if (streamed.text?.done()) return "text";
  throw new Refusal(`The entry ${shown} is not an image (PNG, GIF, JPEG, BMP) or a text log (.txt, .log).`);
}

export async function inspectZip(bytes: Buffer, limits: Partial<ZipLimits> = {}): Promise<ZipVerdict> {
  const effective: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  let zip: ZipFile | undefined;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true });
    const toRead = await checkDirectory(zip, bytes.length, effective);
    const entries: ZipEntryInfo[] = [];
    const progress = { total: 0 };
    for (const { entry, name } of toRead) {
      if (name.endsWith("/")) {
        if (entry.uncompressedSize !== 0) throw new Refusal(DAMAGED);
        entries.push({ name, size: 0, kind: "directory" });
        continue;
      }
      const streamed = await streamEntry(zip, entry, TEXT_LOG_NAME.test(name), progress, bytes.length, effective);
      entries.push({ name, size: streamed.size, kind: judgeEntry(name, streamed) });
    }
    return { ok: true, entries };
  } catch (err) {
    return { ok: false, reason: err instanceof Refusal ? err.message : DAMAGED };
  } finally {
    zip?.close();
  }
}
