/**
 * The picture editor's model (ui/editor/model.ts) without a DOM: the undo/redo history, the
 * rectangle math, pointer positions in image pixels (a canvas shown smaller than the image, a
 * capture at devicePixelRatio 2), the keyboard's moves and the export's file name.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  EMPTY, area, arrowHead, commit, defaultDraft, dragDraft, fitRect, isTiny, nudge, pngName, push, redo, spanRect, start, stepOf, toImage, undo,
  type Doc, type Draft, type Key,
} from "../../ui/editor/model";

const IMG = { w: 400, h: 300 };
const hide = (x: number, y: number, w: number, h: number): Draft => ({ tool: "hide", r: { x, y, w, h } });

describe("undo and redo", () => {
  test("undo walks back through every change and redo forward again; undo at the start changes nothing", () => {
    let h = start();
    expect(undo(h)).toBe(h);
    const a = commit(EMPTY, hide(1, 1, 5, 5));
    const b = commit(a, { tool: "crop", r: { x: 0, y: 0, w: 50, h: 40 } });
    h = push(push(h, a), b);
    expect(h.now).toBe(b);
    h = undo(h);
    expect(h.now).toBe(a);
    h = undo(h);
    expect(h.now).toEqual(EMPTY);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.now).toBe(b);
    expect(redo(h)).toBe(h);
  });

  test("a new change after an undo drops what could have been redone", () => {
    const a = commit(EMPTY, hide(1, 1, 5, 5));
    const c = commit(EMPTY, { tool: "arrow", from: { x: 0, y: 0 }, to: { x: 9, y: 9 } });
    const h = push(undo(push(start(), a)), c);
    expect(h.future).toEqual([]);
    expect(h.now).toBe(c);
    expect(undo(h).now).toEqual(EMPTY);
  });

  test("any sequence of pushes is undone to the start and redone to the end", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }), (sizes) => {
      let h = start();
      const docs: Doc[] = [];
      for (const s of sizes) {
        const d = commit(h.now, hide(0, 0, s, s));
        docs.push(d);
        h = push(h, d);
      }
      for (let i = sizes.length - 2; i >= -1; i--) {
        h = undo(h);
        expect(h.now).toBe(i < 0 ? EMPTY : docs[i]);
      }
      for (const d of docs) expect((h = redo(h)).now).toBe(d);
    }));
  });
});

describe("rectangles", () => {
  test("two corners in any order span the same whole-pixel rectangle, cut at the image's edges", () => {
    expect(spanRect({ x: 30.4, y: 40.6 }, { x: 10, y: 20 }, IMG)).toEqual({ x: 10, y: 20, w: 20, h: 21 });
    expect(spanRect({ x: -50, y: 250 }, { x: 420, y: 330 }, IMG)).toEqual({ x: 0, y: 250, w: 400, h: 50 });
  });

  test("a rectangle is kept whole inside the image: moved back in, never larger than the image", () => {
    expect(fitRect({ x: 390, y: -5, w: 50, h: 20 }, IMG)).toEqual({ x: 350, y: 0, w: 50, h: 20 });
    expect(fitRect({ x: 0, y: 0, w: 900, h: 0 }, IMG)).toEqual({ x: 0, y: 0, w: 400, h: 1 });
  });

  test("spanned rectangles stay inside the image, in whole pixels", () => {
    const pt = fc.record({ x: fc.double({ min: -500, max: 900, noNaN: true }), y: fc.double({ min: -500, max: 900, noNaN: true }) });
    fc.assert(fc.property(pt, pt, (a, b) => {
      const r = spanRect(a, b, IMG);
      for (const v of [r.x, r.y, r.w, r.h]) expect(Number.isInteger(v)).toBe(true);
      expect(r.x >= 0 && r.y >= 0 && r.x + r.w <= IMG.w && r.y + r.h <= IMG.h).toBe(true);
    }));
  });

  test("a click (no drag) is too small to add", () => {
    expect(isTiny(dragDraft("hide", { x: 5, y: 5 }, { x: 6, y: 5 }, IMG))).toBe(true);
    expect(isTiny(dragDraft("arrow", { x: 5, y: 5 }, { x: 6, y: 6 }, IMG))).toBe(true);
    expect(isTiny(dragDraft("highlight", { x: 5, y: 5 }, { x: 25, y: 15 }, IMG))).toBe(false);
  });

  test("a crop replaces the crop and marks are added in order; the area is the crop or the whole image", () => {
    expect(area(EMPTY, IMG)).toEqual({ x: 0, y: 0, w: 400, h: 300 });
    let d = commit(EMPTY, { tool: "crop", r: { x: 10, y: 10, w: 100, h: 50 } });
    d = commit(d, hide(20, 20, 5, 5));
    d = commit(d, { tool: "crop", r: { x: 0, y: 0, w: 200, h: 100 } });
    expect(area(d, IMG)).toEqual({ x: 0, y: 0, w: 200, h: 100 });
    expect(d.marks).toEqual([hide(20, 20, 5, 5)]);
  });
});

describe("pointer positions in image pixels", () => {
  test("a canvas shown at half its size (a capture at devicePixelRatio 2) doubles the CSS pixels", () => {
    const img = { w: 2048, h: 1440 };
    const box = { left: 100, top: 50, width: 1024, height: 720 };
    expect(toImage(100, 50, box, img)).toEqual({ x: 0, y: 0 });
    expect(toImage(612, 410, box, img)).toEqual({ x: 1024, y: 720 });
    expect(toImage(1124, 770, box, img)).toEqual({ x: 2048, y: 1440 });
  });

  test("a small image shown larger, and each axis scaled on its own; outside the canvas is its edge", () => {
    expect(toImage(30, 40, { left: 0, top: 0, width: 60, height: 80 }, { w: 20, h: 10 })).toEqual({ x: 10, y: 5 });
    expect(toImage(-20, 999, { left: 0, top: 0, width: 60, height: 80 }, { w: 20, h: 10 })).toEqual({ x: 0, y: 10 });
  });
});

describe("the keyboard", () => {
  const press = (d: Draft, keys: Key[], shift = false) => keys.reduce((x, k) => nudge(x, k, shift, IMG), d);

  test("one step is 1% of the longer side, at least one pixel", () => {
    expect(stepOf(IMG)).toBe(4);
    expect(stepOf({ w: 2560, h: 1440 })).toBe(26);
    expect(stepOf({ w: 16, h: 16 })).toBe(1);
  });

  test("a rectangle starts as a quarter of the area in its middle; arrows move it, Shift+arrows size it", () => {
    const d = defaultDraft("hide", EMPTY, IMG);
    expect(d).toEqual(hide(150, 113, 100, 75));
    expect(press(d, ["ArrowLeft", "ArrowLeft", "ArrowUp"])).toEqual(hide(142, 109, 100, 75));
    expect(press(d, ["ArrowRight", "ArrowDown", "ArrowDown"], true)).toEqual(hide(150, 113, 104, 83));
    expect(press(d, ["ArrowLeft"], true)).toEqual(hide(150, 113, 96, 75));
  });

  test("moves stop at the image's edges and sizes stay between one pixel and the image", () => {
    const d = defaultDraft("highlight", EMPTY, IMG);
    const left = press(d, Array<Key>(100).fill("ArrowLeft"));
    expect(left.tool !== "arrow" && left.r).toEqual({ x: 0, y: 113, w: 100, h: 75 });
    const narrow = press(d, Array<Key>(100).fill("ArrowLeft"), true);
    expect(narrow.tool !== "arrow" && narrow.r.w).toBe(1);
    const wide = press(d, Array<Key>(100).fill("ArrowRight"), true);
    expect(wide.tool !== "arrow" && wide.r).toEqual({ x: 150, y: 113, w: 250, h: 75 });
  });

  test("a crop starts as the current area and shrinks from the right and bottom", () => {
    const cropped = commit(EMPTY, { tool: "crop", r: { x: 40, y: 20, w: 200, h: 100 } });
    expect(defaultDraft("crop", cropped, IMG)).toEqual({ tool: "crop", r: { x: 40, y: 20, w: 200, h: 100 } });
    const d = press(defaultDraft("crop", EMPTY, IMG), ["ArrowLeft", "ArrowUp"], true);
    expect(d).toEqual({ tool: "crop", r: { x: 0, y: 0, w: 396, h: 296 } });
  });

  test("an arrow moves as one piece within the image; Shift moves only its tip", () => {
    const d = defaultDraft("arrow", EMPTY, IMG);
    expect(d).toEqual({ tool: "arrow", from: { x: 100, y: 75 }, to: { x: 200, y: 150 } });
    expect(press(d, ["ArrowRight"], true)).toEqual({ tool: "arrow", from: { x: 100, y: 75 }, to: { x: 204, y: 150 } });
    const moved = press(d, Array<Key>(40).fill("ArrowUp"));
    expect(moved).toEqual({ tool: "arrow", from: { x: 100, y: 0 }, to: { x: 200, y: 75 } });
  });
});

describe("drawing and export helpers", () => {
  test("an arrowhead's ends lie behind the tip, either side of the shaft", () => {
    const [a, b] = arrowHead({ x: 0, y: 0 }, { x: 100, y: 0 }, 10);
    expect(a.x).toBeCloseTo(100 - 10 * Math.cos((28 * Math.PI) / 180));
    expect(a.y).toBeCloseTo(10 * Math.sin((28 * Math.PI) / 180));
    expect(b.y).toBeCloseTo(-a.y);
  });

  test("the edited picture is a PNG with the original's name", () => {
    expect(pngName("screenshot-20260302-090000.png")).toBe("screenshot-20260302-090000.png");
    expect(pngName("Fehler.JPG")).toBe("Fehler.png");
    expect(pngName("loading.gif")).toBe("loading.png");
    expect(pngName("photo.final.jpeg")).toBe("photo.final.png");
    expect(pngName(".gif")).toBe("image.png");
  });
});
