/**
 * Finds archives and programs hidden inside another file: a ZIP in a JPEG's comment segment, in a
 * GIF extension or a PNG chunk, a ZIP glued after a RAR, a self-extractor's program before a ZIP.
 * Such a file passes every structural check of its outer format, and after download `unzip` or
 * 7-Zip opens the payload all the same, because they look for their records anywhere.
 *
 * A bare 4-byte signature turns up by chance in a few MiB of compressed pixels, so each hit is
 * checked the way the extracting tools check it (an end record whose central directory is where
 * it says, a local header with sane fields, a PE header where the DOS header points). What is left
 * is what a tool would really open; a chance match of all of it is rarer than one file in a billion.
 */
import { startsWith } from "./bytes";
import { SCAN_BYTES, asReader, indexOf, u32leAt, type ByteReader, type Bytes } from "./reader";

const ZIP_LOCAL = Buffer.from("PK\x03\x04", "latin1");
const ZIP_END = Buffer.from("PK\x05\x06", "latin1");
const DOS_PROGRAM = Buffer.from("MZ", "latin1");
const ELF = Buffer.from("\x7fELF", "latin1");
const RAR_START = Buffer.from("Rar!\x1a\x07", "latin1");
const END_RECORD = 22;
// unzip looks for the end record in the last 22 bytes plus the longest comment it can announce.
const END_SEARCH = END_RECORD + 0xffff;
const ZIP_METHODS = new Set([0, 1, 6, 8, 9, 12, 14, 93, 95, 98, 99]);

export type Family = "zip" | "rar" | "7z" | "program";
export interface Embedded { what: string; family: Family; at: number }

interface ZipDirectory { end: number; directoryStart: number; declaredOffset: number }

const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const PE_SIGNATURE = 0x00004550;

/** The ZIP end-of-central-directory record at `e`, if its directory is really there. */
function endRecordAt(r: ByteReader, e: number): ZipDirectory | undefined {
  if (e < 0 || e + END_RECORD > r.size) return undefined;
  const b = r.read(e, END_RECORD);
  if (e + END_RECORD + b.readUInt16LE(20) > r.size) return undefined;
  const entriesHere = b.readUInt16LE(8);
  const entries = b.readUInt16LE(10);
  const directorySize = b.readUInt32LE(12);
  const declaredOffset = b.readUInt32LE(16);
  if (entries === 0xffff || directorySize === 0xffffffff || declaredOffset === 0xffffffff) {
    return u32leAt(r, e - 20) === ZIP64_LOCATOR_SIGNATURE ? { end: e, directoryStart: -1, declaredOffset } : undefined;
  }
  if (entries === 0 || entriesHere > entries || directorySize < 46 * entries || directorySize > e) return undefined;
  const directoryStart = e - directorySize;
  // Offsets are absolute in a plain archive and may be relative to its start when a prefix was glued on.
  const found = u32leAt(r, directoryStart) === CENTRAL_SIGNATURE || u32leAt(r, declaredOffset) === CENTRAL_SIGNATURE;
  return found ? { end: e, directoryStart, declaredOffset } : undefined;
}

/** A local file header at `at` whose fields a ZIP reader would take for one. */
function isLocalHeader(r: ByteReader, at: number): boolean {
  if (at + 30 > r.size) return false;
  const h = r.read(at, 30);
  const nameLength = h.readUInt16LE(26);
  if (h.readUInt16LE(4) > 63 || !ZIP_METHODS.has(h.readUInt16LE(8)) || nameLength === 0 || nameLength > 1024) return false;
  if (at + 30 + nameLength > r.size) return false;
  const name = r.read(at + 30, nameLength);
  for (let i = 0; i < nameLength; i++) if ((name[i] ?? 0) < 0x20) return false;
  return true;
}

function isWindowsProgram(r: ByteReader, at: number): boolean {
  if (at + 0x40 > r.size) return false;
  const pe = r.read(at + 0x3c, 4).readUInt32LE(0);
  return pe >= 0x40 && pe <= 0x1000 && u32leAt(r, at + pe) === PE_SIGNATURE;
}

const isLinuxProgram = (r: ByteReader, at: number): boolean =>
  (r.byte(at + 4) === 1 || r.byte(at + 4) === 2) && (r.byte(at + 5) === 1 || r.byte(at + 5) === 2) && r.byte(at + 6) === 1;

const RAR_SIGNATURE = 0x21726152; // "Rar!", then 1A 07 and a version byte
const SEVEN_ZIP_SIGNATURE = 0xafbc7a37; // "7z" BC AF, then 27 1C

const isRar = (r: ByteReader, at: number): boolean =>
  u32leAt(r, at) === RAR_SIGNATURE && r.byte(at + 4) === 0x1a && r.byte(at + 5) === 0x07 && (r.byte(at + 6) === 0 || (r.byte(at + 6) === 1 && r.byte(at + 7) === 0));
const isSevenZip = (r: ByteReader, at: number): boolean => u32leAt(r, at) === SEVEN_ZIP_SIGNATURE && r.byte(at + 4) === 0x27 && r.byte(at + 5) === 0x1c;

type Found = Omit<Embedded, "at">;
const ZIP: Found = { what: "a ZIP archive", family: "zip" };
const RAR: Found = { what: "a RAR archive", family: "rar" };
const SEVEN_ZIP: Found = { what: "a 7z archive", family: "7z" };
const WINDOWS: Found = { what: "a Windows program", family: "program" };
const LINUX: Found = { what: "a Linux program", family: "program" };

const FIRST_BYTES = new Uint8Array(256);
for (const byte of [0x50, 0x52, 0x37, 0x4d, 0x7f]) FIRST_BYTES[byte] = 1;

/** What starts at `at`, keyed on its first byte so that one pass serves every probe. */
function foundAt(r: ByteReader, at: number): Found | undefined {
  switch (r.byte(at)) {
    case 0x50: // "PK"
      if (r.byte(at + 1) !== 0x4b) return undefined;
      if (r.byte(at + 2) === 5 && r.byte(at + 3) === 6) return endRecordAt(r, at) ? ZIP : undefined;
      if (r.byte(at + 2) === 3 && r.byte(at + 3) === 4) return isLocalHeader(r, at) ? ZIP : undefined;
      return undefined;
    case 0x52: return isRar(r, at) ? RAR : undefined;
    case 0x37: return isSevenZip(r, at) ? SEVEN_ZIP : undefined;
    case 0x4d: return r.byte(at + 1) === 0x5a && isWindowsProgram(r, at) ? WINDOWS : undefined;
    case 0x7f: return r.byte(at + 1) === 0x45 && r.byte(at + 2) === 0x4c && r.byte(at + 3) === 0x46 && isLinuxProgram(r, at) ? LINUX : undefined;
    default: return undefined;
  }
}

/**
 * The first archive or program inside the file after its first byte, other than of the file's own
 * family (a ZIP's own records are its business; the entry rules judge what they hold). One pass
 * over the bytes, window by window, so a file packed with candidate signatures stays linear:
 * about 60 ms per MiB at worst here, against 10 for a normal file.
 */
export function findEmbeddedArchive(bytes: Bytes, own?: Family): Embedded | undefined {
  const r = asReader(bytes);
  const last = r.size - 1;
  for (let from = 1; from < last; from += SCAN_BYTES) {
    // A plain view for the hot loop: element reads on it are cheaper than on a Buffer.
    const chunk = r.read(from, Math.min(SCAN_BYTES, last - from));
    const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let i = 0; i < view.length; i++) {
      if (FIRST_BYTES[view[i]!] === 0) continue;
      const found = foundAt(r, from + i);
      if (found && found.family !== own) return { ...found, at: from + i };
    }
  }
  return undefined;
}

/** The ZIP directory a ZIP reader would find by searching back from the end, if any. */
export function findZipDirectory(bytes: Bytes): ZipDirectory | undefined {
  const r = asReader(bytes);
  const floor = Math.max(0, r.size - END_SEARCH);
  const tail = r.read(floor, r.size - floor);
  for (let e = tail.lastIndexOf(ZIP_END); e >= 0; e = e > 0 ? tail.lastIndexOf(ZIP_END, e - 1) : -1) {
    const found = endRecordAt(r, floor + e);
    if (found) return found;
  }
  return undefined;
}

function describePrefix(b: Uint8Array): string {
  if (startsWith(b, [...DOS_PROGRAM])) return "an executable program (a self-extracting archive)";
  if (startsWith(b, [...ELF])) return "an executable program";
  if (startsWith(b, [0x23, 0x21])) return "a script";
  return "data that is not part of the archive";
}

/** The refusal of an archive that starts `length` bytes into the file. */
export function prefixReason(bytes: Bytes, length: number, format: "ZIP" | "RAR"): string {
  return `It has ${length} bytes before its first entry: ${describePrefix(asReader(bytes).read(0, 4))}. We accept only plain ${format} files; pack the files again without a self-extractor.`;
}

/**
 * Why a ZIP that does not start with its first entry is refused, or undefined when it does. A
 * self-extractor's stub is itself a program, and whatever sits in front is stored and served
 * with the archive, so the archive is judged, and refused, as a ZIP with that prefix.
 */
export function zipPrefix(bytes: Bytes): string | undefined {
  const r = asReader(bytes);
  const head = r.read(0, 4);
  if (startsWith(head, [...ZIP_LOCAL]) || startsWith(head, [...ZIP_END])) return undefined;
  const directory = findZipDirectory(r);
  if (!directory) return undefined;
  // Relative offsets (a stub simply glued on) give the prefix's length; absolute ones (adjusted,
  // as `zip -A` does) leave the first local header to show where the archive begins.
  const relative = directory.directoryStart - directory.declaredOffset;
  const firstLocal = indexOf(r, ZIP_LOCAL);
  return prefixReason(r, relative > 0 ? relative : firstLocal > 0 ? firstLocal : directory.end, "ZIP");
}

/** Where a RAR 4 or 5 signature first stands after the file's first byte (unrar looks for one there too), or -1. */
export function rarStart(bytes: Bytes): number {
  const r = asReader(bytes);
  for (let at = indexOf(r, RAR_START, 1); at !== -1; at = indexOf(r, RAR_START, at + 1)) if (isRar(r, at)) return at;
  return -1;
}
