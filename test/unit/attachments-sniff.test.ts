import { describe, expect, it } from "vitest";
import { isTextLog, sniff, sniffPrefix } from "../../server/domain/attachments/sniff";
import * as f from "../fixtures/files";

const MiB = 1024 * 1024;

describe("sniff", () => {
  it.each([
    ["png", f.png()],
    ["gif", f.gif()],
    ["jpeg", f.jpeg()],
    ["bmp", f.bmp()],
    ["rar", f.rar5()],
    ["rar", f.rar4()],
    ["zip", f.emptyZip()],
  ] as const)("recognises a real %s", (kind, bytes) => {
    expect(sniff(bytes)).toBe(kind);
  });

  it("recognises a zip made by jszip", async () => {
    expect(sniff(await f.zipOfBmp())).toBe("zip");
  });

  it("recognises a padded PNG of an exact size", () => {
    const big = f.bigPng(3 * MiB);
    expect(big.length).toBe(3 * MiB);
    expect(sniff(big)).toBe("png");
  });

  it.each([
    ["a PNG header glued to HTML", f.pngGluedToHtml()],
    ["a valid PNG with an archive appended", f.pngWithTrailingZip()],
    ["a PNG with one more byte after IEND", Buffer.concat([f.png(), Buffer.from([0])])],
    ["a PNG cut before IEND", f.png().subarray(0, f.png().length - 12)],
    ["a GIF with bytes after its trailer", Buffer.concat([f.gif(), Buffer.from("<b>")])],
    ["a GIF without its trailer", f.gif().subarray(0, f.gif().length - 1)],
    ["a JPEG with HTML after EOI", Buffer.concat([f.jpeg(), f.html()])],
    ["a JPEG cut before EOI", f.jpeg().subarray(0, f.jpeg().length - 2)],
    ["a BMP cut short of the pixels its header describes", f.bmp().subarray(0, f.bmp().length - 4)],
    ["an HTML document", f.html()],
    ["an SVG", f.svg()],
    ["an executable", f.exeLike()],
    ["an empty file", Buffer.alloc(0)],
  ])("calls %s unknown", (_label, bytes) => {
    expect(sniff(bytes)).toBe("unknown");
  });

  it("calls a PNG with a corrupted chunk CRC unknown", () => {
    const bytes = f.png();
    const at = bytes.length - 20; // inside IDAT's data: its CRC no longer matches
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    expect(sniff(bytes)).toBe("unknown");
  });

  it("accepts a JPEG followed by a second complete JPEG (multi-picture format)", () => {
    expect(sniff(Buffer.concat([f.jpeg(), f.jpeg()]))).toBe("jpeg");
  });
});

describe("sniffPrefix", () => {
  it("recognises images from their first 64 KiB", () => {
    expect(sniffPrefix(f.bigPng(MiB).subarray(0, 64 * 1024))).toBe("png");
    expect(sniffPrefix(f.jpeg().subarray(0, 20))).toBe("jpeg");
    expect(sniffPrefix(f.gif().subarray(0, 13))).toBe("gif");
  });

  it("needs the BMP's real total size to hold the pixels its header describes", () => {
    const head = f.bmp().subarray(0, 54);
    expect(sniffPrefix(head, f.bmp().length)).toBe("bmp");
    // A size field that disagrees is common in the wild and harmless; missing pixels are not.
    expect(sniffPrefix(head, f.bmp().length + 1)).toBe("bmp");
    expect(sniffPrefix(head, f.bmp().length - 1)).toBe("unknown");
  });

  it("calls HTML and an executable unknown", () => {
    expect(sniffPrefix(f.html())).toBe("unknown");
    expect(sniffPrefix(f.exeLike())).toBe("unknown");
  });
});

describe("isTextLog", () => {
  it("accepts UTF-8 logs with tabs and colour codes", () => {
    expect(isTextLog(f.textLog())).toBe(true);
    expect(isTextLog(Buffer.from("\x1b[31mFAIL\x1b[0m\r\n"))).toBe(true);
  });

  it("refuses NUL bytes, invalid UTF-8 and binary", () => {
    expect(isTextLog(Buffer.from("log\0line"))).toBe(false);
    expect(isTextLog(Buffer.from([0x61, 0xff, 0x62]))).toBe(false);
    expect(isTextLog(Buffer.from([0x61, 0xc3]))).toBe(false); // a sequence cut at the end
    expect(isTextLog(Buffer.from("\x01\x02\x03\x04 text"))).toBe(false);
  });
});
