/**
 * The largest unpacking window a RAR 5 archive asks for, read from its headers before unrar sees
 * them. unrar allocates the window each file header declares (up to 4 GiB in the format), whatever
 * the file's size, and WebAssembly memory never shrinks: a 400-byte archive declaring a 1 GiB
 * window would leave the process holding 1 GiB. RAR 1.4 to 4 windows are 4 MiB at most, so only
 * RAR 5 needs this.
 *
 * Block layout (RARLAB's "RAR 5.0 archive format"): CRC32, header size (vint), type, flags, then
 * an extra-area size if flags & 1 and a data size if flags & 2. File (2) and service (3) headers
 * go on: file flags (1: a directory), unpacked size, attributes, mtime if & 2, CRC32 if & 4, then the
 * compression information, whose bits 10 to 13 give the window as 128 KiB << n.
 */

const RAR5_SIGNATURE_LENGTH = 8;
const FILE_HEADER = 2;
const SERVICE_HEADER = 3;
const ENCRYPTION_HEADER = 4;
const END_OF_ARCHIVE = 5;

/** A RAR 5 variable-length integer at `at`: [value, next offset], or undefined past the end. */
function vint(b: Uint8Array, at: number): [number, number] | undefined {
  let value = 0;
  for (let i = 0; i < 10; i++) {
    const byte = b[at + i];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return undefined;
}

/** The window one file or service header declares, from the field after its block header. */
function windowOf(b: Uint8Array, at: number): number | undefined {
  const fileFlags = vint(b, at);
  const unpacked = fileFlags && vint(b, fileFlags[1]);
  const attributes = unpacked && vint(b, unpacked[1]);
  // unrar allocates no window for a directory (file flags & 1).
  if (!fileFlags || !attributes || fileFlags[0] & 1) return undefined;
  const compressionAt = attributes[1] + (fileFlags[0] & 2 ? 4 : 0) + (fileFlags[0] & 4 ? 4 : 0);
  const compression = vint(b, compressionAt);
  if (!compression) return undefined;
  return 0x20000 * 2 ** Math.floor(compression[0] / 1024 % 16);
}

/**
 * The largest window any file or service header asks for, in bytes; 0 when there is none. A
 * header the walk cannot follow ends it: what follows is unrar's to find damaged.
 */
export function largestRar5Window(bytes: Uint8Array): number {
  let largest = 0;
  let pos = RAR5_SIGNATURE_LENGTH;
  // Every block moves `pos` forward, so the walk ends within the file.
  while (pos + 4 < bytes.length) {
    const size = vint(bytes, pos + 4);
    const type = size && vint(bytes, size[1]);
    const flags = type && vint(bytes, type[1]);
    if (!size || !type || !flags || type[0] === END_OF_ARCHIVE || type[0] === ENCRYPTION_HEADER) break;
    let at = flags[1];
    const extra = flags[0] & 1 ? vint(bytes, at) : ([0, at] as [number, number]);
    if (!extra) break;
    at = extra[1];
    const data = flags[0] & 2 ? vint(bytes, at) : ([0, at] as [number, number]);
    if (!data) break;
    if (type[0] === FILE_HEADER || type[0] === SERVICE_HEADER) largest = Math.max(largest, windowOf(bytes, data[1]) ?? 0);
    pos = size[1] + size[0] + data[0];
  }
  return largest;
}
