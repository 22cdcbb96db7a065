import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import * as f from "../fixtures/files";
import * as p from "../fixtures/polyglots";
import { rarFixture } from "../fixtures/rar-fixtures";
import { writeRar14 } from "../fixtures/rar14-writer";
import { findEmbeddedArchive } from "../../server/domain/attachments/embedded";
import { judgeAttachments } from "../../server/domain/attachments/judge";
import { FileReader, SCAN_BYTES } from "../../server/domain/attachments/reader";
import { sniff } from "../../server/domain/attachments/sniff";
import { sha256Hex } from "../../server/domain/hash";
import { sweepUploadTemp } from "../../server/services/tickets/upload-temp-sweep";

// Uploads are judged from their temporary file (server/http/multipart.ts), mail attachments from
// memory: both must come to the same verdict on every file, also where a signature straddles the
// reader's window.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-file-reader-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function onDisk(bytes: Buffer): string {
  const file = path.join(dir, `f${n++}`);
  fs.writeFileSync(file, bytes);
  return file;
}

function withReader<T>(bytes: Buffer, read: (r: FileReader) => T): T {
  const r = FileReader.open(onDisk(bytes));
  try {
    return read(r);
  } finally {
    r.close();
  }
}

/** A verdict as a comparable value: what was accepted, or the refusal's code, field and sentence. */
async function verdict(files: Parameters<typeof judgeAttachments>[0]) {
  try {
    return (await judgeAttachments(files)).map(({ name, kind, mime, sha256, size }) => ({ name, kind, mime, sha256, size }));
  } catch (e) {
    return { refused: e instanceof Error ? { ...e, message: e.message } : e };
  }
}

const corpus: [string, () => Buffer | Promise<Buffer>][] = [
  ["png", f.png], ["a 3 MiB png", () => f.bigPng(3 * 1024 * 1024 + 17)], ["gif", f.gif], ["jpeg", f.jpeg], ["two jpegs", () => Buffer.concat([f.jpeg(), f.jpeg()])],
  ["bmp", f.bmp], ["svg", f.svg], ["html", f.html], ["png glued to html", f.pngGluedToHtml], ["png with trailing zip", f.pngWithTrailingZip],
  ["zip of bmp", f.zipOfBmp], ["empty zip", f.emptyZip], ["zip bomb", f.zipBomb], ["traversal zip", () => f.traversalZip()], ["deflated log zip", f.deflatedLogZip],
  ["encrypted zip", f.encryptedZip], ["bad crc zip", f.badCrcZip], ["truncated zip", f.truncatedZip], ["symlink zip", f.symlinkZip],
  ["jpeg with zip in comment", p.jpegWithZipInComment], ["gif with zip in comment", () => p.gifWithZipIn("comment")], ["png with zip in chunk", p.pngWithZipInChunk],
  ["rar then zip", () => p.rarThenZip()], ["real rar then zip", () => p.rarThenZip(rarFixture("test_read_format_rar5_stored.rar"))],
  ["sfx absolute", () => p.prefixedZip("absolute")], ["sfx relative", () => p.prefixedZip("relative")], ["bmp size 0", () => p.bmpWithSizeField(0)],
  ["rar 1.4", () => writeRar14([{ name: "README.TXT", data: "hello\r\n" }])], ["rar5", f.rar5], ["rar4", f.rar4], ["exe", f.exeLike],
  ["random 1 MiB", () => randomBytes(1024 * 1024)],
];

describe("judging from a file agrees with judging from memory", () => {
  test.each(corpus)("%s", async (_name, make) => {
    const bytes = await make();
    expect(withReader(bytes, sniff)).toBe(sniff(bytes));
    expect(withReader(bytes, (r) => findEmbeddedArchive(r))).toEqual(findEmbeddedArchive(bytes));
    const file = onDisk(bytes);
    const fromFile = await verdict([{ name: "upload.bin", file, size: bytes.length, sha256: sha256Hex(bytes) }]);
    expect(fromFile).toEqual(await verdict([{ name: "upload.bin", bytes }]));
    // The caller's file is left where it was.
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  test("a hidden archive is found wherever it falls against the reader's window", () => {
    const zip = f.traversalZip("x.txt");
    for (const before of [SCAN_BYTES - 40, SCAN_BYTES - 3, SCAN_BYTES - 1, SCAN_BYTES, SCAN_BYTES + 1, 2 * SCAN_BYTES - 2]) {
      const bytes = Buffer.concat([Buffer.alloc(before, 0x2a), zip, Buffer.alloc(100, 0x2a)]);
      const expected = findEmbeddedArchive(bytes);
      expect(expected?.at).toBe(before);
      expect(withReader(bytes, (r) => findEmbeddedArchive(r))).toEqual(expected);
    }
  });

  test("a PNG whose chunk spans many windows is walked and its CRC checked from the file", () => {
    const png = f.bigPng(5 * SCAN_BYTES + 123);
    expect(withReader(png, sniff)).toBe("png");
    const broken = Buffer.from(png);
    broken[3 * SCAN_BYTES] = (broken[3 * SCAN_BYTES]! + 1) & 0xff;
    expect(withReader(broken, sniff)).toBe("unknown");
  });
});

describe("sweepUploadTemp", () => {
  test("removes the leftovers older than the grace and keeps the young ones", async () => {
    const uploads = fs.mkdtempSync(path.join(dir, "uploads-"));
    const old = path.join(uploads, "old");
    const young = path.join(uploads, "young");
    fs.writeFileSync(old, "left by a killed process");
    fs.writeFileSync(young, "another process is writing this one");
    const past = new Date(Date.now() - 11 * 60_000);
    fs.utimesSync(old, past, past);
    expect(await sweepUploadTemp(uploads)).toBe(1);
    expect(fs.readdirSync(uploads)).toEqual(["young"]);
    expect(await sweepUploadTemp(uploads, 0)).toBe(1);
    expect(fs.readdirSync(uploads)).toEqual([]);
    expect(await sweepUploadTemp(path.join(dir, "never-made"))).toBe(0);
  });
});
