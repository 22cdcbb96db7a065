import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import JSZip from "jszip";
import * as f from "../fixtures/files";
import * as p from "../fixtures/polyglots";
import { rarFixture } from "../fixtures/rar-fixtures";
import { writeRar14 } from "../fixtures/rar14-writer";
import { attachments, idempotencyKeys, messages, outbox, requesters, ticketEvents, tickets } from "../../server/db/schema";
import { backends, storeEnv } from "../support/stores";
import { readBlob } from "../../server/storage/blob-store";
import { adminHeaders, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

const MiB = 1024 * 1024;

function form(files: { name: string; bytes: Buffer; type?: string }[], fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.set("email", "shots@example.org");
  fd.set("description", "See the attached screenshots.");
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  for (const file of files) fd.append("attachments", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "image/png" }), file.name);
  return fd;
}

/**
 * Every row and every stored blob, so a rejected request can be shown to leave nothing behind:
 * the store's blobs, and on the file system whatever else lies under the attachments folder
 * (temporary files). On S3 nothing is written outside a blob's key (tested in blob-store-contract).
 */
async function footprint(t: TestApp) {
  const n = async (table: PgTable) => Number((await t.deps.db.select({ n: count() }).from(table))[0]!.n);
  const files: string[] = [];
  for await (const b of t.deps.blobs.list()) files.push(b.sha256);
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(t.deps.config.attachmentsDir);
  return {
    rows: [await n(tickets), await n(messages), await n(attachments), await n(ticketEvents), await n(outbox), await n(requesters), await n(idempotencyKeys)],
    files: files.sort(),
  };
}

describe.each(backends())("attachments judged by their bytes on %s with %s storage", (driver, store) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver, storeEnv(store)); });
  afterAll(async () => { await t?.close(); });

  const post = (fd: FormData, headers: Record<string, string> = {}) => t.app.request("/api/v1/tickets", { method: "POST", body: fd, headers });

  test("a real PNG, GIF and JPEG, a jszip-zipped BMP and a RAR are accepted and stored by sha256", async () => {
    const zipped = await f.zipOfBmp();
    const res = await post(form([
      { name: "shot.png", bytes: f.png() },
      { name: "anim.gif", bytes: f.gif(), type: "image/gif" },
      { name: "photo.jpg", bytes: f.jpeg(), type: "image/jpeg" },
      { name: "screens.zip", bytes: zipped, type: "application/zip" },
      { name: "logs.rar", bytes: f.rar5(), type: "application/x-rar-compressed" },
    ], { phpinfo: "PHP Version => 8.3.0" }));
    expect(res.status).toBe(201);
    const { tid } = await answerOf(res, ticketCreatedSchema);
    const view = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    const kinds = view.attachments.map((a) => [a.fileName, a.contentType, a.kind]);
    expect(kinds).toEqual(expect.arrayContaining([
      ["shot.png", "image/png", "file"], ["anim.gif", "image/gif", "file"], ["photo.jpg", "image/jpeg", "file"],
      ["screens.zip", "application/zip", "file"], ["logs.rar", "application/vnd.rar", "file"], ["phpinfo.txt", "text/plain; charset=utf-8", "phpinfo"],
    ]));

    const zip = view.attachments.find((a) => a.fileName === "screens.zip");
    const download = await t.app.request(zip!.url, { headers: adminHeaders });
    expect(download.status).toBe(200);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="screens.zip"/);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.equals(zipped)).toBe(true);
    const inside = await JSZip.loadAsync(bytes);
    expect(Object.keys(inside.files)).toEqual(["screenshot.bmp"]);
  });

  const rejections: [string, () => Promise<{ name: string; bytes: Buffer }[]> | { name: string; bytes: Buffer }[], number, string][] = [
    ["a BMP outside an archive", () => [{ name: "screen.bmp", bytes: f.bmp() }], 415, "BMP_NOT_ARCHIVED"],
    ["an SVG", () => [{ name: "logo.svg", bytes: f.svg() }], 415, "UNSUPPORTED_ATTACHMENT"],
    ["an HTML file named .png", () => [{ name: "shot.png", bytes: f.html() }], 415, "UNSUPPORTED_ATTACHMENT"],
    ["a PNG header glued to HTML", () => [{ name: "shot.png", bytes: f.pngGluedToHtml() }], 415, "UNSUPPORTED_ATTACHMENT"],
    ["a zip bomb", () => [{ name: "bomb.zip", bytes: f.zipBomb() }], 422, "ARCHIVE_REJECTED"],
    ["a zip with ../ paths", () => [{ name: "evil.zip", bytes: f.traversalZip("../evil.txt") }], 422, "ARCHIVE_REJECTED"],
    ["11 files", () => Array.from({ length: 11 }, (_, i) => ({ name: `s${i}.png`, bytes: f.png() })), 413, "TOO_MANY_ATTACHMENTS"],
    ["an 11 MiB file", () => [{ name: "huge.png", bytes: f.bigPng(11 * MiB) }], 413, "ATTACHMENT_TOO_LARGE"],
    ["26 MiB in three files", () => [0, 1, 2].map((i) => ({ name: `big${i}.png`, bytes: f.bigPng(9 * MiB - i) })), 413, "ATTACHMENT_TOO_LARGE"],
  ];

  test.each(rejections)("%s is refused with the contract's status and code, leaving nothing behind", async (_what, make, status, code) => {
    // A good file goes first, so a half-done request would have stored something.
    const files = [{ name: "good.png", bytes: f.bigPng(2000 + Math.floor(Math.random() * 100_000)) }, ...(await make())];
    const before = await footprint(t);
    const res = await post(form(files), { "Idempotency-Key": `reject-${Math.random()}` });
    expect(res.status).toBe(status);
    const body = await errorOf(res);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(20);
    expect(await footprint(t)).toEqual(before);
  });

  test("the BMP refusal tells the user to zip it and names the file", async () => {
    const res = await post(form([{ name: "screen.bmp", bytes: f.bmp() }]));
    const { error } = await errorOf(res);
    expect(error.message).toMatch(/screen\.bmp/);
    expect(error.message).toMatch(/ZIP/i);
    expect(error.field).toBe("attachments[0]");
  });

  test("a body over the limit is refused before it is read", async () => {
    const res = await post(form([0, 1, 2, 3].map((i) => ({ name: `b${i}.png`, bytes: f.bigPng(8 * MiB - i) }))));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("a failure inside the transaction removes the files it stored", async () => {
    const before = await footprint(t);
    // An unknown site id passes every check and then breaks the ticket insert (foreign key).
    const { registerTicket } = await import("../../server/services/tickets/intake");
    await expect(registerTicket(t.deps, {
      fields: { email: "crash@example.org", description: "fails in the transaction" },
      files: [{ name: "only-here.png", bytes: f.bigPng(2000 + Math.floor(Math.random() * 100_000)) }],
      channel: "widget",
      siteId: 987654321,
    })).rejects.toThrow();
    expect(await footprint(t)).toEqual(before);
  });

  describe("smuggled archives and odd files, through a real socket", () => {
    let base = "";
    let close = (): void => {};
    beforeAll(async () => {
      const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise((resolve) => server.once("listening", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());

    const send = (fd: FormData, headers: Record<string, string> = {}) => fetch(`${base}/api/v1/tickets`, { method: "POST", body: fd, headers });

    const hostile: [string, () => { name: string; bytes: Buffer }, number, string, RegExp][] = [
      ["a JPEG with a ZIP holding invoice.exe in its comment", () => ({ name: "screenshot.zip", bytes: p.jpegWithZipInComment() }), 415, "UNSUPPORTED_ATTACHMENT", /JPEG image that also carries a ZIP archive/],
      ["a GIF with a ZIP in a comment extension", () => ({ name: "anim.gif", bytes: p.gifWithZipIn("comment") }), 415, "UNSUPPORTED_ATTACHMENT", /GIF image that also carries a ZIP archive/],
      ["a GIF with a ZIP in an application extension", () => ({ name: "anim.gif", bytes: p.gifWithZipIn("application") }), 415, "UNSUPPORTED_ATTACHMENT", /GIF image that also carries a ZIP archive/],
      ["a PNG with a ZIP in a tEXt chunk", () => ({ name: "shot.png", bytes: p.pngWithZipInChunk() }), 415, "UNSUPPORTED_ATTACHMENT", /PNG image that also carries a ZIP archive/],
      ["a RAR signature followed by a ZIP with an exe", () => ({ name: "logs.rar", bytes: p.rarThenZip() }), 422, "ARCHIVE_REJECTED", /damaged or is not a RAR file/],
      ["a real RAR followed by a ZIP with an exe", () => ({ name: "logs.rar", bytes: p.rarThenZip(rarFixture("test_read_format_rar5_stored.rar")) }), 422, "ARCHIVE_REJECTED", /also carries a ZIP archive/],
      ["a RAR 1.4 archive holding an exe", () => ({ name: "old.rar", bytes: writeRar14([{ name: "INVOICE.EXE", data: f.exeLike() }]) }), 422, "ARCHIVE_REJECTED", /"INVOICE\.EXE" is not an image/],
      ["a RAR 5 archive holding a symlink", () => ({ name: "links.rar", bytes: rarFixture("test_read_format_rar5_symlink.rar") }), 422, "ARCHIVE_REJECTED", /is a link/],
      ["a RAR 5 archive with encrypted headers", () => ({ name: "secret.rar", bytes: rarFixture("test_read_format_rar5_encrypted_filenames.rar") }), 422, "ARCHIVE_REJECTED", /list of files is encrypted/],
      ["a self-extractor (absolute offsets)", () => ({ name: "tools.zip", bytes: p.prefixedZip("absolute") }), 422, "ARCHIVE_REJECTED", /512 bytes before its first entry: an executable program/],
      ["a self-extractor (relative offsets)", () => ({ name: "tools.zip", bytes: p.prefixedZip("relative") }), 422, "ARCHIVE_REJECTED", /512 bytes before its first entry: an executable program/],
      ["a RAR self-extractor", () => ({ name: "setup.rar", bytes: Buffer.concat([f.exeLike(), rarFixture("test_read_format_rar5_stored.rar")]) }), 422, "ARCHIVE_REJECTED", /512 bytes before its first entry: an executable program/],
      ["a BMP whose size field is 0", () => ({ name: "screen.bmp", bytes: p.bmpWithSizeField(0) }), 415, "BMP_NOT_ARCHIVED", /"screen\.bmp" is a BMP image/],
    ];

    test.each(hostile)("%s is refused with its code and reason, leaving nothing behind", async (_what, make, status, code, reason) => {
      const before = await footprint(t);
      const res = await send(form([{ name: "good.png", bytes: f.bigPng(2000 + Math.floor(Math.random() * 100_000)) }, make()]));
      expect(res.status).toBe(status);
      const { error } = await errorOf(res);
      expect(error).toMatchObject({ code, field: "attachments[1]" });
      expect(error.message).toMatch(reason);
      expect(await footprint(t)).toEqual(before);
    });

    test("what is accepted is stored and served under its type's extension, and no stored image holds an archive or a program", async () => {
      const res = await send(form([
        { name: "screenshot.zip", bytes: f.jpeg(), type: "application/zip" },
        { name: "capture", bytes: f.png() },
        { name: "readme.rar", bytes: writeRar14([{ name: "README.TXT", data: "installed 1994\r\n" }]) },
        { name: "hello.rar", bytes: rarFixture("test_read_format_rar5_stored.rar") },
      ]));
      expect(res.status).toBe(201);
      const { tid } = await answerOf(res, ticketCreatedSchema);
      const view = await answerOf(await fetch(`${base}/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
      const files = view.attachments.filter((a) => a.kind === "file");
      expect(files.map((a) => [a.fileName, a.contentType])).toEqual(expect.arrayContaining([
        ["screenshot.jpg", "image/jpeg"], ["capture.png", "image/png"], ["readme.rar", "application/vnd.rar"], ["hello.rar", "application/vnd.rar"],
      ]));
      for (const a of files) {
        const download = await fetch(`${base}${a.url}`, { headers: adminHeaders });
        expect(download.status).toBe(200);
        expect(download.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${a.fileName.replace(".", "\\.")}"`));
      }
      const jpg = files.find((a) => a.fileName === "screenshot.jpg");
      const bytes = Buffer.from(await (await fetch(`${base}${jpg!.url}`, { headers: adminHeaders })).arrayBuffer());
      expect(bytes.equals(f.jpeg())).toBe(true);

      // Every file this suite has stored (deduplicated by sha256): the refused requests left none.
      const stored: Buffer[] = [];
      for await (const b of t.deps.blobs.list()) stored.push((await readBlob(t.deps.blobs, b.sha256))!);
      const images = stored.filter((b) => [f.png(), f.gif(), f.jpeg()].some((img) => b.subarray(0, 4).equals(img.subarray(0, 4))));
      expect(images.length).toBeGreaterThanOrEqual(3);
      for (const b of images) {
        for (const signature of ["PK\x05\x06", "PK\x03\x04", "Rar!", "7z\xbc\xaf", "MZ", "invoice.exe"]) {
          expect(b.includes(Buffer.from(signature, "latin1"))).toBe(false);
        }
      }
      for (const b of stored) expect(b.includes(Buffer.from("invoice.exe"))).toBe(false);
    });
  });
});
