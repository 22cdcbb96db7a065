/**
 * Inspects a RAR (1.4, 1.5–4.x and 5.x) under the same entry rules as a ZIP (entry-rules.ts).
 * Reading is done by node-unrar-js: RARLAB's own unrar, compiled to WebAssembly, so whatever unrar
 * would extract is what we judge, and there is no native build. Two passes, as for a ZIP: the file
 * list (names, flags, declared sizes) refuses most bad archives before anything is unpacked; then
 * every file is unpacked into a counting sink that keeps only its first bytes, never the file
 * (unrar-instance.ts).
 */
import { UnrarError, type FileHeader } from "node-unrar-js";
import { startsWith } from "./bytes";
import { findEmbeddedArchive, prefixReason, rarStart } from "./embedded";
import { largestRar5Window } from "./rar5-dictionary";
import { InspectingExtractor, MAX_MEMORY, install, loadUnrar, release, type UnrarModule } from "./unrar-instance";
import {
  DEFAULT_ZIP_LIMITS, Refusal, checkTotal, judgeEntry, quote, unsafeName,
  type ArchiveLimits, type ArchiveVerdict, type EntrySink, type ZipEntryInfo,
} from "./entry-rules";

const DAMAGED = "The archive is damaged or is not a RAR file we can read.";
const VOLUME = "It is one part of a multi-volume archive; send the whole archive as one file.";
const ENCRYPTED_LIST = "Its list of files is encrypted with a password, so we cannot check what it holds. Send it without header encryption, or as a ZIP.";

const MiB = 1024 * 1024;
const RAR5 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00] as const;
// RAR's default dictionary is 32 MiB (4 MiB before RAR 5); unrar allocates what the header says.
const MAX_WINDOW = 64 * MiB;

/** Pass 1: the file list. Every header is read (unrar frees its archive only at the end of the list). */
function checkList(unrar: UnrarModule, bytes: Uint8Array, limits: ArchiveLimits): void {
  const list = install(unrar, new InspectingExtractor(unrar, bytes)).getFileList();
  const { headerEncrypted, volume } = list.arcHeader.flags;
  let problem = headerEncrypted ? new Refusal(ENCRYPTED_LIST) : volume ? new Refusal(VOLUME) : undefined;
  let count = 0;
  let declared = 0;
  try {
    for (const header of list.fileHeaders) {
      count += 1;
      if (problem) continue;
      try {
        if (count > limits.maxEntries) throw new Refusal(`The archive holds more than ${limits.maxEntries} entries.`);
        const unsafe = unsafeName(header.name);
        if (unsafe) throw new Refusal(unsafe);
        if (header.flags.encrypted) throw new Refusal(`The entry ${quote(header.name)} is encrypted.`);
        declared += header.unpSize;
        checkTotal(declared, bytes.length, limits);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        problem = err;
      }
    }
  } catch (err) {
    // A volume's list runs on into the next volume, which is not there: say what it is instead.
    throw volume ? new Refusal(VOLUME) : err;
  }
  if (problem) throw problem;
}

/** Pass 2: unpacks every file, counting real bytes against the limits, and judges each. */
function checkContents(unrar: UnrarModule, bytes: Uint8Array, limits: ArchiveLimits): ZipEntryInfo[] {
  let total = 0;
  const extractor = install(unrar, new InspectingExtractor(unrar, bytes, (n) => {
    total += n;
    checkTotal(total, bytes.length, limits);
  }));
  const entries: ZipEntryInfo[] = [];
  let problem: Refusal | undefined;
  // Once something is refused, the rest is skipped rather than unpacked, but still walked to the end.
  const { files } = extractor.extract({ files: () => problem === undefined });
  try {
    for (const { fileHeader: header } of files) {
      const sink = extractor.current;
      extractor.current = undefined;
      try {
        entries.push(judgeUnpacked(header, sink));
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        problem ??= err;
      }
    }
  } catch (err) {
    throw extractor.overLimit ?? err;
  }
  if (problem) throw problem;
  return entries;
}

function judgeUnpacked(header: FileHeader, sink: EntrySink | undefined): ZipEntryInfo {
  const shown = quote(header.name);
  if (header.flags.directory) {
    if (header.unpSize !== 0) throw new Refusal(DAMAGED);
    return { name: `${header.name}/`, size: 0, kind: "directory" };
  }
  // unrar writes no data for a symbolic link, hard link or file reference: it makes the link.
  if (!sink || sink.size !== header.unpSize) throw new Refusal(`The entry ${shown} is a link or not a regular file.`);
  return { name: header.name, size: sink.size, kind: judgeEntry(header.name, sink) };
}

function reasonOf(err: unknown): string {
  if (err instanceof Refusal) return err.message;
  if (err instanceof UnrarError && (err.reason === "ERAR_MISSING_PASSWORD" || err.reason === "ERAR_BAD_PASSWORD")) return ENCRYPTED_LIST;
  if (err instanceof UnrarError && err.reason === "ERAR_EREFERENCE") return "It holds a file that refers to another file instead of data.";
  if (err instanceof UnrarError && err.reason === "ERAR_NO_MEMORY") return `Unpacking it needs more than the ${MAX_MEMORY / MiB} MiB of memory we allow.`;
  return DAMAGED;
}

const RAR_SIGNATURES = [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00], RAR5, [0x52, 0x45, 0x7e, 0x5e]] as const;

/** What can be refused before unrar runs: a prefix (a self-extractor), or a window too large. */
function checkBeforeUnrar(bytes: Uint8Array): void {
  if (!RAR_SIGNATURES.some((s) => startsWith(bytes, s))) {
    const start = rarStart(bytes);
    throw new Refusal(start > 0 ? prefixReason(bytes, start, "RAR") : DAMAGED);
  }
  if (!startsWith(bytes, RAR5)) return;
  const window = largestRar5Window(bytes);
  if (window > MAX_WINDOW) {
    throw new Refusal(`It was made with a ${window / MiB} MiB dictionary; we unpack RAR archives made with up to ${MAX_WINDOW / MiB} MiB (RAR's default is 32 MiB).`);
  }
}

export async function inspectRar(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<ArchiveVerdict> {
  const effective: ArchiveLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  try {
    checkBeforeUnrar(bytes);
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
  const unrar = await loadUnrar();
  try {
    checkList(unrar, bytes, effective);
    const entries = checkContents(unrar, bytes, effective);
    // After the entries, so that an archive inside an entry is named as that entry. unrar stops at
    // the archive's end, so an archive glued after it would pass unseen otherwise.
    const hidden = findEmbeddedArchive(bytes, "rar");
    if (hidden) throw new Refusal(`It also carries ${hidden.what} at byte ${hidden.at}, outside its entries.`);
    return { ok: true, entries };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  } finally {
    release(unrar);
  }
}
