import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as f from "../fixtures/files";
import { attachments, tickets } from "../../server/db/schema";
import { hasPostgres } from "../support/databases";
import { startServerProcess } from "../support/server-process";
import { adminHeaders, startTestApp, type TestApp } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

// Multipart bodies are read as they arrive (server/http/multipart.ts): file parts go to temporary
// files under DATA_DIR/tmp/uploads, the limits are enforced while the bytes stream in, and a
// refused or broken request leaves no temporary file, no blob and no row. These tests speak HTTP
// over a raw socket, so they see how much of a body the server took before it answered.

const MiB = 1024 * 1024;
const BOUNDARY = "----tidings-streaming-test";

function head(fileName = "screen.png", fields: Record<string, string> = { email: "stream@example.org", description: "A streamed upload." }): Buffer {
  let text = "";
  for (const [k, v] of Object.entries(fields)) text += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  return Buffer.from(`${text}--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`);
}
const nextFile = (fileName: string) => Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`);
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

interface RawUpload {
  socket: net.Socket;
  /** Body bytes handed to the socket so far. */
  written: () => number;
  /** Writes body bytes as one chunk of the chunked encoding; false once the connection is gone. */
  send(bytes: Buffer): Promise<boolean>;
  /** Writes `total` filler bytes (or until the connection goes), 64 KiB at a time. */
  fill(total: number): Promise<void>;
  end(): void;
  /** The status line and body of the answer, once it has come. */
  answer: Promise<{ status: number; text: string; writtenBefore: number }>;
  closed: Promise<number>;
}

/** A POST with a chunked body (no Content-Length: the limits must be counted, not declared). */
function rawUpload(url: string): RawUpload {
  const u = new URL(url);
  const socket = net.connect(Number(u.port), u.hostname);
  socket.on("error", () => {});
  socket.write(`POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n`);
  let written = 0;
  let gone = false;
  const closed = new Promise<number>((resolve) => socket.once("close", () => { gone = true; resolve(written); }));
  let response = "";
  const answer = new Promise<{ status: number; text: string; writtenBefore: number }>((resolve, reject) => {
    let writtenBefore = -1;
    socket.on("data", (d: Buffer) => {
      if (writtenBefore < 0) writtenBefore = written;
      response += d.toString("latin1");
      const end = response.indexOf("\r\n\r\n");
      if (end < 0) return;
      const headers = response.slice(0, end);
      const rest = response.slice(end + 4);
      const status = Number(response.slice(9, 12));
      if (/transfer-encoding: chunked/i.test(headers)) {
        if (!rest.endsWith("0\r\n\r\n")) return;
        let text = "";
        for (let at = 0; ;) {
          const eol = rest.indexOf("\r\n", at);
          const size = parseInt(rest.slice(at, eol), 16);
          if (!size) break;
          text += rest.slice(eol + 2, eol + 2 + size);
          at = eol + 2 + size + 2;
        }
        return resolve({ status, text: Buffer.from(text, "latin1").toString("utf8"), writtenBefore });
      }
      const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? "0");
      if (rest.length >= length) resolve({ status, text: Buffer.from(rest.slice(0, length), "latin1").toString("utf8"), writtenBefore });
    });
    socket.once("close", () => reject(new Error(`closed without a whole answer: ${response.slice(0, 200)}`)));
  });
  answer.catch(() => {});
  const send = async (bytes: Buffer) => {
    if (gone) return false;
    written += bytes.length;
    const ok = socket.write(Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n")]));
    if (!ok) await Promise.race([new Promise((r) => socket.once("drain", r)), closed]);
    return !gone;
  };
  const piece = Buffer.alloc(64 * 1024, 0x2a);
  return {
    socket,
    written: () => written,
    send,
    async fill(total) {
      for (let sent = 0; sent < total; sent += piece.length) if (!(await send(piece))) return;
    },
    end: () => { if (!gone) socket.write("0\r\n\r\n"); },
    answer,
    closed,
  };
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const tempFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describe("multipart bodies streamed to temporary files", () => {
  let t: TestApp;
  let base = "";
  let uploads = "";
  let close = (): void => {};
  beforeAll(async () => {
    t = await startTestApp(hasPostgres ? "postgres" : "pglite");
    uploads = t.deps.config.uploadsTempDir;
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await t?.close();
  });

  const footprint = async () => ({
    tickets: (await t.deps.db.select({ n: count() }).from(tickets))[0]!.n,
    attachments: (await t.deps.db.select({ n: count() }).from(attachments))[0]!.n,
    blobs: await (async () => { let n = 0; for await (const _ of t.deps.blobs.list()) n++; return n; })(),
    temp: tempFiles(uploads),
  });

  const refusals: [string, (u: RawUpload) => Promise<void>, RegExp][] = [
    ["a file of 1 GiB (limit 10 MiB per file)", async (u) => {
      await u.send(head("huge.png"));
      await u.fill(1024 * MiB);
    }, /"huge\.png" is larger than 10 MiB; each attachment may be at most 10 MiB\./],
    ["files adding up past 25 MiB", async (u) => {
      await u.send(head("a.png"));
      await u.fill(9 * MiB);
      await u.send(nextFile("b.png"));
      await u.fill(9 * MiB);
      await u.send(nextFile("c.png"));
      await u.fill(1024 * MiB);
    }, /The attachments add up to more than 25 MiB; one ticket may carry at most 25 MiB\./],
  ];

  test.each(refusals)("%s is refused as soon as the limit is passed, without reading the rest, and the connection is closed", async (_what, body, message) => {
    const before = await footprint();
    const u = rawUpload(`${base}/api/v1/tickets`);
    const sending = body(u);
    const answer = await u.answer;
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "ATTACHMENT_TOO_LARGE", message: expect.stringMatching(message) as string } });
    // The answer came while the client was still sending: it had handed over no more than the
    // limit plus what the socket buffers on both sides hold, far from the gigabyte it meant to send.
    expect(answer.writtenBefore).toBeLessThan(25 * MiB + 32 * MiB);
    // The client kept sending after the answer; the server closed the connection instead of reading on.
    const writtenAtClose = await u.closed;
    await sending;
    expect(writtenAtClose).toBeLessThan(25 * MiB + 64 * MiB);
    expect(await footprint()).toEqual(before);
  });

  test("a client that goes away mid-body leaves no temporary file", async () => {
    const before = await footprint();
    const u = rawUpload(`${base}/api/v1/tickets`);
    await u.send(head("cut.png"));
    await u.fill(3 * MiB);
    // The part is being written to disk as it arrives, not held in memory.
    const [name] = await until("the temporary file", () => { const l = tempFiles(uploads); return l.length ? l : undefined; });
    expect(fs.statSync(path.join(uploads, name!)).size).toBeGreaterThan(0);
    u.socket.destroy();
    await until("the temporary file to go", () => tempFiles(uploads).length === 0);
    expect(await footprint()).toEqual({ ...before, temp: [] });
  });

  test("a file the judges refuse leaves no temporary file; an accepted one leaves only its blob", async () => {
    const before = await footprint();
    const refused = rawUpload(`${base}/api/v1/tickets`);
    await refused.send(head("page.png"));
    await refused.send(f.html());
    await until("the temporary file", () => tempFiles(uploads).length === 1);
    await refused.send(tail);
    refused.end();
    const answer = await refused.answer;
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "UNSUPPORTED_ATTACHMENT", field: "attachments[0]" } });
    expect(await footprint()).toEqual(before);

    const png = f.bigPng(MiB + Math.floor(Math.random() * 1000));
    const accepted = rawUpload(`${base}/api/v1/tickets`);
    await accepted.send(head("fine.png"));
    await accepted.send(png);
    await accepted.send(tail);
    accepted.end();
    expect((await accepted.answer).status).toBe(201);
    accepted.socket.destroy();
    const after = await footprint();
    expect(after).toMatchObject({ tickets: before.tickets + 1, attachments: before.attachments + 1, blobs: before.blobs + 1, temp: [] });
    const stored = await t.deps.blobs.get((await import("../../server/domain/hash")).sha256Hex(png));
    expect(stored?.size).toBe(png.length);
    stored?.stream.destroy();
  });

  test("the same form rules as before: text in the attachments field, a file in a text field, a field twice", async () => {
    const post = (parts: string) => fetch(`${base}/api/v1/tickets`, { method: "POST", headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` }, body: `${parts}--${BOUNDARY}--\r\n` });
    const field = (name: string, value: string, file?: string) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ""}\r\n\r\n${value}\r\n`;
    const cases: [string, string, string][] = [
      [field("email", "a@example.org") + field("attachments", "not a file"), "attachments[0]", "Each attachment must be a file."],
      [field("email", "a@example.org") + field("description", "x", "d.txt"), "description", 'The field "description" must be text, not a file.'],
      [field("email", "a@example.org") + field("email", "b@example.org"), "email", 'The field "email" was sent more than once.'],
    ];
    for (const [parts, at, message] of cases) {
      const res = await post(parts);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field: at, message } });
    }
    // phpinfo may come as a file; it is text all the same.
    const ok = await post(field("email", "a@example.org") + field("description", "With a phpinfo file.") + field("phpinfo", "PHP Version => 8.3.0", "phpinfo.txt"));
    expect(ok.status).toBe(201);
    expect(tempFiles(uploads)).toEqual([]);
  });

  test("a file name with quotes arrives as the browser meant it (%22 is the form encoding of a quote)", async () => {
    const fd = new FormData();
    fd.set("email", "quotes@example.org");
    fd.set("description", "A screenshot whose name has quotes in it.");
    fd.append("attachments", new Blob([new Uint8Array(f.bigPng(200))], { type: "image/png" }), 'my "final" shot.png');
    const res = await fetch(`${base}/api/v1/tickets`, { method: "POST", body: fd });
    expect(res.status).toBe(201);
    const { tid } = await answerOf(res, ticketCreatedSchema);
    const view = await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders });
    const body = await answerOf(view, ticketViewSchema);
    expect(body.attachments.map((a) => a.fileName)).toEqual(['my "final" shot.png']);
  });
});

describe("temporary upload files left by a killed server", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-stream-kill-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test("are removed by the sweep at the next start", async () => {
    const uploads = path.join(dataDir, "tmp", "uploads");
    const env = { DATA_DIR: dataDir, TIDINGS_ADMIN_TOKEN: "stream-kill-admin-token-123456" };
    const first = await startServerProcess(env);
    const u = rawUpload(`${first.url}/api/v1/tickets`);
    try {
      await u.send(head("half.png"));
      await u.fill(2 * MiB);
      await until("the temporary file", () => tempFiles(uploads).length === 1, 30_000);
    } finally {
      await first.stop("SIGKILL");
      u.socket.destroy();
    }
    expect(tempFiles(uploads)).toHaveLength(1);
    const second = await startServerProcess(env);
    try {
      // The sweep runs before the server listens, so it is done once the server answers.
      expect(tempFiles(uploads)).toEqual([]);
      expect(second.output()).toMatch(/removed temporary upload files left by a stopped process/);
    } finally {
      await second.stop();
    }
  });
});
