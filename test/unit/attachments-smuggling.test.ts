/**
 * Issue 11: files that are two things at once, RARs read for real, and odd but legal files. Each
 * hostile fixture is first shown to be a working payload (yauzl, a ZIP reader, lists what it
 * hides), then shown to be refused with a stable code and a sentence that says why.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { inspectZip } from "../../server/domain/attachments/archive";
import { findEmbeddedArchive } from "../../server/domain/attachments/embedded";
import { judgeAttachments } from "../../server/domain/attachments/judge";
import { nameForKind } from "../../server/domain/attachments/names";
import { inspectRar } from "../../server/domain/attachments/rar";
import { sniff } from "../../server/domain/attachments/sniff";
import { judgeMailAttachments } from "../../server/services/mail/mail-attachments";
import type { ApiError } from "../../server/errors";
import { Rejection } from "../../server/domain/rejection";
import { toApiError } from "../../server/http/on-error";
import * as f from "../fixtures/files";
import * as p from "../fixtures/polyglots";
import { rarFixture } from "../fixtures/rar-fixtures";
import { writeRar14 } from "../fixtures/rar14-writer";
import { withRar5Window } from "../fixtures/rar5-window";
import { storedEntry } from "../fixtures/zip-writer";

// Taken before unrar's WebAssembly runtime is first loaded (rar.ts loads it on first use).
const crashHandlersAtStart = [process.listeners("uncaughtException").length, process.listeners("unhandledRejection").length];

async function refused(bytes: Buffer, name = "screenshot.zip"): Promise<ApiError> {
  const err = await judgeAttachments([{ name, bytes }]).then(() => undefined, (e: unknown) => e);
  // The domain rejects without knowing HTTP; the status is what the API answers for it.
  expect(err).toBeInstanceOf(Rejection);
  return toApiError(err);
}

/** What a ZIP reader finds in the bytes: the proof that a fixture really smuggles something. */
async function zipListing(bytes: Buffer): Promise<string[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  zip.close();
  return names;
}

async function rarVerdict(bytes: Buffer, limits?: Parameters<typeof inspectRar>[1]) {
  return inspectRar(bytes, limits);
}

/** Noise like compressed pixels, the same every run. */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const b = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

describe("images that carry an archive", () => {
  const carriers = [
    ["a JPEG with a ZIP in its COM segment", p.jpegWithZipInComment, "jpeg", /is a JPEG image that also carries a ZIP archive \(at byte 6\)/],
    ["a GIF with a ZIP in a comment extension", () => p.gifWithZipIn("comment"), "gif", /is a GIF image that also carries a ZIP archive/],
    ["a GIF with a ZIP in an application extension", () => p.gifWithZipIn("application"), "gif", /is a GIF image that also carries a ZIP archive/],
    ["a PNG with a ZIP in a tEXt chunk", p.pngWithZipInChunk, "png", /is a PNG image that also carries a ZIP archive/],
  ] as const;

  it.each(carriers)("%s is a valid image that a ZIP reader opens", async (_what, make, kind) => {
    expect(sniff(make())).toBe(kind);
    expect(await zipListing(make())).toEqual(["invoice.exe"]);
  });

  it.each(carriers)("%s is refused as unsupported, saying what it carries", async (_what, make, _kind, message) => {
    const err = await refused(make());
    expect(err).toMatchObject({ code: "UNSUPPORTED_ATTACHMENT", status: 415, field: "attachments[0]" });
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/"screenshot\.zip".*plain images/);
  });

  it.each([
    ["a RAR", Buffer.concat([Buffer.from("Rar!\x1a\x07\x01\x00", "latin1"), Buffer.alloc(16)]), "a RAR archive"],
    ["a 7z archive", Buffer.concat([Buffer.from("7z\xbc\xaf\x27\x1c\x00\x04", "latin1"), Buffer.alloc(24)]), "a 7z archive"],
    ["a Windows program", p.tinyExe(), "a Windows program"],
  ])("a PNG chunk holding %s is refused", async (_what, payload, what) => {
    const err = await refused(f.png([f.pngChunk("prVt", payload)]), "shot.png");
    expect(err.code).toBe("UNSUPPORTED_ATTACHMENT");
    expect(err.message).toContain(`also carries ${what} (at byte 41)`);
  });

  it("a file that starts as an image and has an archive glued on says so", async () => {
    const err = await refused(f.pngWithTrailingZip(), "shot.png");
    expect(err.code).toBe("UNSUPPORTED_ATTACHMENT");
    expect(err.message).toMatch(/It carries a ZIP archive at byte \d+, inside other data\. Allowed types/);
  });

  it("signatures that turn up by chance in pixel data are not taken for archives", async () => {
    // 4 MiB of noise holds several chance "MZ" and, over many files, "PK\x05\x06": none has the
    // structure a tool would open, so the image stays an image.
    const noisy = f.png([f.pngChunk("prVt", noise(4 * 1024 * 1024))]);
    expect(findEmbeddedArchive(noisy)).toBeUndefined();
    const withSignatures = f.png([f.pngChunk("prVt", Buffer.from("PK\x05\x06PK\x03\x04MZ\x00\x00Rar!7z", "latin1"))]);
    expect(findEmbeddedArchive(withSignatures)).toBeUndefined();
    expect((await judgeAttachments([{ name: "noise.png", bytes: noisy }]))[0]?.kind).toBe("png");
  });

  it("a plain image uploaded as screenshot.zip is stored as screenshot.jpg", async () => {
    const [accepted] = await judgeAttachments([{ name: "screenshot.zip", bytes: f.jpeg() }]);
    expect(accepted).toMatchObject({ name: "screenshot.jpg", kind: "jpeg", mime: "image/jpeg" });
  });
});

describe("RAR archives are inspected like ZIPs", () => {
  it("lists a real RAR 5 archive and accepts its text log", async () => {
    expect(await rarVerdict(rarFixture("test_read_format_rar5_stored.rar"))).toEqual({
      ok: true, entries: [{ name: "helloworld.txt", size: 29, kind: "text" }],
    });
  });

  it("unpacks a compressed RAR 4 archive, judging 1 MiB of text whole, within the ratio limit it is given", async () => {
    const folder = rarFixture("FolderTest.rar");
    expect(await rarVerdict(folder)).toEqual({ ok: false, reason: "The archive unpacks to more than 100 times its own size." });
    const verdict = await rarVerdict(folder, { maxRatio: 1000 });
    expect(verdict.ok && verdict.entries.map((e) => [e.name, e.kind, e.size])).toEqual([
      ["Folder1/Folder Space/long.txt", "text", 1049076],
      ["Folder1/Folder 中文/2中文.txt", "text", 15],
      ["Folder1/Folder Space/", "directory", 0],
      ["Folder1/Folder 中文/", "directory", 0],
      ["Folder1/", "directory", 0],
    ]);
    expect(await rarVerdict(folder, { maxRatio: 1000, maxUnpackedBytes: 500_000 })).toEqual({ ok: false, reason: "The archive unpacks to more than 500000 bytes." });
  });

  it.each([
    ["test_read_format_rar5_compressed.rar", /^The entry "test\.bin" is not an image \(PNG, GIF, JPEG, BMP\) or a text log/],
    ["test_read_format_rar5_zip_in_rar.rar", /^The entry "payload\/inner\.zip" is itself an archive/],
    ["test_read_format_rar5_symlink.rar", /^The entry "symlink\.txt" is a link or not a regular file/],
    ["test_read_format_rar.rar", /^The entry "testlink" is a link or not a regular file/],
    ["test_read_format_rar5_encrypted.rar", /^The entry "b\.txt" is encrypted/],
    ["test_read_format_rar5_encrypted_filenames.rar", /^Its list of files is encrypted with a password, so we cannot check what it holds/],
    ["test_read_format_rar_encryption_header.rar", /^Its list of files is encrypted with a password/],
    ["test_read_format_rar5_unpacked_size_exceeds_declared.rar", /^The archive is damaged or is not a RAR file we can read/],
    ["test_read_format_rar5_multiarchive.part01.rar", /^It is one part of a multi-volume archive; send the whole archive as one file\.$/],
  ])("refuses %s with the ZIP rules' reason", async (name, reason) => {
    const verdict = await rarVerdict(rarFixture(name));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it("counts entries against the limit", async () => {
    expect(await rarVerdict(rarFixture("test_read_format_rar5_multiple_files.rar"), { maxEntries: 2 })).toEqual({ ok: false, reason: "The archive holds more than 2 entries." });
  });

  it("refuses a file with a RAR signature that is not a RAR, and a RAR cut short or corrupted", async () => {
    const folder = rarFixture("FolderTest.rar");
    const flipped = Buffer.from(folder);
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] ?? 0) ^ 0xff;
    for (const bytes of [Buffer.concat([Buffer.from("Rar!\x1a\x07\x00", "latin1"), Buffer.alloc(300, 0x41)]), folder.subarray(0, 2000), flipped]) {
      expect(await rarVerdict(bytes, { maxRatio: 1000 })).toEqual({ ok: false, reason: "The archive is damaged or is not a RAR file we can read." });
    }
  });

  describe("RAR 1.4 (RE~^), which unrar still reads", () => {
    it("is sniffed as a RAR and its entries are judged", async () => {
      const archive = writeRar14([{ name: "README.TXT", data: "installed 1994\r\n" }, { name: "EMPTY.LOG", data: "" }]);
      expect(sniff(archive)).toBe("rar");
      expect(await rarVerdict(archive)).toEqual({ ok: true, entries: [{ name: "README.TXT", size: 16, kind: "text" }, { name: "EMPTY.LOG", size: 0, kind: "text" }] });
    });

    it.each([
      ["an executable", [{ name: "INVOICE.EXE", data: f.exeLike() }], /"INVOICE\.EXE" is not an image/],
      ["a path outside", [{ name: "../evil.txt", data: "x" }], /"\.\.\/evil\.txt" points outside the archive/],
      ["a nested ZIP", [{ name: "INNER.LOG", data: f.emptyZip() }], /archives inside archives/],
    ])("refuses one holding %s", async (_what, entries, reason) => {
      const verdict = await rarVerdict(writeRar14(entries));
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toMatch(reason);
    });

    it("is read for real: a wrong checksum is damage", async () => {
      const archive = writeRar14([{ name: "README.TXT", data: "installed 1994\r\n" }]);
      archive.writeUInt16LE(archive.readUInt16LE(7 + 8) ^ 1, 7 + 8);
      expect(await rarVerdict(archive)).toEqual({ ok: false, reason: "The archive is damaged or is not a RAR file we can read." });
    });
  });

  it.each([
    ["a RAR signature and header", f.rar4(), /The archive is damaged or is not a RAR file we can read\.$/],
    ["a real RAR 5 archive", rarFixture("test_read_format_rar5_stored.rar"), /It also carries a ZIP archive at byte 109, outside its entries\.$/],
  ])("%s followed by a ZIP with an executable is refused", async (_what, rar, reason) => {
    const stacked = p.rarThenZip(rar);
    expect(await zipListing(stacked)).toEqual(["invoice.exe"]);
    const err = await refused(stacked, "logs.rar");
    expect(err).toMatchObject({ code: "ARCHIVE_REJECTED", status: 422 });
    expect(err.message).toMatch(/^The archive "logs\.rar" was rejected\. /);
    expect(err.message).toMatch(reason);
  });

  it("runs inspections side by side without mixing them up (one unrar instance serves all)", async () => {
    const names = ["test_read_format_rar5_stored.rar", "test_read_format_rar5_symlink.rar", "FolderTest.rar", "test_read_format_rar.rar"];
    const alone: unknown[] = [];
    for (const name of names) alone.push(await rarVerdict(rarFixture(name)));
    expect(await Promise.all([...names, ...names].map((name) => rarVerdict(rarFixture(name))))).toEqual([...alone, ...alone]);
  });

  it("answers every damaged RAR with a verdict, and unrar keeps working after it", async () => {
    const seeds = ["test_read_format_rar5_compressed.rar", "FolderTest.rar", "test_read_format_rar_compress_normal.rar"].map(rarFixture);
    seeds.push(writeRar14([{ name: "A.TXT", data: "hello\r\n" }]));
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...seeds.keys()), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat(),
      async (seed, flips, cut) => {
        const bytes = Buffer.from(seeds[seed]!);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        const verdict = await rarVerdict(bytes.subarray(0, bytes.length - (cut % 3 === 0 ? cut % bytes.length : 0)), { maxRatio: 1000 });
        expect(typeof (verdict.ok ? verdict.entries : verdict.reason)).not.toBe("undefined");
      },
    ), { numRuns: 150, seed: 11 });
    expect((await rarVerdict(rarFixture("test_read_format_rar5_stored.rar"))).ok).toBe(true);
  });

  it("refuses a RAR 5 archive that asks for a huge unpacking window before unrar allocates it", async () => {
    const small = rarFixture("test_read_format_rar5_compressed.rar");
    // 32 MiB, RAR's default: read as usual (the entry is binary, so refused for that).
    expect(await rarVerdict(withRar5Window(small, 8))).toEqual({ ok: false, reason: expect.stringMatching(/^The entry "test\.bin" is not an image/) as string });
    for (const [n, mib] of [[10, 128], [13, 1024], [15, 4096]] as const) {
      expect(await rarVerdict(withRar5Window(small, n))).toEqual({
        ok: false, reason: `It was made with a ${mib} MiB dictionary; we unpack RAR archives made with up to 64 MiB (RAR's default is 32 MiB).`,
      });
    }
  });

  it("leaves the process's crash handlers alone (the WebAssembly runtime installs its own)", async () => {
    await rarVerdict(rarFixture("test_read_format_rar5_stored.rar"));
    expect([process.listeners("uncaughtException").length, process.listeners("unhandledRejection").length]).toEqual(crashHandlersAtStart);
  });

  it("an accepted RAR is stored under .rar", async () => {
    const [accepted] = await judgeAttachments([{ name: "logs", bytes: rarFixture("test_read_format_rar5_stored.rar") }]);
    expect(accepted).toMatchObject({ name: "logs.rar", kind: "rar", mime: "application/vnd.rar" });
  });
});

describe("a ZIP with a prefix is judged as a ZIP", () => {
  it.each(["absolute", "relative"] as const)("a self-extractor with %s offsets is a ZIP, refused for its program", async (offsets) => {
    const sfx = p.prefixedZip(offsets);
    expect(sniff(sfx)).toBe("zip");
    const err = await refused(sfx, "tools.zip");
    expect(err).toMatchObject({ code: "ARCHIVE_REJECTED", status: 422 });
    expect(err.message).toBe('The archive "tools.zip" was rejected. It has 512 bytes before its first entry: an executable program (a self-extracting archive). We accept only plain ZIP files; pack the files again without a self-extractor.');
  });

  it("a RAR behind a program (a RAR self-extractor) is a RAR, refused for its program", async () => {
    const sfx = Buffer.concat([f.exeLike(), rarFixture("test_read_format_rar5_stored.rar")]);
    expect(sniff(sfx)).toBe("rar");
    const err = await refused(sfx, "setup.exe");
    expect(err).toMatchObject({ code: "ARCHIVE_REJECTED", status: 422 });
    expect(err.message).toBe('The archive "setup.exe" was rejected. It has 512 bytes before its first entry: an executable program (a self-extracting archive). We accept only plain RAR files; pack the files again without a self-extractor.');
  });

  it("a ZIP behind other data says so, whatever the entries", async () => {
    const glued = p.prefixedZip("absolute", [storedEntry("app.log", "ok\n")], Buffer.from("garbage before the archive"));
    expect(await zipListing(glued)).toEqual(["app.log"]);
    const verdict = await inspectZip(glued);
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/^It has 26 bytes before its first entry: data that is not part of the archive\./) as string });
  });

  it("a ZIP whose comment holds a RAR is refused", async () => {
    const zip = await f.zipOf({ "a.log": "ok\n" });
    expect(await inspectZip(zip)).toMatchObject({ ok: true });
    // The end record's last field is the comment length: announce 8 bytes, then give them.
    const withRar = Buffer.concat([zip.subarray(0, zip.length - 2), Buffer.from([8, 0]), Buffer.from("Rar!\x1a\x07\x00x", "latin1")]);
    expect(await inspectZip(withRar)).toEqual({ ok: false, reason: expect.stringMatching(/^It also carries a RAR archive at byte \d+, outside its entries\.$/) as string });
  });
});

describe("a BMP whose size field disagrees with its length", () => {
  it.each([
    ["0", p.bmpWithSizeField(0)],
    ["too large", p.bmpWithSizeField(123456)],
    ["too small, with padding after the pixels", p.bmpWithSizeField(54, 2)],
  ])("is a BMP when the field is %s", async (_what, bytes) => {
    expect(sniff(bytes)).toBe("bmp");
    const err = await refused(bytes, "screen.bmp");
    expect(err).toMatchObject({ code: "BMP_NOT_ARCHIVED", status: 415 });
  });

  it("is accepted inside a ZIP", async () => {
    expect(await inspectZip(await f.zipOf({ "screen.bmp": p.bmpWithSizeField(0) }))).toEqual({
      ok: true, entries: [{ name: "screen.bmp", size: f.bmp().length, kind: "bmp" }],
    });
  });
});

describe("stored names take the detected type's extension", () => {
  it.each([
    ["screenshot.zip", "jpeg", "screenshot.jpg"],
    ["photo.JPEG", "jpeg", "photo.JPEG"],
    ["scan.jfif", "jpeg", "scan.jfif"],
    ["shot", "png", "shot.png"],
    ["report.tar.gz", "png", "report.tar.png"],
    ["logs.part1.rar", "rar", "logs.part1.rar"],
    ["notes about v2.0 final", "zip", "notes about v2.0 final.zip"],
    ["", "gif", "attachment.gif"],
    [`${"a".repeat(300)}.exe`, "zip", `${"a".repeat(196)}.zip`],
  ] as const)("%j as %s is %j", (name, kind, expected) => {
    expect(nameForKind(name, kind)).toBe(expected);
  });
});

describe("mail attachments follow the same rules", () => {
  it("keeps the clean image under its type's extension and refuses the smugglers, each with its code", async () => {
    const verdict = await judgeMailAttachments([
      { name: "screenshot.zip", bytes: f.jpeg() },
      { name: "scan.jpg", bytes: p.jpegWithZipInComment() },
      { name: "old.rar", bytes: writeRar14([{ name: "INVOICE.EXE", data: f.exeLike() }]) },
      { name: "setup.zip", bytes: p.prefixedZip("relative") },
      { name: "screen.bmp", bytes: p.bmpWithSizeField(0) },
    ]);
    expect(verdict.accepted.map((a) => [a.name, a.kind])).toEqual([["screenshot.jpg", "jpeg"]]);
    expect(verdict.refused.map((r) => [r.name, r.code])).toEqual([
      ["scan.jpg", "UNSUPPORTED_ATTACHMENT"],
      ["old.rar", "ARCHIVE_REJECTED"],
      ["setup.zip", "ARCHIVE_REJECTED"],
      ["screen.bmp", "BMP_NOT_ARCHIVED"],
    ]);
    expect(verdict.refused[0]?.reason).toMatch(/also carries a ZIP archive/);
  });
});
