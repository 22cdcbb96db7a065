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

// Buffer's own readers, not DataViews: a hostile file can hold millions of candidate signatures.
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const PE_SIGNATURE = 0x00004550;
const u32At = (b: Buffer, at: number): number => (at >= 0 && at + 4 <= b.length ? b.readUInt32LE(at) : -1);

/** The ZIP end-of-central-directory record at `e`, if its directory is really there. */
function endRecordAt(b: Buffer, e: number): ZipDirectory | undefined {
  if (e < 0 || e + END_RECORD > b.length) return undefined;
  if (e + END_RECORD + b.readUInt16LE(e + 20) > b.length) return undefined;
  const entriesHere = b.readUInt16LE(e + 8);
  const entries = b.readUInt16LE(e + 10);
  const directorySize = b.readUInt32LE(e + 12);
  const declaredOffset = b.readUInt32LE(e + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || declaredOffset === 0xffffffff) {
    return u32At(b, e - 20) === ZIP64_LOCATOR_SIGNATURE ? { end: e, directoryStart: -1, declaredOffset } : undefined;
  }
  if (entries === 0 || entriesHere > entries || directorySize < 46 * entries || directorySize > e) return undefined;
  const directoryStart = e - directorySize;
  // Offsets are absolute in a plain archive and may be relative to its start when a prefix was glued on.
  const found = u32At(b, directoryStart) === CENTRAL_SIGNATURE || u32At(b, declaredOffset) === CENTRAL_SIGNATURE;
  return found ? { end: e, directoryStart, declaredOffset } : undefined;
}

/** A local file header at `at` whose fields a ZIP reader would take for one. */
function isLocalHeader(b: Buffer, at: number): boolean {
  if (at + 30 > b.length) return false;
  const nameLength = b.readUInt16LE(at + 26);
  if (b.readUInt16LE(at + 4) > 63 || !ZIP_METHODS.has(b.readUInt16LE(at + 8)) || nameLength === 0 || nameLength > 1024) return false;
  if (at + 30 + nameLength > b.length) return false;
  for (let i = at + 30; i < at + 30 + nameLength; i++) if ((b[i] ?? 0) < 0x20) return false;
  return true;
}

function isWindowsProgram(b: Buffer, at: number): boolean {
  if (at + 0x40 > b.length) return false;
  const pe = b.readUInt32LE(at + 0x3c);
  return pe >= 0x40 && pe <= 0x1000 && u32At(b, at + pe) === PE_SIGNATURE;
}

const isLinuxProgram = (b: Buffer, at: number): boolean =>
  (b[at + 4] === 1 || b[at + 4] === 2) && (b[at + 5] === 1 || b[at + 5] === 2) && b[at + 6] === 1;

const RAR_SIGNATURE = 0x21726152; // "Rar!", then 1A 07 and a version byte
const SEVEN_ZIP_SIGNATURE = 0xafbc7a37; // "7z" BC AF, then 27 1C

const isRar = (b: Buffer, at: number): boolean =>
  u32At(b, at) === RAR_SIGNATURE && b[at + 4] === 0x1a && b[at + 5] === 0x07 && (b[at + 6] === 0 || (b[at + 6] === 1 && b[at + 7] === 0));
const isSevenZip = (b: Buffer, at: number): boolean => u32At(b, at) === SEVEN_ZIP_SIGNATURE && b[at + 4] === 0x27 && b[at + 5] === 0x1c;

type Found = Omit<Embedded, "at">;
const ZIP: Found = { what: "a ZIP archive", family: "zip" };
const RAR: Found = { what: "a RAR archive", family: "rar" };
const SEVEN_ZIP: Found = { what: "a 7z archive", family: "7z" };
const WINDOWS: Found = { what: "a Windows program", family: "program" };
const LINUX: Found = { what: "a Linux program", family: "program" };

const FIRST_BYTES = new Uint8Array(256);
for (const byte of [0x50, 0x52, 0x37, 0x4d, 0x7f]) FIRST_BYTES[byte] = 1;

/** What starts at `at`, keyed on its first byte so that one pass serves every probe. */
function foundAt(b: Buffer, at: number): Found | undefined {
  switch (b[at]) {
    case 0x50: // "PK"
      if (b[at + 1] !== 0x4b) return undefined;
      if (b[at + 2] === 5 && b[at + 3] === 6) return endRecordAt(b, at) ? ZIP : undefined;
      if (b[at + 2] === 3 && b[at + 3] === 4) return isLocalHeader(b, at) ? ZIP : undefined;
      return undefined;
    case 0x52: return isRar(b, at) ? RAR : undefined;
    case 0x37: return isSevenZip(b, at) ? SEVEN_ZIP : undefined;
    case 0x4d: return b[at + 1] === 0x5a && isWindowsProgram(b, at) ? WINDOWS : undefined;
    case 0x7f: return b[at + 1] === 0x45 && b[at + 2] === 0x4c && b[at + 3] === 0x46 && isLinuxProgram(b, at) ? LINUX : undefined;
    default: return undefined;
  }
}

/**
 * The first archive or program inside `bytes` after its first byte, other than of the file's own
 * family (a ZIP's own records are its business; the entry rules judge what they hold). One pass
 * over the bytes, so a file packed with candidate signatures stays linear: about 60 ms per MiB at
 * worst here, against 10 for a normal file.
 */
export function findEmbeddedArchive(bytes: Uint8Array, own?: Family): Embedded | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A plain view for the hot loop: element reads on it are cheaper than on a Buffer.
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const last = view.length - 1;
  for (let at = 1; at < last; at++) {
    if (FIRST_BYTES[view[at]!] === 0) continue;
    const found = foundAt(buf, at);
    if (found && found.family !== own) return { ...found, at };
  }
  return undefined;
}

/** The ZIP directory a ZIP reader would find by searching back from the end, if any. */
export function findZipDirectory(bytes: Uint8Array): ZipDirectory | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const floor = Math.max(0, buf.length - END_SEARCH);
  for (let e = buf.lastIndexOf(ZIP_END); e >= floor; e = e > 0 ? buf.lastIndexOf(ZIP_END, e - 1) : -1) {
    const found = endRecordAt(buf, e);
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
export function prefixReason(bytes: Uint8Array, length: number, format: "ZIP" | "RAR"): string {
  return `It has ${length} bytes before its first entry: ${describePrefix(bytes)}. We accept only plain ${format} files; pack the files again without a self-extractor.`;
}

/**
 * Why a ZIP that does not start with its first entry is refused, or undefined when it does. A
 * self-extractor's stub is itself a program, and whatever sits in front is stored and served
 * with the archive, so the archive is judged, and refused, as a ZIP with that prefix.
 */
export function zipPrefix(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [...ZIP_LOCAL]) || startsWith(bytes, [...ZIP_END])) return undefined;
  const directory = findZipDirectory(bytes);
  if (!directory) return undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Relative offsets (a stub simply glued on) give the prefix's length; absolute ones (adjusted,
  // as `zip -A` does) leave the first local header to show where the archive begins.
  const relative = directory.directoryStart - directory.declaredOffset;
  const firstLocal = buf.indexOf(ZIP_LOCAL);
  return prefixReason(bytes, relative > 0 ? relative : firstLocal > 0 ? firstLocal : directory.end, "ZIP");
}

/** Where a RAR 4 or 5 signature first stands after the file's first byte (unrar looks for one there too), or -1. */
export function rarStart(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buf.indexOf(RAR_START, 1); at !== -1; at = buf.indexOf(RAR_START, at + 1)) if (isRar(buf, at)) return at;
  return -1;
}
