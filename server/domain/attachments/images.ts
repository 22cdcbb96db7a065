/**
 * Structural checks of the image formats we accept. Each full check walks the whole file and
 * demands that it ends exactly where the format says it ends: bytes after the end are how
 * polyglots (an image that is also HTML, a script or an archive) hide, so a file that has any is
 * not an image to us. The prefix checks are for entries inside a ZIP, where we keep only a head.
 */
import { crc32 } from "node:zlib";
import { i32le, startsWith, u16le, u32be, u32le } from "./bytes";
import { SCAN_BYTES, asReader, u16beAt, u32beAt, type ByteReader, type Bytes } from "./reader";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const GIF87 = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] as const;
const GIF89 = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] as const;

// A decoder refuses a critical chunk it does not know, so such a "PNG" is no image anywhere.
const KNOWN_CRITICAL_PNG = new Set(["IHDR", "PLTE", "IDAT", "IEND"]);
const PNG_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
};

/** The IHDR chunk at offset 8, complete with a matching CRC. */
function hasValidIhdr(b: Uint8Array): boolean {
  if (!startsWith(b, PNG_SIGNATURE) || b.length < 8 + 25) return false;
  if (u32be(b, 8) !== 13 || String.fromCharCode(...b.subarray(12, 16)) !== "IHDR") return false;
  if (crc32(b.subarray(12, 29)) !== u32be(b, 29)) return false;
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  const [depth = 0, color = 0, compression, filter, interlace = 9] = b.subarray(24, 29);
  const depthOk = PNG_DEPTHS[color]?.includes(depth) ?? false;
  return width > 0 && height > 0 && width < 2 ** 31 && height < 2 ** 31 && depthOk &&
    compression === 0 && filter === 0 && interlace <= 1;
}

export function isPng(bytes: Bytes): boolean {
  const r = asReader(bytes);
  if (!hasValidIhdr(r.read(0, 33))) return false;
  let pos = 8;
  let sawData = false;
  while (pos + 12 <= r.size) {
    const head = r.read(pos, 8);
    const length = head.readUInt32BE(0);
    if (length > 0x7fffffff || pos + 12 + length > r.size) return false;
    const type = head.toString("latin1", 4, 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return false;
    // The CRC runs over the type and the data, read window by window: a chunk can be the whole file.
    let crc = crc32(head.subarray(4, 8));
    for (let at = pos + 8, end = pos + 8 + length; at < end; at += SCAN_BYTES) crc = crc32(r.read(at, Math.min(SCAN_BYTES, end - at)), crc);
    if (crc !== u32beAt(r, pos + 8 + length)) return false;
    if (type === "IHDR" && pos !== 8) return false;
    if (type === "IDAT") sawData = true;
    if (/^[A-Z]/.test(type) && !KNOWN_CRITICAL_PNG.has(type)) return false;
    pos += 12 + length;
    if (type === "IEND") return length === 0 && sawData && pos === r.size;
  }
  return false;
}

export function isPngPrefix(b: Uint8Array): boolean {
  return hasValidIhdr(b);
}

/** Skips GIF data sub-blocks from `pos`; returns the offset after the terminator, or -1. */
function skipSubBlocks(r: ByteReader, pos: number): number {
  for (;;) {
    const size = r.byte(pos);
    if (size === undefined) return -1;
    pos += 1 + size;
    if (size === 0) return pos;
  }
}

const colorTableSize = (packed: number): number => (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);

export function isGifPrefix(b: Uint8Array): boolean {
  return (startsWith(b, GIF87) || startsWith(b, GIF89)) && b.length >= 13;
}

export function isGif(bytes: Bytes): boolean {
  const r = asReader(bytes);
  if (!isGifPrefix(r.read(0, 13))) return false;
  let pos = 13 + colorTableSize(r.byte(10) ?? 0);
  let images = 0;
  while (pos >= 0 && pos < r.size) {
    const introducer = r.byte(pos);
    if (introducer === 0x3b) return images > 0 && pos === r.size - 1;
    if (introducer === 0x21) {
      pos = skipSubBlocks(r, pos + 2);
    } else if (introducer === 0x2c) {
      if (pos + 11 > r.size) return false;
      pos += 10 + colorTableSize(r.byte(pos + 9) ?? 0);
      const lzwMinCodeSize = r.byte(pos) ?? 0;
      if (lzwMinCodeSize < 1 || lzwMinCodeSize > 11) return false;
      pos = skipSubBlocks(r, pos + 1);
      images += 1;
    } else {
      return false;
    }
  }
  return false;
}

const isFrameMarker = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
const isRestart = (m: number): boolean => m >= 0xd0 && m <= 0xd7;

/**
 * Walks one JPEG from SOI at `start` through its segments and entropy-coded scans; returns the
 * offset just after its EOI, or -1 when the structure breaks or no frame and scan came before it.
 */
function jpegEnd(r: ByteReader, start: number): number {
  if (r.byte(start) !== 0xff || r.byte(start + 1) !== 0xd8) return -1;
  let pos = start + 2;
  let sawFrame = false;
  let sawScan = false;
  for (;;) {
    if (r.byte(pos) !== 0xff) return -1;
    while (r.byte(pos) === 0xff) pos += 1;
    const marker = r.byte(pos);
    if (marker === undefined) return -1;
    pos += 1;
    if (marker === 0xd9) return sawScan ? pos : -1;
    if (marker === 0x00 || marker === 0xd8) return -1;
    if (marker === 0x01 || isRestart(marker)) continue;
    const length = u16beAt(r, pos);
    if (pos + 2 > r.size || length < 2 || pos + length > r.size) return -1;
    if (isFrameMarker(marker)) sawFrame = true;
    pos += length;
    if (marker !== 0xda) continue;
    if (!sawFrame) return -1;
    sawScan = true;
    pos = scanEnd(r, pos);
    if (pos < 0) return -1;
  }
}

/**
 * The end of entropy-coded data from `pos`: 0xFF is followed by a stuffed 0x00, a restart marker,
 * fill, or a marker, which ends it. Searched window by window for 0xFF.
 */
function scanEnd(r: ByteReader, pos: number): number {
  while (pos < r.size) {
    const chunk = r.read(pos, SCAN_BYTES);
    const i = chunk.indexOf(0xff);
    if (i === -1) {
      pos += chunk.length;
      continue;
    }
    pos += i;
    const next = r.byte(pos + 1);
    if (next === undefined) return -1;
    if (next === 0x00 || isRestart(next)) { pos += 2; continue; }
    return pos;
  }
  return pos;
}

/** SOI followed by a marker that may open a JPEG: APPn, DQT, DHT, DRI, COM or a frame header. */
export function isJpegPrefix(b: Uint8Array): boolean {
  const m = b[3] ?? 0;
  const opens = (m >= 0xe0 && m <= 0xef) || m === 0xdb || m === 0xc4 || m === 0xdd || m === 0xfe || isFrameMarker(m);
  return startsWith(b, [0xff, 0xd8, 0xff]) && opens;
}

export function isJpeg(bytes: Bytes): boolean {
  const r = asReader(bytes);
  let end = jpegEnd(r, 0);
  // Phones store extra pictures (MPF: depth, gain maps) as whole JPEGs right after the first EOI;
  // those are allowed, anything else after an EOI is not.
  while (end > 0 && end < r.size) end = jpegEnd(r, end);
  return end === r.size;
}

const DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const BMP_BIT_COUNTS = new Set([1, 2, 4, 8, 16, 24, 32]);

/** Bytes the header says the file needs: header and palette, then the pixel rows (or the compressed image). */
function bmpNeededSize(b: Uint8Array, dataOffset: number, core: boolean, width: number, height: number, bitCount: number): number {
  const compression = core ? 0 : u32le(b, 30);
  const uncompressed = compression === 0 || compression === 3 || compression === 6;
  if (!uncompressed) return dataOffset + Math.max(1, core ? 0 : u32le(b, 34));
  const rowBytes = Math.floor((width * bitCount + 31) / 32) * 4;
  return dataOffset + rowBytes * Math.abs(height);
}

/**
 * A BMP header consistent with `totalSize`, the length of the whole file. Many writers put a wrong
 * number (0, or a size without padding) in the file-size field, and every viewer ignores it; so a
 * disagreeing field is fine as long as the file holds all the pixels its header describes.
 */
export function isBmpHeader(b: Uint8Array, totalSize: number): boolean {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) return false;
  const dibSize = u32le(b, 14);
  const dataOffset = u32le(b, 10);
  if (!DIB_HEADER_SIZES.has(dibSize) || b.length < 14 + Math.min(dibSize, 40)) return false;
  if (dataOffset < 14 + dibSize || dataOffset >= totalSize) return false;
  const core = dibSize === 12;
  const width = core ? u16le(b, 18) : i32le(b, 18);
  const height = core ? u16le(b, 20) : i32le(b, 22);
  const planes = core ? u16le(b, 22) : u16le(b, 26);
  const bitCount = core ? u16le(b, 24) : u16le(b, 28);
  if (!(width > 0 && height !== 0 && planes === 1 && BMP_BIT_COUNTS.has(bitCount))) return false;
  return u32le(b, 2) === totalSize || totalSize >= bmpNeededSize(b, dataOffset, core, width, height, bitCount);
}
