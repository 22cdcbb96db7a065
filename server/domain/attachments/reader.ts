/**
 * What the byte judges read: a file's bytes by position, from memory (a mail attachment, a test)
 * or from a file on disk (an upload streamed to a temporary file). The walkers ask for small
 * ranges and the scans for windows of SCAN_BYTES, so judging a 10 MiB upload holds a few hundred
 * KiB, not the file.
 *
 * File reads are synchronous preads: the walkers are synchronous CPU work over a file that was
 * just written (so in the page cache), and a read of 256 KiB from there costs less than the
 * promise it would take to await it.
 */
import fs from "node:fs";

/** The size of a scan's window: large enough that a scan is a few dozen reads per MiB. */
export const SCAN_BYTES = 256 * 1024;
const PROBE_BYTES = 8 * 1024;

export interface ByteReader {
  readonly size: number;
  /**
   * Bytes [at, at + length), cut at the end of the file. For a file, the buffer may be the
   * reader's window, which the next read of more than a probe's size refills in place: use it
   * before reading on (small reads, up to 8 KiB, never touch it).
   */
  read(at: number, length: number): Buffer;
  /** One byte, or undefined outside the file (as indexing a Uint8Array gives). */
  byte(at: number): number | undefined;
}

export class MemoryReader implements ByteReader {
  readonly bytes: Buffer;
  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get size(): number {
    return this.bytes.length;
  }
  read(at: number, length: number): Buffer {
    const start = Math.max(0, at);
    return this.bytes.subarray(start, Math.max(start, Math.min(this.bytes.length, at + length)));
  }
  byte(at: number): number | undefined {
    return this.bytes[at];
  }
}

interface Cached { at: number; bytes: Buffer }

/**
 * A file read through an open descriptor. Two caches: a window for sequential walks and scans,
 * and two small probe buffers for the checks a scan makes at a candidate (which may look far
 * back, at a ZIP directory), so that probing does not throw the scan's window away.
 */
export class FileReader implements ByteReader {
  readonly path: string;
  readonly fd: number;
  readonly size: number;
  private window: Cached = { at: 0, bytes: Buffer.alloc(0) };
  /** The window's memory, refilled in place: a scan of a 10 MiB file makes no garbage. */
  private spare: Buffer | undefined;
  private probes: Cached[] = [];

  private constructor(path: string, fd: number, size: number) {
    this.path = path;
    this.fd = fd;
    this.size = size;
  }

  /** Opens `file` for reading; close() it when done. */
  static open(file: string): FileReader {
    const fd = fs.openSync(file, "r");
    try {
      return new FileReader(file, fd, fs.fstatSync(fd).size);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
    this.window = { at: 0, bytes: Buffer.alloc(0) };
    this.spare = undefined;
    this.probes = [];
  }

  private load(at: number, length: number, into?: Buffer): Buffer {
    const n = Math.max(0, Math.min(length, this.size - at));
    const bytes = into && into.length >= n ? into.subarray(0, n) : Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const got = fs.readSync(this.fd, bytes, done, n - done, at + done);
      if (got === 0) break;
      done += got;
    }
    return done === n ? bytes : bytes.subarray(0, done);
  }

  read(at: number, length: number): Buffer {
    const start = Math.max(0, at);
    const end = Math.max(start, Math.min(this.size, at + length));
    const hit = this.cached(start, end);
    if (hit) return hit;
    if (end - start <= PROBE_BYTES) {
      const bytes = this.load(start, PROBE_BYTES);
      this.probes = [{ at: start, bytes }, ...this.probes.slice(0, 1)];
      return bytes.subarray(0, end - start);
    }
    if (end - start > SCAN_BYTES) {
      // Larger than a window (a RAR read whole): a buffer of its own, which no later read reuses.
      const bytes = this.load(start, end - start);
      this.window = { at: 0, bytes: Buffer.alloc(0) };
      return bytes;
    }
    this.spare ??= Buffer.allocUnsafe(SCAN_BYTES);
    const bytes = this.load(start, SCAN_BYTES, this.spare);
    this.window = { at: start, bytes };
    return bytes.subarray(0, end - start);
  }

  byte(at: number): number | undefined {
    const w = this.window;
    if (at >= w.at && at < w.at + w.bytes.length) return w.bytes[at - w.at];
    if (at < 0 || at >= this.size) return undefined;
    return this.read(at, 1)[0];
  }

  private cached(start: number, end: number): Buffer | undefined {
    for (const c of [this.window, ...this.probes]) {
      if (start >= c.at && end <= c.at + c.bytes.length) return c.bytes.subarray(start - c.at, end - c.at);
    }
    return undefined;
  }
}

/** Where `needle` first occurs at or after `from`, scanning in windows, or -1. */
export function indexOf(r: ByteReader, needle: Buffer, from = 0): number {
  const overlap = needle.length - 1;
  for (let at = Math.max(0, from); at < r.size; at += SCAN_BYTES - overlap) {
    const chunk = r.read(at, SCAN_BYTES);
    const i = chunk.indexOf(needle);
    if (i !== -1) return at + i;
    if (at + chunk.length >= r.size) break;
  }
  return -1;
}

/** Little-endian 32-bit value at `at`, or -1 when it does not fit in the file. */
export function u32leAt(r: ByteReader, at: number): number {
  if (at < 0 || at + 4 > r.size) return -1;
  return r.read(at, 4).readUInt32LE(0);
}

export function u16leAt(r: ByteReader, at: number): number {
  return (r.byte(at) ?? 0) | ((r.byte(at + 1) ?? 0) << 8);
}

export function u16beAt(r: ByteReader, at: number): number {
  return ((r.byte(at) ?? 0) << 8) | (r.byte(at + 1) ?? 0);
}

export function u32beAt(r: ByteReader, at: number): number {
  if (at < 0 || at + 4 > r.size) return 0;
  return r.read(at, 4).readUInt32BE(0);
}

/** Bytes in memory or a reader already: what the judges' entry points take. */
export type Bytes = Uint8Array | ByteReader;

export function asReader(b: Bytes): ByteReader {
  return b instanceof Uint8Array ? new MemoryReader(b) : b;
}
