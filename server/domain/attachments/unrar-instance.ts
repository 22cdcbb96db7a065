/**
 * unrar (RARLAB's, compiled to WebAssembly, shipped by node-unrar-js) as the RAR inspection uses
 * it: our own instance, its memory capped, fed from memory, and an extractor that streams what it
 * unpacks into one sink per file instead of keeping the files.
 *
 * unrar runs synchronously and calls back into whichever extractor is installed on the instance,
 * so one inspection runs from start to end without an await; inspections never interleave.
 */
import { Extractor, type SeekMethod } from "node-unrar-js";
import createUnrar from "node-unrar-js/dist/js/unrar.js";
import { Refusal, createEntrySink, type EntrySink } from "./entry-rules";

const MiB = 1024 * 1024;
const ARCHIVE_PATH = "archive.rar";
const ARCHIVE_FD = 1;
const OUTPUT_FD = 2;

// What one inspection may make unrar's memory grow to: a 64 MiB window plus RAR 3's PPMd model
// (up to 256 MiB) and buffers. Beyond it an allocation fails, and unrar reports it.
export const MAX_MEMORY = 384 * MiB;
// WebAssembly memory only grows: past this, the instance is dropped after use and a new one made.
const RECYCLE_AT = 128 * MiB;

export type UnrarModule = { HEAPU8: Uint8Array; extractor: unknown; asm?: Record<string, unknown> };
let loading: Promise<UnrarModule> | undefined;

/**
 * Our own instance of unrar's WebAssembly module (not node-unrar-js's shared one), so it can be
 * replaced when it has grown. The Emscripten runtime installs process-wide handlers that rethrow
 * every uncaught exception and unhandled rejection; they would override the server's own crash
 * handling, so they are removed.
 */
export function loadUnrar(): Promise<UnrarModule> {
  loading ??= (async () => {
    const before = { exception: process.listeners("uncaughtException"), rejection: process.listeners("unhandledRejection") };
    const unrar = (await createUnrar()) as UnrarModule;
    capMemory(unrar);
    for (const l of process.listeners("uncaughtException")) if (!before.exception.includes(l)) process.off("uncaughtException", l);
    for (const l of process.listeners("unhandledRejection")) if (!before.rejection.includes(l)) process.off("unhandledRejection", l);
    return unrar;
  })().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Ends an inspection: uninstalls its extractor, and lets a grown instance go for a fresh one. */
export function release(unrar: UnrarModule): void {
  unrar.extractor = undefined;
  if (unrar.HEAPU8.length > RECYCLE_AT) loading = undefined;
}

/**
 * Emscripten grows its heap with `memory.grow` on the module's exported memory and treats a
 * throw as "out of memory"; an own `grow` on that object bounds it. Without the cap a crafted
 * header (a huge window, a huge PPMd model) would take up to 2 GiB for a few hundred bytes.
 */
function capMemory(unrar: UnrarModule): void {
  const memory = Object.values(unrar.asm ?? {}).find((v): v is WebAssembly.Memory => v instanceof WebAssembly.Memory);
  if (!memory) throw new Error("unrar's WebAssembly memory was not found; node-unrar-js changed");
  const grow = memory.grow.bind(memory);
  Object.defineProperty(memory, "grow", {
    value: (pages: number): number => {
      if (memory.buffer.byteLength + pages * 65536 > MAX_MEMORY) throw new RangeError("unrar memory cap");
      return grow(pages);
    },
  });
}

/** Serves the archive from memory to unrar and streams what it unpacks into one sink per file. */
export class InspectingExtractor extends Extractor {
  protected override _filePath = ARCHIVE_PATH;
  private pos = 0;
  /** The sink of the file being unpacked; unrar creates no output for links and directories. */
  current: EntrySink | undefined;
  /** Set when a write passed a limit; the write then fails, and unrar stops cleanly. */
  overLimit: Refusal | undefined;

  constructor(unrar: UnrarModule, private readonly data: Uint8Array, private readonly onWrite: (bytes: number) => void = () => {}) {
    super(unrar);
  }

  protected override open(filename: string): number { return filename === ARCHIVE_PATH ? ARCHIVE_FD : 0; }
  protected override create(filename: string): number {
    this.current = createEntrySink(filename);
    return OUTPUT_FD;
  }
  protected override closeFile(): void {}
  protected override read(fd: number, buf: number, size: number): number {
    if (fd !== ARCHIVE_FD) return -1;
    const n = Math.max(0, Math.min(size, this.data.length - this.pos));
    (this.unrar as UnrarModule).HEAPU8.set(this.data.subarray(this.pos, this.pos + n), buf);
    this.pos += n;
    return n;
  }
  protected override write(fd: number, buf: number, size: number): boolean {
    if (fd !== OUTPUT_FD || !this.current || this.overLimit) return false;
    try {
      this.onWrite(size);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      this.overLimit = err;
      return false;
    }
    this.current.push((this.unrar as UnrarModule).HEAPU8.subarray(buf, buf + size));
    return true;
  }
  protected override tell(fd: number): number { return fd === ARCHIVE_FD ? this.pos : (this.current?.size ?? 0); }
  protected override seek(fd: number, pos: number, method: SeekMethod): boolean {
    if (fd !== ARCHIVE_FD) return false;
    const to = method === "SET" ? pos : method === "CUR" ? this.pos + pos : this.data.length + pos;
    if (to < 0 || to > this.data.length) return false;
    this.pos = to;
    return true;
  }
}

export function install(unrar: UnrarModule, extractor: InspectingExtractor): InspectingExtractor {
  unrar.extractor = extractor;
  return extractor;
}
