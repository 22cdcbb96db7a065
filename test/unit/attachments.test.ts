import { describe, expect, it } from "vitest";
import { inspectZip } from "../../server/domain/attachments/archive";
import { DEFAULT_LIMITS, judgeAttachments, sanitizeFileName } from "../../server/domain/attachments/judge";
import type { ApiError } from "../../server/errors";
import { Rejection } from "../../server/domain/rejection";
import { toApiError } from "../../server/http/on-error";
import * as f from "../fixtures/files";

const MiB = 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  // The domain rejects without knowing HTTP; the status is what the API answers for it.
  expect(err).toBeInstanceOf(Rejection);
  return toApiError(err);
}

async function refusal(bytes: Buffer, limits?: Parameters<typeof inspectZip>[1]): Promise<string> {
  const verdict = await inspectZip(bytes, limits);
  if (verdict.ok) throw new Error(`expected a refusal, got ${JSON.stringify(verdict.entries)}`);
  return verdict.reason;
}

describe("inspectZip", () => {
  it("lists images, text logs and directories of an acceptable archive", async () => {
    const zip = await f.zipOf({
      "shots/a.png": f.png(),
      "shots/b.gif": f.gif(),
      "shots/c.jpg": f.jpeg(),
      "shots/d.bmp": f.bmp(),
      "logs/app.log": f.textLog(),
      "notes.TXT": "see app.log\n",
    });
    const verdict = await inspectZip(zip);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    const kinds = Object.fromEntries(verdict.entries.map((e) => [e.name, e.kind]));
    expect(kinds).toEqual({
      "shots/": "directory",
      "shots/a.png": "png",
      "shots/b.gif": "gif",
      "shots/c.jpg": "jpeg",
      "shots/d.bmp": "bmp",
      "logs/": "directory",
      "logs/app.log": "text",
      "notes.TXT": "text",
    });
    expect(verdict.entries.find((e) => e.name === "shots/d.bmp")?.size).toBe(f.bmp().length);
  });

  it("judges a large UTF-8 log whole, across streamed chunks", async () => {
    const log = f.utf8Log(300 * 1024);
    const verdict = await inspectZip(await f.zipOf({ "big.log": log }));
    expect(verdict).toEqual({ ok: true, entries: [{ name: "big.log", size: log.length, kind: "text" }] });
  });

  it("refuses a log whose invalid byte lies beyond the first 64 KiB", async () => {
    const log = Buffer.concat([f.utf8Log(100 * 1024), Buffer.from([0xff]), f.utf8Log(1024)]);
    expect(await refusal(await f.zipOf({ "big.log": log }))).toMatch(/"big.log" is not an image/);
  });

  it("reads entries deflated outside jszip", async () => {
    expect(await inspectZip(f.deflatedLogZip())).toEqual({
      ok: true,
      entries: [{ name: "server.log", size: f.textLog().length, kind: "text" }],
    });
  });

  it("accepts an empty archive", async () => {
    expect(await inspectZip(f.emptyZip())).toEqual({ ok: true, entries: [] });
  });

  it.each([
    ["../evil.txt", /points outside the archive/],
    ["logs/../../evil.txt", /points outside the archive/],
    ["/etc/cron.d/evil.txt", /absolute path/],
    ["C:/Windows/evil.txt", /absolute path/],
    ["..\\evil.txt", /backslash/],
    ["bad\u0007name.txt", /invalid name/],
  ])("refuses the entry name %j", async (name, reason) => {
    expect(await refusal(f.traversalZip(name))).toMatch(reason);
  });

  it("refuses symbolic links", async () => {
    expect(await refusal(f.symlinkZip())).toMatch(/"passwd.txt" is a symbolic link/);
  });

  it("refuses encrypted entries", async () => {
    expect(await refusal(f.encryptedZip())).toMatch(/"secret.txt" is encrypted/);
  });

  it("refuses an executable, whatever it is called", async () => {
    expect(await refusal(await f.zipOf({ "tool.exe": f.exeLike() }))).toMatch(/"tool.exe" is not an image .* or a text log/);
    expect(await refusal(await f.zipOf({ "tool.txt": f.exeLike() }))).toMatch(/"tool.txt" is not an image/);
  });

  it("refuses text that is not named as a log", async () => {
    expect(await refusal(await f.zipOf({ "page.html": f.html() }))).toMatch(/"page.html" is not an image/);
  });

  it("refuses archives inside archives", async () => {
    const inner = await f.zipOfBmp();
    expect(await refusal(await f.zipOf({ "inner.zip": inner }))).toMatch(/archives inside archives/);
    expect(await refusal(await f.zipOf({ "inner.log": f.rar5() }))).toMatch(/archives inside archives/);
  });

  it("refuses a zip bomb that unpacks to 200 MiB", async () => {
    const bomb = f.zipBomb();
    expect(bomb.length).toBeLessThan(MiB);
    expect(await refusal(bomb)).toMatch(/more than 100 MiB/);
  });

  it("refuses an archive that unpacks to over 100 times its size", async () => {
    expect(await refusal(f.ratioBomb())).toMatch(/more than 100 times its own size/);
  });

  it("refuses a bomb that declares a small size", async () => {
    const bomb = f.lyingBomb();
    expect(await refusal(bomb)).toMatch(/damaged/);
  });

  it("applies the unpacked-size limit to the sum of all entries", async () => {
    const zip = await f.zipOf({ "a.log": "x".repeat(600), "b.log": "y".repeat(600) });
    expect(await refusal(zip, { maxUnpackedBytes: 1000 })).toMatch(/more than 1000 bytes/);
  });

  it("refuses an archive with too many entries", async () => {
    const zip = await f.zipOf({ "1.txt": "1", "2.txt": "2", "3.txt": "3" });
    expect(await refusal(zip, { maxEntries: 2 })).toMatch(/more than 2 entries/);
  });

  it("refuses damaged archives", async () => {
    expect(await refusal(await f.truncatedZip())).toMatch(/damaged/);
    expect(await refusal(f.badCrcZip())).toMatch(/damaged/);
    expect(await refusal(f.html())).toMatch(/damaged/);
  });
});

describe("judgeAttachments", () => {
  it("accepts PNG, GIF, JPEG, ZIP and RAR and describes each", async () => {
    const zip = await f.zipOfBmp();
    const accepted = await judgeAttachments([
      { name: "a.png", bytes: f.png() },
      { name: "b.gif", bytes: f.gif() },
      { name: "c.jpg", bytes: f.jpeg() },
      { name: "d.zip", bytes: zip },
      { name: "e.rar", bytes: f.rar5() },
    ]);
    expect(accepted.map((a) => [a.name, a.kind, a.mime, a.size])).toEqual([
      ["a.png", "png", "image/png", f.png().length],
      ["b.gif", "gif", "image/gif", f.gif().length],
      ["c.jpg", "jpeg", "image/jpeg", f.jpeg().length],
      ["d.zip", "zip", "application/zip", zip.length],
      ["e.rar", "rar", "application/vnd.rar", f.rar5().length],
    ]);
    expect(accepted[1]?.sha256).toBe("b1442e85b03bdcaf66dc58c7abb98745dd2687d86350be9a298a1d9382ac849b");
  });

  it("judges by bytes: a PNG named .exe is a PNG, stored under its sanitised name with .png", async () => {
    const [accepted] = await judgeAttachments([{ name: "C:\\Users\\me\\shot.exe", bytes: f.png() }]);
    expect(accepted).toMatchObject({ name: "shot.png", kind: "png", mime: "image/png" });
  });

  it("accepts no files at all", async () => {
    expect(await judgeAttachments([])).toEqual([]);
  });

  it("refuses more than 10 files before looking at them", async () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.html`, bytes: f.html() }));
    const err = await rejection(judgeAttachments(files));
    expect(err).toMatchObject({ code: "TOO_MANY_ATTACHMENTS", status: 413 });
    expect(err.message).toMatch(/at most 10/);
  });

  it("refuses a file over 10 MiB, naming it and its index, before sniffing", async () => {
    const files = [
      { name: "ok.png", bytes: f.png() },
      { name: "huge.html", bytes: Buffer.alloc(10 * MiB + 1, 0x3c) },
    ];
    const err = await rejection(judgeAttachments(files));
    expect(err).toMatchObject({ code: "ATTACHMENT_TOO_LARGE", status: 413, field: "attachments[1]" });
    expect(err.message).toMatch(/"huge.html" is 10.0 MiB; each attachment may be at most 10 MiB/);
  });

  it("accepts a file of exactly 10 MiB", async () => {
    const [accepted] = await judgeAttachments([{ name: "big.png", bytes: f.bigPng(10 * MiB) }]);
    expect(accepted?.size).toBe(10 * MiB);
  });

  it("refuses over 25 MiB in total", async () => {
    const files = [1, 2, 3].map((i) => ({ name: `${i}.png`, bytes: f.bigPng(9 * MiB) }));
    const err = await rejection(judgeAttachments(files));
    expect(err).toMatchObject({ code: "ATTACHMENT_TOO_LARGE", status: 413, field: "attachments" });
    expect(err.message).toMatch(/add up to 27 MiB; one ticket may carry at most 25 MiB/);
  });

  it("refuses a BMP outside an archive and says to zip it", async () => {
    const files = [
      { name: "a.png", bytes: f.png() },
      { name: "screen.bmp", bytes: f.bmp() },
    ];
    const err = await rejection(judgeAttachments(files));
    expect(err).toMatchObject({ code: "BMP_NOT_ARCHIVED", status: 415, field: "attachments[1]" });
    expect(err.message).toMatch(/"screen.bmp" is a BMP image.*Put it in a ZIP archive first/);
  });

  it.each([
    ["an HTML file named .png", "shot.png", f.html()],
    ["an SVG", "logo.svg", f.svg()],
    ["a PNG header glued to HTML", "shot.png", f.pngGluedToHtml()],
    ["an executable", "setup.exe", f.exeLike()],
  ])("refuses %s as unsupported, listing the allowed types", async (_label, name, bytes) => {
    const err = await rejection(judgeAttachments([{ name, bytes }]));
    expect(err).toMatchObject({ code: "UNSUPPORTED_ATTACHMENT", status: 415, field: "attachments[0]" });
    expect(err.message).toContain(`"${name}"`);
    expect(err.message).toContain("Allowed types: PNG, GIF, JPEG, ZIP, RAR.");
  });

  it("refuses a ZIP with a path outside itself, giving the reason", async () => {
    const err = await rejection(judgeAttachments([{ name: "logs.zip", bytes: f.traversalZip() }]));
    expect(err).toMatchObject({ code: "ARCHIVE_REJECTED", status: 422, field: "attachments[0]" });
    expect(err.message).toBe('The archive "logs.zip" was rejected. The entry "../evil.txt" points outside the archive.');
  });

  it("refuses a zip bomb as a rejected archive", async () => {
    const err = await rejection(judgeAttachments([{ name: "bomb.zip", bytes: f.zipBomb() }]));
    expect(err).toMatchObject({ code: "ARCHIVE_REJECTED", status: 422 });
  });

  it("shows file names in messages without control characters and shortened", async () => {
    const name = `evil\u202egnp.exe\u0000${"x".repeat(300)}.svg`;
    const err = await rejection(judgeAttachments([{ name, bytes: f.svg() }]));
    // eslint-disable-next-line no-control-regex -- the test looks for control characters, so its pattern names them
    expect(err.message).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(err.message).toContain(`"evilgnp.exe${"x".repeat(89)}…"`);
  });

  it("uses the limits it is given", async () => {
    const err = await rejection(judgeAttachments([{ name: "a.png", bytes: f.png() }], { maxFileBytes: 10 }));
    expect(err.code).toBe("ATTACHMENT_TOO_LARGE");
    expect(DEFAULT_LIMITS).toMatchObject({ maxFileBytes: 10 * MiB, maxTotalBytes: 25 * MiB, maxFiles: 10 });
  });
});

describe("sanitizeFileName", () => {
  it.each([
    // Paths and control characters are dropped; a name left with nothing is "attachment".
    ["../../etc/passwd", "passwd"], ["C:\\Users\\me\\report.log", "report.log"],
    ["tab\there\u0000.png", "tabhere.png"], ["  spaced.png  ", "spaced.png"],
    ["", "attachment"], ["..", "attachment"], ["dir/", "attachment"],
  ])("makes %j into %j", (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it("keeps at most 200 characters and the extension", () => {
    const cleaned = sanitizeFileName(`${"ä".repeat(300)}.png`);
    expect(Array.from(cleaned)).toHaveLength(200);
    expect(cleaned.endsWith("ä.png")).toBe(true);
  });
});
