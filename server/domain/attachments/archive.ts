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
import { findEmbeddedArchive, zipPrefix } from "./embedded";
import { FileReader, type Bytes } from "./reader";
import {
  DEFAULT_ZIP_LIMITS, Refusal, checkTotal, createEntrySink, judgeEntry, quote, unsafeName,
  type EntrySink, type ZipEntryInfo, type ZipLimits, type ZipVerdict,
} from "./entry-rules";

export { DEFAULT_ZIP_LIMITS };
export type { ZipEntryInfo, ZipEntryKind, ZipLimits, ZipVerdict } from "./entry-rules";

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const STORED = 0;
const DEFLATED = 8;

const DAMAGED = "The archive is damaged or is not a ZIP file we can read.";

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

/** Pass 2 for one entry: inflates it, counting into `progress.total` against the limits. */
async function streamEntry(zip: ZipFile, entry: Entry, name: string, progress: { total: number }, archiveSize: number, limits: ZipLimits): Promise<EntrySink> {
  const stream = await zip.openReadStreamPromise(entry);
  const sink = createEntrySink(name);
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      progress.total += chunk.length;
      checkTotal(progress.total, archiveSize, limits);
      crc = crc32(chunk, crc);
      sink.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  if (crc !== entry.crc32) throw new Refusal(DAMAGED);
  return sink;
}

/*
 * What a ZIP must not carry besides its entries: bytes before the first entry (a self-extractor's
 * program, or a file the archive was glued to) and other archives hidden between or after entries.
 */
function checkPrefix(bytes: Bytes): void {
  const prefix = zipPrefix(bytes);
  if (prefix) throw new Refusal(prefix);
}

/** Checked after the entries, so that an archive inside an entry is named as that entry. */
function checkHidden(bytes: Bytes): void {
  const hidden = findEmbeddedArchive(bytes, "zip");
  if (hidden) throw new Refusal(`It also carries ${hidden.what} at byte ${hidden.at}, outside its entries.`);
}

/**
 * A ZIP in memory, or in a file (an upload's temporary file: yauzl opens it by its path and reads
 * it a directory and an entry at a time, never the whole archive).
 */
export async function inspectZip(source: Buffer | FileReader, limits: Partial<ZipLimits> = {}): Promise<ZipVerdict> {
  const effective: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const size = source instanceof FileReader ? source.size : source.length;
  let zip: ZipFile | undefined;
  try {
    checkPrefix(source);
    const options = { autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true };
    zip = source instanceof FileReader ? await yauzl.openPromise(source.path, options) : await yauzl.fromBufferPromise(source, options);
    const toRead = await checkDirectory(zip, size, effective);
    const entries: ZipEntryInfo[] = [];
    const progress = { total: 0 };
    for (const { entry, name } of toRead) {
      if (name.endsWith("/")) {
        if (entry.uncompressedSize !== 0) throw new Refusal(DAMAGED);
        entries.push({ name, size: 0, kind: "directory" });
        continue;
      }
      const streamed = await streamEntry(zip, entry, name, progress, size, effective);
      entries.push({ name, size: streamed.size, kind: judgeEntry(name, streamed) });
    }
    checkHidden(source);
    return { ok: true, entries };
  } catch (err) {
    return { ok: false, reason: err instanceof Refusal ? err.message : DAMAGED };
  } finally {
    zip?.close();
  }
}
