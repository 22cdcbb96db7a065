/**
 * Names a file's type from its bytes alone. Names and declared types are never consulted: they
 * are what an attacker controls. Anything that is not exactly one of the known formats (including
 * a valid image with anything glued after it) is "unknown".
 */
import { startsWith } from "./bytes";
import { findZipDirectory, rarStart } from "./embedded";
import { asReader, type ByteReader, type Bytes } from "./reader";
import { isBmpHeader, isGif, isGifPrefix, isJpeg, isJpegPrefix, isPng, isPngPrefix } from "./images";

export { isTextLog } from "./text";

export type SniffedKind = "png" | "gif" | "jpeg" | "bmp" | "zip" | "rar" | "unknown";

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04] as const;
const ZIP_END_OF_DIRECTORY = [0x50, 0x4b, 0x05, 0x06] as const;
const RAR4 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00] as const;
const RAR5 = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00] as const;
// RAR 1.4 (1993–1995) had its own signature; unrar still reads it, so it is a RAR to us too.
const RAR14 = [0x52, 0x45, 0x7e, 0x5e] as const;
const IMAGE_SIGNATURES = [[0x89, 0x50, 0x4e, 0x47], [0x47, 0x49, 0x46, 0x38], [0xff, 0xd8, 0xff]] as const;
// End-of-directory record (22 bytes) plus the longest comment it can announce.
const MAX_EMPTY_ZIP = 22 + 0xffff;
const HEAD_BYTES = 64;

/**
 * Archives are only recognised here; whether their content is acceptable is for the archive
 * inspection, which reads them from their central directory.
 */
function archiveKind(b: Uint8Array, size: number = b.length): "zip" | "rar" | undefined {
  if (startsWith(b, ZIP_LOCAL_HEADER)) return "zip";
  if (startsWith(b, ZIP_END_OF_DIRECTORY) && size >= 22 && size <= MAX_EMPTY_ZIP) return "zip";
  if (startsWith(b, RAR4) || startsWith(b, RAR5) || startsWith(b, RAR14)) return "rar";
  return undefined;
}

/**
 * A ZIP or RAR behind a prefix (a self-extractor's program, or anything glued in front) is what
 * their readers open, so it is judged as such, and its prefix is the archive inspection's to refuse.
 * A file that begins as an image is judged as an image instead: an image carrying an archive.
 */
function prefixedArchive(r: ByteReader, head: Uint8Array): "zip" | "rar" | undefined {
  if (IMAGE_SIGNATURES.some((s) => startsWith(head, s))) return undefined;
  if (findZipDirectory(r)) return "zip";
  // unrar finds a RAR behind a self-extractor's program the same way.
  return rarStart(r) > 0 ? "rar" : undefined;
}

/** The whole file, walked structurally to its last byte. */
export function sniff(bytes: Bytes): SniffedKind {
  const r = asReader(bytes);
  if (isPng(r)) return "png";
  if (isGif(r)) return "gif";
  if (isJpeg(r)) return "jpeg";
  // Every header check below reads its fields within the first 64 bytes.
  const head = Buffer.from(r.read(0, HEAD_BYTES));
  if (isBmpHeader(head, r.size)) return "bmp";
  return archiveKind(head, r.size) ?? prefixedArchive(r, head) ?? "unknown";
}

/**
 * Only the head of a file (an entry inside a ZIP, of which we keep the first bytes), checked as
 * far as the head allows. `totalSize` is the file's full length, which BMP headers must state.
 */
export function sniffPrefix(head: Uint8Array, totalSize: number = head.length): SniffedKind {
  if (isPngPrefix(head)) return "png";
  if (isGifPrefix(head)) return "gif";
  if (isJpegPrefix(head)) return "jpeg";
  if (isBmpHeader(head, totalSize)) return "bmp";
  return archiveKind(head) ?? "unknown";
}
