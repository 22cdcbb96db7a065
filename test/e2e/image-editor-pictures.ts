/**
 * The pictures the picture editor's end-to-end tests (image-editor.test.ts) edit, and the checks
 * of what came back: a stored PNG black where a region was hidden, of the crop's size.
 */
import { expect } from "vitest";
import { PNG } from "pngjs";

export type Box = { x: number; y: number; w: number; h: number };

/** A 400×300 picture with no black pixel in it: every colour differs from the blackout's. */
export function pattern(): Buffer {
  const img = new PNG({ width: 400, height: 300 });
  for (let y = 0; y < 300; y++) {
    for (let x = 0; x < 400; x++) {
      const i = (y * 400 + x) * 4;
      img.data.set([Math.round((x * 255) / 399), Math.round((y * 255) / 299), ((x >> 4) ^ (y >> 4)) & 1 ? 230 : 140, 255], i);
    }
  }
  return PNG.sync.write(img);
}

/**
 * The same kind of picture as a GIF89a (400×300, a 256-colour palette without black). Its LZW
 * stream sends a clear code every 254 pixels, so every code stays 9 bits wide: valid, just not
 * compressed, and simple enough to write here.
 */
export function gifPattern(): Buffer {
  const [w, h] = [400, 300];
  const palette = Buffer.alloc(768);
  for (let i = 0; i < 256; i++) palette.set([40 + (i % 16) * 13, 40 + (i >> 4) * 13, 200], i * 3);
  const codes: number[] = [];
  for (let p = 0; p < w * h; p++) {
    if (p % 254 === 0) codes.push(256);
    const [x, y] = [p % w, Math.floor(p / w)];
    codes.push(((x >> 4) & 15) | (((y >> 4) & 15) << 4));
  }
  codes.push(257);
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of codes) {
    acc |= c << bits;
    bits += 9;
    while (bits >= 8) {
      bytes.push(acc & 255);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits) bytes.push(acc & 255);
  const blocks: number[] = [];
  for (let i = 0; i < bytes.length; i += 255) blocks.push(Math.min(255, bytes.length - i), ...bytes.slice(i, i + 255));
  const screen = Buffer.from([w & 255, w >> 8, h & 255, h >> 8, 0xf7, 0, 0]);
  const image = Buffer.from([0x2c, 0, 0, 0, 0, w & 255, w >> 8, h & 255, h >> 8, 0, 8]);
  return Buffer.concat([Buffer.from("GIF89a", "latin1"), screen, palette, image, Buffer.from(blocks), Buffer.from([0, 0x3b])]);
}

/** The pixels of `region` that are not opaque black, and the same for a ring just outside it. */
export function blackout(png: PNG, region: Box): { notBlack: number; blackAround: number; around: number } {
  const black = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return png.data[i] === 0 && png.data[i + 1] === 0 && png.data[i + 2] === 0 && png.data[i + 3] === 255;
  };
  let notBlack = 0;
  for (let y = region.y; y < region.y + region.h; y++) for (let x = region.x; x < region.x + region.w; x++) if (!black(x, y)) notBlack++;
  let around = 0;
  let blackAround = 0;
  for (let x = region.x; x < region.x + region.w; x++) {
    for (const y of [region.y - 3, region.y + region.h + 2]) {
      if (y < 0 || y >= png.height) continue;
      around++;
      if (black(x, y)) blackAround++;
    }
  }
  return { notBlack, blackAround, around };
}

/** "Hide: 120 × 75 pixels at 130, 113. Enter adds it." → the rectangle. */
export function rectOf(status: string): Box {
  const m = /(\d+) × (\d+) pixels at (\d+), (\d+)/.exec(status);
  if (!m) throw new Error(`no rectangle in "${status}"`);
  return { w: Number(m[1]), h: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
}

/** The hidden region as it lies in the cropped picture. */
export const inCrop = (hide: Box, crop: Box): Box => ({ x: hide.x - crop.x, y: hide.y - crop.y, w: hide.w, h: hide.h });

/** What the stored PNG says of itself beside its pixels: none of the text or EXIF chunks. */
export const metadataChunks = (bytes: Buffer) => ["tEXt", "iTXt", "zTXt", "eXIf", "tIME"].filter((c) => bytes.includes(Buffer.from(c, "latin1")));


/**
 * The stored file is the edited picture: a PNG named `name` of the crop's size, black all over the
 * hidden region, with no metadata. Returns the region's counts, for a test's check around it.
 */
export function expectEdited(file: { fileName: string; contentType: string; png: PNG; bytes: Buffer }, name: string, crop: Box, hide: Box) {
  expect([file.fileName, file.contentType]).toEqual([name, "image/png"]);
  expect([file.png.width, file.png.height]).toEqual([crop.w, crop.h]);
  const region = blackout(file.png, inCrop(hide, crop));
  expect(region.notBlack).toBe(0);
  expect(metadataChunks(file.bytes)).toEqual([]);
  return region;
}
