import { parentPort, type MessagePort } from "node:worker_threads";
import { parseMail, type InboundMail } from "./parse";

/** What the pool sends: the raw mail, in an ArrayBuffer transferred to this thread. */
export interface ParseRequest {
  raw: Uint8Array;
}

/** InboundMail as it arrives by structured clone: attachment Buffers become plain Uint8Arrays. */
export type WireMail = Omit<InboundMail, "attachments"> & {
  attachments: { name: string; contentType: string; bytes: Uint8Array }[];
};

export type ParseReply = { ok: true; mail: WireMail } | { ok: false; error: string };

/**
 * Bytes whose ArrayBuffer may be transferred: the Buffer itself when it spans its whole
 * ArrayBuffer, else a copy of just its bytes. Transferring a slice would detach everything else
 * in that ArrayBuffer (Node's 8 KiB Buffer pool, say), and cloning it would copy all of it.
 */
function ownedBytes(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

const port = parentPort;
if (!port) throw new Error("parse-worker-main runs only in a worker thread (see parse-pool.ts)");

// The pool sends one mail at a time to a worker and waits for its reply, so replies need no id.
port.on("message", (request: ParseRequest) => void answer(port, request));

/** Parses one mail and posts the reply; a failure to parse or to send the result is a reply too. */
async function answer(port: MessagePort, { raw }: ParseRequest) {
  let reply: ParseReply;
  const transfer = new Set<ArrayBuffer>();
  try {
    const mail = await parseMail(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    const attachments = mail.attachments.map((a) => ({ ...a, bytes: ownedBytes(a.bytes) }));
    for (const a of attachments) transfer.add(a.bytes.buffer as ArrayBuffer);
    reply = { ok: true, mail: { ...mail, attachments } };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  try {
    port.postMessage(reply, [...transfer]);
  } catch (err) {
    // A result that cannot be cloned must still answer its job, or the pool would wait forever.
    port.postMessage({ ok: false, error: `parse result could not be sent: ${err instanceof Error ? err.message : String(err)}` } satisfies ParseReply);
  }
}
