import { Worker } from "node:worker_threads";
import type { Logger } from "../log";
import { parseMail, type InboundMail } from "./parse";
import { compiled } from "../runtime";
import type { ParseReply, ParseRequest, WireMail } from "./parse-worker-main";

/**
 * Parses mail off the main thread. The SMTP listener shares the main thread with the database
 * work, and parsing (about 1 ms of CPU per 50 KB mail) would otherwise cap intake at one core.
 */
export interface MailParser {
  /**
   * Rejects with an Error carrying the parser's message when the mail cannot be parsed, and with a
   * ParseWorkerError when its worker died or the pool is closed.
   */
  parse(raw: Buffer): Promise<InboundMail>;
  /** Stops the workers; jobs not yet answered are rejected. */
  close(): Promise<void>;
}

/**
 * The pool, not the mail, failed: its worker died or the pool was closed. Unlike a parse error,
 * this says nothing about the mail, so a caller may answer 451 (try later) instead of recording
 * the mail as unreadable.
 */
export class ParseWorkerError extends Error {
  override name = "ParseWorkerError";
}

export interface ParsePoolOptions {
  /** Threads to parse on; 0 parses on the calling thread. */
  workers: number;
  log: Logger;
  /** Called with each worker as it starts, so a test can kill one in the middle of a job. */
  onWorkerStart?: (worker: Worker) => void;
}

// Compiled, the worker is a bundle of its own beside the server's (import.meta.url is this source
// file's either way: server/compile.mjs); from the sources, an entry that registers tsx first.
const WORKER_ENTRY = compiled ? new URL("../../dist/server/parse-worker.js", import.meta.url) : new URL("./parse-worker.mjs", import.meta.url);

interface Job {
  raw: Uint8Array;
  resolve: (mail: InboundMail) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** At most one job per worker, so a worker that dies takes only the mail it was parsing along. */
  job: Job | null;
  /** Why the worker died, when it said so ('error' comes before 'exit'). */
  failure: Error | null;
}

export function createParsePool(opts: ParsePoolOptions): MailParser {
  if (opts.workers <= 0) return inlineParser();

  const { log } = opts;
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let closed = false;

  // Workers start with the first jobs, not with the pool: a process that never receives mail
  // starts no threads, and a worker that cannot start fails the job it was started for instead of
  // being restarted in a loop.
  function spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY, { execArgv: [] });
    const slot: Slot = { worker, job: null, failure: null };
    const { threadId } = worker; // reads -1 once the worker has exited
    // Referenced only while it holds a job: an idle pool never keeps the process alive, and a
    // script awaiting a parse does not exit before its answer.
    worker.unref();
    worker.on("message", (reply: ParseReply) => {
      const job = slot.job;
      slot.job = null;
      worker.unref();
      if (job) {
        if (reply.ok) job.resolve(fromWire(reply.mail));
        else job.reject(new Error(reply.error));
      }
      pump();
    });
    worker.on("error", (err) => {
      slot.failure = err;
    });
    worker.on("messageerror", (err) => {
      slot.failure = err;
      void worker.terminate();
    });
    worker.on("exit", (code) => {
      slots.delete(slot);
      const cause = slot.failure?.message ?? `exit code ${code}`;
      if (slot.job) {
        slot.job.reject(new ParseWorkerError(`mail parse worker stopped: ${cause}`));
        slot.job = null;
      }
      if (closed) return;
      log.error({ err: cause, threadId }, "mail parse worker stopped; a new one starts with the next mail");
      pump();
    });
    slots.add(slot);
    opts.onWorkerStart?.(worker);
    return slot;
  }

  function pump(): void {
    while (queue.length > 0 && !closed) {
      let slot: Slot | undefined;
      for (const s of slots) if (!s.job) { slot = s; break; }
      if (!slot && slots.size < opts.workers) slot = spawn();
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ raw: job.raw } satisfies ParseRequest, [job.raw.buffer as ArrayBuffer]);
    }
  }

  return {
    parse(raw) {
      if (closed) return Promise.reject(new ParseWorkerError("mail parse pool is closed"));
      return new Promise<InboundMail>((resolve, reject) => {
        // One copy of exactly the mail's bytes, and that copy is transferred. Transferring the
        // caller's own ArrayBuffer would empty its Buffer, and intake still stores the raw
        // mail after parsing (spam, rejections); cloning a slice would copy its whole ArrayBuffer.
        queue.push({ raw: new Uint8Array(raw), resolve, reject });
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const err = new ParseWorkerError("mail parse pool is closed");
      for (const job of queue.splice(0)) job.reject(err);
      for (const slot of slots) {
        slot.job?.reject(err);
        slot.job = null;
      }
      await Promise.all([...slots].map((s) => s.worker.terminate()));
    },
  };
}

/** Parses on the calling thread (one core, or tests); closes like a pool so callers need not care. */
function inlineParser(): MailParser {
  let closed = false;
  return {
    parse: (raw) => (closed ? Promise.reject(new ParseWorkerError("mail parse pool is closed")) : parseMail(raw)),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}

/** Attachment bytes arrive as Uint8Arrays; they become Buffers over the same memory (no copy). */
function fromWire(mail: WireMail): InboundMail {
  return {
    ...mail,
    attachments: mail.attachments.map((a) => ({ ...a, bytes: Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength) })),
  };
}
