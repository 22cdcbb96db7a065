/**
 * Finds archives and programs hidden inside another file: a ZIP in a JPEG's comment segment, in a
 * GIF extension or a PNG chunk, a ZIP glued after a RAR, a self-extractor's program before a ZIP.
 * Such a file passes every structural check of its outer format, and after download `unzip` or
 * 7-Zip opens the payload all the same, because they look for their records anywhere.
 *
 * A bare 4-byte signature turns up by chance in a few MiB of compressed pixels, so each hit is
 * checked the way the extracting tools check it (an end record whose central directory is where
 * it says, a local header with sane fields, a PE header where the DOS header points). What is left
 * is what a tool would really open; a chance match of all of it is below one in 2^40 per file.
 */
import { startsWith, u16le, u32le } from "./bytes";

const ZIP_LOCAL = Buffer.from("PK\x03\x04", "latin1");
const ZIP_CENTRAL = Buffer.from("PK\x01\x02", "latin1");
const ZIP_END = Buffer.from("PK\x05\x06", "latin1");
const ZIP64_LOCATOR = [0x50, 0x4b, 0x06, 0x07] as const;
const RAR = Buffer.from("Rar!\x1a\x07", "latin1");
const SEVEN_ZIP = Buffer.from("7z\xbc\xaf\x27\x1c", "latin1");
const DOS_PROGRAM = Buffer.from("MZ", "latin1");
const ELF = Buffer.from("\x7fELF", "latin1");
const END_RECORD = 22;
// unzip looks for the end record in the last 22 bytes plus the longest comment it can announce.
const END_SEARCH = END_RECORD + 0xffff;
const ZIP_METHODS = new Set([0, 1, 6, 8, 9, 12, 14, 93, 95, 98, 99]);

export type Family = "zip" | "rar" | "7z" | "program";
export interface Embedded { what: string; family: Family; at: number }

interface ZipDirectory { end: number; directoryStart: number; declaredOffset: number }

/** The ZIP end-of-central-directory record at `e`, if its directory is really there. */
function endRecordAt(b: Uint8Array, e: number): ZipDirectory | undefined {
  if (e < 0 || e + END_RECORD > b.length || !startsWith(b, [...ZIP_END], e)) return undefined;
  if (e + END_RECORD + u16le(b, e + 20) > b.length) return undefined;
  const entriesHere = u16le(b, e + 8);
  const entries = u16le(b, e + 10);
  const directorySize = u32le(b, e + 12);
  const declaredOffset = u32le(b, e + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || declaredOffset === 0xffffffff) {
    return startsWith(b, ZIP64_LOCATOR, e - 20) ? { end: e, directoryStart: -1, declaredOffset } : undefined;
  }
  if (entries === 0 || entriesHere > entries || directorySize < 46 * entries || directorySize > e) return undefined;
  const directoryStart = e - directorySize;
  // Offsets are absolute in a plain archive and may be relative to its start when a prefix was glued on.
  const found = startsWith(b, [...ZIP_CENTRAL], directoryStart) || startsWith(b, [...ZIP_CENTRAL], declaredOffset);
  return found ? { end: e, directoryStart, declaredOffset } : undefined;
}

/** A local file header at `at` whose fields a ZIP reader would take for one. */
function isLocalHeader(b: Uint8Array, at: number): boolean {
  const version = u16le(b, at + 4);
  const nameLength = u16le(b, at + 26);
  if (version > 63 || !ZIP_METHODS.has(u16le(b, at + 8)) || nameLength === 0 || nameLength > 1024) return false;
  if (at + 30 + nameLength > b.length) return false;
  return !b.subarray(at + 30, at + 30 + nameLength).some((c) => c < 0x20);
}

function isWindowsProgram(b: Uint8Array, at: number): boolean {
  if (at + 0x40 > b.length) return false;
  const pe = u32le(b, at + 0x3c);
  return pe >= 0x40 && pe <= 0x1000 && startsWith(b, [0x50, 0x45, 0, 0], at + pe);
}

const isLinuxProgram = (b: Uint8Array, at: number): boolean =>
  [1, 2].includes(b[at + 4] ?? 0) && [1, 2].includes(b[at + 5] ?? 0) && b[at + 6] === 1;

interface Probe { family: Family; what: string; signature: Buffer; valid(b: Uint8Array, at: number): boolean }

const PROBES: readonly Probe[] = [
  { family: "zip", what: "a ZIP archive", signature: ZIP_END, valid: (b, at) => endRecordAt(b, at) !== undefined },
  { family: "zip", what: "a ZIP archive", signature: ZIP_LOCAL, valid: isLocalHeader },
  { family: "rar", what: "a RAR archive", signature: RAR, valid: (b, at) => b[at + 6] === 0 || (b[at + 6] === 1 && b[at + 7] === 0) },
  { family: "7z", what: "a 7z archive", signature: SEVEN_ZIP, valid: () => true },
  { family: "program", what: "a Windows program", signature: DOS_PROGRAM, valid: isWindowsProgram },
  { family: "program", what: "a Linux program", signature: ELF, valid: isLinuxProgram },
];

/**
 * The first archive or program inside `bytes` after its first byte, other than of the file's own
 * family (a ZIP's own records are its business; the entry rules judge what they hold).
 */
export function findEmbeddedArchive(bytes: Uint8Array, own?: Family): Embedded | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let first: Embedded | undefined;
  for (const probe of PROBES) {
    if (probe.family === own) continue;
    for (let at = buf.indexOf(probe.signature, 1); at !== -1; at = buf.indexOf(probe.signature, at + 1)) {
      if (first && at >= first.at) break;
      if (probe.valid(buf, at)) { first = { what: probe.what, family: probe.family, at }; break; }
    }
  }
  return first;
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
  const length = relative > 0 ? relative : firstLocal > 0 ? firstLocal : directory.end;
  return `It has ${length} bytes before its first entry: ${describePrefix(bytes)}. We accept only plain ZIP files; zip the files again without a self-extractor.`;
}
