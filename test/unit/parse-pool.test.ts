import { execFile } from "node:child_process";
import os from "node:os";
import type { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/log";
import { parseMail } from "../../server/mail/parse";
import { createParsePool, ParseWorkerError, type MailParser } from "../../server/mail/parse-pool";
import {
  attachmentPart, encodedWord, envelopeHeaders, message, multipart, pseudoRandomBytes, textPart, type Header,
} from "../fixtures/mail-corpus/build";

const log = createLogger("silent");

/** A mail with the fields intake reads, a text part and two attachments (one above 4 KiB, one below). */
function mailWithAttachments(n: number) {
  const big = pseudoRandomBytes(60_000, n + 1);
  const small = pseudoRandomBytes(300, n + 1000);
  const extra: Header[] = [
    ["Cc", "Kollegin <kollegin@kunde.example>"],
    ["In-Reply-To", "<earlier@kunde.example>"],
    ["References", "<first@kunde.example> <earlier@kunde.example>"],
    ["Content-Language", "de"],
  ];
  const body = multipart("mixed", `b${n}`, [
    textPart(`Grüße aus Mail ${n}`),
    attachmentPart(`dump-${n}.bin`, "application/octet-stream", big),
    attachmentPart(`small-${n}.bin`, "application/octet-stream", small),
  ]);
  const head = envelopeHeaders({
    from: `Jörg Kunde <joerg-${n}@kunde.example>`,
    subject: `${encodedWord("utf-8", "B", Buffer.from("Störung"))} Nr. ${n}`,
    messageId: `<mail-${n}@kunde.example>`,
  }, extra);
  return { raw: message([...head, ...body.headers], body.body), big, small };
}

/** More MIME parts than mailparser walks: parseMail rejects it (test/fixtures/mail-corpus). */
function unreadableMail() {
  const body = multipart("mixed", "many", Array.from({ length: 1500 }, (_, i) => textPart(`part ${i}`)));
  return message([...envelopeHeaders({ from: "manyparts@kunde.example", subject: "Many parts" }), ...body.headers], body.body);
}

let pool: MailParser | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe.each([0, 2])("parse pool with %i workers", (workers) => {
  it("returns what parseMail returns: headers as a Map, attachments as Buffers", async () => {
    pool = createParsePool({ workers, log });
    const { raw, big, small } = mailWithAttachments(1);
    const before = Buffer.from(raw);

    const mail = await pool.parse(raw);

    expect(mail).toEqual(await parseMail(raw));
    expect(mail.subject).toBe("Störung Nr. 1");
    expect(mail.headers).toBeInstanceOf(Map);
    expect(mail.headers.get("content-language")).toBe("de");
    expect(mail.attachments.map((a) => a.name)).toEqual(["dump-1.bin", "small-1.bin"]);
    for (const a of mail.attachments) expect(Buffer.isBuffer(a.bytes)).toBe(true);
    expect(mail.attachments[0]!.bytes.equals(big)).toBe(true);
    expect(mail.attachments[1]!.bytes.equals(small)).toBe(true);
    // The caller still owns its bytes: intake stores the raw mail after parsing it.
    expect(raw.equals(before)).toBe(true);
  });

  it("answers 20 concurrent mails, each with its own result", async () => {
    pool = createParsePool({ workers, log });
    const mails = Array.from({ length: 20 }, (_, i) => mailWithAttachments(i));

    const parsed = await Promise.all(mails.map((m) => pool!.parse(m.raw)));

    parsed.forEach((mail, i) => {
      expect(mail.subject).toBe(`Störung Nr. ${i}`);
      expect(mail.from).toBe(`joerg-${i}@kunde.example`);
      expect(mail.attachments[0]!.bytes.equals(mails[i]!.big)).toBe(true);
      expect(mail.attachments[1]!.bytes.equals(mails[i]!.small)).toBe(true);
    });
  });

  it("rejects an unreadable mail with parseMail's message and goes on parsing", async () => {
    pool = createParsePool({ workers, log });
    const raw = unreadableMail();
    const expected = await parseMail(raw).then(() => null, (e: Error) => e.message);
    expect(expected).toBeTruthy();

    const bad = pool.parse(raw);
    const good = pool.parse(mailWithAttachments(2).raw);

    const err = await bad.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ParseWorkerError);
    expect((err as Error).message).toBe(expected);
    expect((await good).subject).toBe("Störung Nr. 2");
  });

  it("close() leaves answered mails alone and refuses new ones", async () => {
    pool = createParsePool({ workers, log });
    const { raw, big } = mailWithAttachments(3);
    const mail = await pool.parse(raw);

    await pool.close();

    expect(mail.attachments[0]!.bytes.equals(big)).toBe(true);
    await expect(pool.parse(raw)).rejects.toThrow(ParseWorkerError);
  });
});

describe("parse pool workers", () => {
  it("a worker that dies fails only the mail it was parsing, and a new worker takes the next", async () => {
    const started: Worker[] = [];
    pool = createParsePool({ workers: 2, log, onWorkerStart: (w) => started.push(w) });
    const a = mailWithAttachments(4);
    const b = mailWithAttachments(5);

    const lost = pool.parse(a.raw);
    const kept = pool.parse(b.raw);
    expect(started).toHaveLength(2);
    await started[0]!.terminate();

    await expect(lost).rejects.toThrow(ParseWorkerError);
    await expect(lost).rejects.toThrow(/mail parse worker stopped/);
    expect((await kept).subject).toBe("Störung Nr. 5");
    const again = await Promise.all([pool.parse(a.raw), pool.parse(a.raw)]);
    for (const mail of again) expect(mail).toEqual(await parseMail(a.raw));
    expect(started).toHaveLength(3);
  });

  it("close() rejects the mails still being parsed", async () => {
    pool = createParsePool({ workers: 1, log });
    const outcomes = [mailWithAttachments(6), mailWithAttachments(7)].map((m) =>
      pool!.parse(m.raw).then(() => "parsed", (e: Error) => e.message));

    await pool.close();

    expect(await Promise.all(outcomes)).toEqual(["mail parse pool is closed", "mail parse pool is closed"]);
  });

  // The worker count is the thing under test here, so the child gets its own process.
  it.each(["close", "idle"])("lets the process exit after %s", async (mode) => {
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ["--import", "tsx", "test/fixtures/parse-pool-exit.ts", mode], { timeout: 50_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }));
      child.stdin?.end();
    });
    expect(out).toEqual({ code: 0, stdout: "exit check\n", stderr: "" });
  });
});

describe("MAIL_PARSE_WORKERS", () => {
  it("defaults to one worker when there is a second core, else to parsing on the main thread", () => {
    expect(loadConfig({}).mailParseWorkers).toBe(os.availableParallelism() > 1 ? 1 : 0);
    expect(loadConfig({ MAIL_PARSE_WORKERS: "0" }).mailParseWorkers).toBe(0);
    expect(loadConfig({ MAIL_PARSE_WORKERS: "8" }).mailParseWorkers).toBe(8);
  });

  it.each(["9", "-1", "1.5", "two"])("refuses %s, naming the variable", (value) => {
    expect(() => loadConfig({ MAIL_PARSE_WORKERS: value })).toThrow(/^Invalid configuration: MAIL_PARSE_WORKERS /);
  });
});
