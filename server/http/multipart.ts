import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { Context } from "hono";
import { DEFAULT_LIMITS, fileTooLarge, tooMany, totalTooLarge, type UploadedFile } from "../domain/attachments/judge";
import { ApiError } from "../errors";
import { nodeIncoming } from "./node-body";

export const FILE_FIELDS = new Set(["attachments", "attachments[]"]);
/** File parts counted for the refusal's sentence; more are not even counted. */
const MAX_FILE_PARTS = 50;
/** After a refusal mid-body: what is still read, and for how long, before the connection is closed. */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 250;

export interface MultipartOptions {
  /** Where file parts are written while they arrive (config.uploadsTempDir). */
  tempDir: string;
  /** The whole body's limit, declared or counted; `tooLarge` throws the route's refusal. */
  maxBodyBytes: number;
  tooLarge: () => never;
}

export interface MultipartBody {
  fields: Record<string, unknown>;
  files: UploadedFile[];
  /** Deletes the temporary files; after it, the blobs stored from them stay (hard links or copies). */
  release(): Promise<void>;
}

const unreadable = () => new ApiError("VALIDATION_FAILED", "The form data could not be read.", { field: "body" });

/**
 * Reads a multipart body as it arrives. Each file part goes to a temporary file while it is
 * hashed, so a request holds a few socket chunks in memory, not its files; text parts are kept
 * (they are small, and the body's limit bounds them). The attachment limits are enforced while
 * streaming: the part that passes one is refused at that byte, the rest of the body is not read,
 * and the connection is closed after the answer instead of being drained.
 *
 * The rules are those of the form as a whole that hono's parseBody gave before: a text field sent
 * twice, a file in a text field (except phpinfo, read as text) or text in the attachments field
 * is VALIDATION_FAILED. On any failure every temporary file is gone before this rejects.
 */
export async function readMultipart(c: Context, opts: MultipartOptions): Promise<MultipartBody> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > opts.maxBodyBytes) opts.tooLarge();
  const incoming = nodeIncoming(c);
  // app.request() in tests has no Node request: its web body stream stands in. (On the Node
  // server, touching c.req.raw would build a whole WHATWG Request for nothing: node-body.ts.)
  const source: Readable = incoming ?? webSource(c);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": c.req.header("content-type") ?? "" },
      defParamCharset: "utf8",
      limits: { fieldSize: opts.maxBodyBytes, fieldNameSize: 64 * 1024 },
    });
  } catch {
    throw unreadable();
  }
  const temp: string[] = [];
  const release = async () => {
    await Promise.all(temp.splice(0).map((f) => fs.promises.rm(f, { force: true })));
  };
  try {
    const body = await parse(source, parser, opts, temp);
    return { ...body, release };
  } catch (e) {
    await release();
    if (incoming && !incoming.complete) closeAfterAnswer(incoming, (c.env as { outgoing?: ServerResponse }).outgoing);
    if (!incoming) source.destroy();
    throw e;
  }
}

/** A form field while it is read: text, or the bytes of a phpinfo sent as a file. */
type Value = string | { text: Buffer[] };

function parse(source: Readable, parser: busboy.Busboy, opts: MultipartOptions, temp: string[]): Promise<Omit<MultipartBody, "release">> {
  return new Promise((resolve, reject) => {
    const form = new FormReader(source, parser, opts, temp, resolve, reject);
    parser.on("field", (name, value) => form.field(formName(name), value));
    parser.on("file", (name, part, info) => form.file(formName(name), part as Readable, info.filename === undefined ? undefined : formName(info.filename)));
    parser.once("close", () => form.finish());
    parser.once("error", () => form.fail(unreadable()));
    const onData = (chunk: Buffer) => form.data(chunk);
    form.stopReading = () => {
      source.off("data", onData);
      source.pause();
    };
    source.on("data", onData);
    source.once("end", () => { if (!form.done) parser.end(); });
    source.once("error", (e) => form.fail(e instanceof ApiError ? e : clientGone()));
    // A client that goes away mid-body: nobody is left to answer, but nothing may stay behind.
    source.once("close", () => { if (!(source as Partial<IncomingMessage>).complete && !source.readableEnded) form.fail(clientGone()); });
    fs.promises.mkdir(opts.tempDir, { recursive: true }).then(() => { if (!form.done) source.resume(); }, (e: unknown) => form.fail(e));
    source.pause();
  });
}

/** The state of one form while its parts stream in; the first failure ends it. */
class FormReader {
  done = false;
  stopReading = (): void => {};
  private readonly values = new Map<string, Value>();
  private readonly files: (UploadedFile | undefined)[] = [];
  private readonly writes: Promise<void>[] = [];
  private readonly open = new Set<{ part: Readable; out: fs.WriteStream }>();
  private fileParts = 0;
  private total = 0;
  private received = 0;

  constructor(
    private readonly source: Readable,
    private readonly parser: busboy.Busboy,
    private readonly opts: MultipartOptions,
    private readonly temp: string[],
    private readonly resolve: (body: Omit<MultipartBody, "release">) => void,
    private readonly reject: (e: Error) => void,
  ) {}

  fail(e: unknown): void {
    if (this.done) return;
    this.done = true;
    this.stopReading();
    for (const o of this.open) {
      o.part.resume();
      o.out.destroy();
    }
    // The temporary files are removed by the caller, once no stream writes them any more.
    void Promise.allSettled(this.writes).then(() => this.reject(e instanceof Error ? e : new Error(String(e))));
  }

  data(chunk: Buffer): void {
    this.received += chunk.length;
    if (this.received > this.opts.maxBodyBytes) return this.fail(thrown(this.opts.tooLarge));
    if (!this.parser.write(chunk)) {
      this.source.pause();
      this.parser.once("drain", () => { if (!this.done) this.source.resume(); });
    }
  }

  field(name: string, value: string): void {
    if (this.done) return;
    if (FILE_FIELDS.has(name)) {
      if (value === "") return;
      return this.fail(new ApiError("VALIDATION_FAILED", "Each attachment must be a file.", { field: `attachments[${this.files.length}]` }));
    }
    if (this.values.has(name)) return this.fail(twice(name));
    this.values.set(name, value);
  }

  file(name: string, part: Readable, filename: string | undefined): void {
    if (this.done) return void part.resume();
    if (!FILE_FIELDS.has(name)) {
      if (this.values.has(name)) return this.fail(twice(name));
      if (name !== "phpinfo") return this.fail(new ApiError("VALIDATION_FAILED", `The field "${name}" must be text, not a file.`, { field: name }));
      // phpinfo may come as a text part or as an uploaded file; both are text.
      const text: Buffer[] = [];
      this.values.set(name, { text });
      part.on("data", (d: Buffer) => text.push(d));
      return;
    }
    this.fileParts++;
    // Counted, not kept, so that the refusal says how many came (up to MAX_FILE_PARTS).
    if (this.files.length >= DEFAULT_LIMITS.maxFiles) return void part.resume();
    this.writeFile(part, filename || "attachment");
  }

  /** One file part to its temporary file, hashed and counted against the limits on the way. */
  private writeFile(part: Readable, fileName: string): void {
    const { maxFileBytes, maxTotalBytes } = DEFAULT_LIMITS;
    const index = this.files.length;
    this.files.push(undefined);
    const file = path.join(this.opts.tempDir, randomUUID());
    this.temp.push(file);
    const out = fs.createWriteStream(file, { flags: "wx" });
    out.on("error", (e) => this.fail(e));
    const entry = { part, out };
    this.open.add(entry);
    const hash = createHash("sha256");
    let size = 0;
    part.on("data", (d: Buffer) => {
      if (this.done) return;
      size += d.length;
      this.total += d.length;
      if (size > maxFileBytes) return this.fail(fileTooLarge(fileName, index, maxFileBytes));
      if (this.total > maxTotalBytes) return this.fail(totalTooLarge(maxTotalBytes));
      hash.update(d);
      if (!out.write(d) && !out.destroyed) {
        part.pause();
        out.once("drain", () => part.resume());
      }
    });
    part.once("end", () => { if (!this.done) out.end(); });
    this.writes.push(new Promise<void>((written) => {
      out.once("close", () => {
        this.open.delete(entry);
        if (!this.done) this.files[index] = { name: fileName, file, size, sha256: hash.digest("hex") };
        written();
      });
    }));
  }

  finish(): void {
    void Promise.all(this.writes).then(() => {
      if (this.done) return;
      const { maxFiles } = DEFAULT_LIMITS;
      if (this.fileParts > maxFiles) return this.fail(tooMany(maxFiles, Math.min(this.fileParts, MAX_FILE_PARTS)));
      this.done = true;
      const fields: Record<string, unknown> = {};
      for (const [k, v] of this.values) fields[k] = typeof v === "string" ? v : Buffer.concat(v.text).toString("utf8");
      this.resolve({ fields, files: this.files.filter((f): f is UploadedFile => f !== undefined) });
    });
  }
}

/** The error a `() => never` throws, as a value. */
function thrown(f: () => never): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
}

function webSource(c: Context): Readable {
  const web = c.req.raw.body;
  return web ? Readable.fromWeb(web as WebReadableStream<Uint8Array>) : Readable.from([]);
}

/**
 * Browsers (and undici's FormData) write `"`, CR and LF in a part's name or file name as %22, %0D
 * and %0A (the HTML standard's multipart encoding); busboy leaves them as sent, so a screenshot
 * named with a quote would be stored as "%22". Other % sequences are the sender's own text.
 */
function formName(raw: string): string {
  return raw.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function twice(name: string): ApiError {
  return new ApiError("VALIDATION_FAILED", `The field "${name}" was sent more than once.`, { field: name });
}

function clientGone(): Error {
  return new Error("the client closed the connection before the body ended");
}

/**
 * After a refusal mid-body, the client is usually still sending. Closing at once, with its bytes
 * unread, would make the kernel answer with a reset that can destroy our answer in flight; so
 * once the answer is written, a little more is read and dropped (LINGER_BYTES, LINGER_MS), then
 * the connection goes, instead of reading the rest of what may be a very large body.
 */
function closeAfterAnswer(incoming: IncomingMessage, outgoing: ServerResponse | undefined): void {
  const socket = incoming.socket;
  let read = 0;
  const close = () => {
    clearTimeout(timer);
    if (!socket.destroyed) socket.destroy();
  };
  let timer: NodeJS.Timeout | undefined;
  const linger = () => {
    timer = setTimeout(close, LINGER_MS);
    timer.unref();
    incoming.on("data", (d: Buffer) => {
      read += d.length;
      if (read > LINGER_BYTES) close();
    });
    incoming.resume();
  };
  if (!outgoing || outgoing.writableFinished) linger();
  else {
    outgoing.once("finish", linger);
    outgoing.once("close", () => { if (!outgoing.writableFinished) close(); });
  }
}
