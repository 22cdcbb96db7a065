/**
 * The picture editor's model, without a DOM: what has been drawn (a document of marks and a crop),
 * its undo/redo history, the rectangle and arrow math, and the keyboard's moves. Every coordinate
 * is in the image's own pixels (its natural size, so a capture at devicePixelRatio 2 has twice the
 * CSS pixels), and every rectangle is whole pixels: a blackout then covers exactly the pixels it
 * names, with no anti-aliased edge that could let a trace of what was under it through.
 */

export type Tool = "crop" | "highlight" | "hide" | "arrow";
export interface Pt { x: number; y: number }
export interface Rect { x: number; y: number; w: number; h: number }
export interface Size { w: number; h: number }

export type Mark = { tool: "highlight" | "hide"; r: Rect } | { tool: "arrow"; from: Pt; to: Pt };
/** A shape being drawn, not yet in the document: a rectangle for crop/highlight/hide, or an arrow. */
export type Draft = Mark | { tool: "crop"; r: Rect };

/** What the export draws: the marks in the order made, inside `crop` (null: the whole image). */
export interface Doc { crop: Rect | null; marks: readonly Mark[] }

export interface History { past: readonly Doc[]; now: Doc; future: readonly Doc[] }

export const EMPTY: Doc = { crop: null, marks: [] };
export const start = (doc: Doc = EMPTY): History => ({ past: [], now: doc, future: [] });

/** A new state of the document; whatever was undone before it can no longer be redone. */
export function push(h: History, doc: Doc): History {
  return { past: [...h.past, h.now], now: doc, future: [] };
}
export function undo(h: History): History {
  const prev = h.past[h.past.length - 1];
  return prev ? { past: h.past.slice(0, -1), now: prev, future: [h.now, ...h.future] } : h;
}
export function redo(h: History): History {
  const next = h.future[0];
  return next ? { past: [...h.past, h.now], now: next, future: h.future.slice(1) } : h;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The rectangle spanned by two corners in any order, in whole pixels inside the image. */
export function spanRect(a: Pt, b: Pt, img: Size): Rect {
  const x0 = clamp(Math.round(Math.min(a.x, b.x)), 0, img.w);
  const y0 = clamp(Math.round(Math.min(a.y, b.y)), 0, img.h);
  const x1 = clamp(Math.round(Math.max(a.x, b.x)), 0, img.w);
  const y1 = clamp(Math.round(Math.max(a.y, b.y)), 0, img.h);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** A rectangle kept whole inside the image: at least 1×1, moved back in rather than cut. */
export function fitRect(r: Rect, img: Size): Rect {
  const w = clamp(Math.round(r.w), 1, img.w);
  const h = clamp(Math.round(r.h), 1, img.h);
  return { x: clamp(Math.round(r.x), 0, img.w - w), y: clamp(Math.round(r.y), 0, img.h - h), w, h };
}

export const clampPt = (p: Pt, img: Size): Pt => ({ x: clamp(Math.round(p.x), 0, img.w), y: clamp(Math.round(p.y), 0, img.h) });

/**
 * A pointer position on the displayed canvas in image pixels. `box` is the canvas's box in CSS
 * pixels (getBoundingClientRect): the display may be scaled down to fit, and the image may have
 * more pixels than CSS pixels (a capture at devicePixelRatio 2), so both axes scale on their own.
 */
export function toImage(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }, img: Size): Pt {
  return clampPt({ x: ((clientX - box.left) * img.w) / (box.width || 1), y: ((clientY - box.top) * img.h) / (box.height || 1) }, img);
}

/** The area shown and exported: the crop, or the whole image. */
export const area = (doc: Doc, img: Size): Rect => doc.crop ?? { x: 0, y: 0, w: img.w, h: img.h };

/** One keyboard step in image pixels: 1% of the longer side, so a few presses cross a region. */
export const stepOf = (img: Size) => Math.max(1, Math.round(Math.max(img.w, img.h) / 100));

/**
 * Where a tool's keyboard draft starts: a crop starts as the current area (Shift+arrows then
 * shrink it from the right and bottom), a rectangle as a quarter of the area in its middle, an
 * arrow pointing at the middle from the upper left.
 */
export function defaultDraft(tool: Tool, doc: Doc, img: Size): Draft {
  const a = area(doc, img);
  if (tool === "crop") return { tool, r: a };
  const cx = a.x + a.w / 2;
  const cy = a.y + a.h / 2;
  if (tool === "arrow") return { tool, from: clampPt({ x: cx - a.w / 4, y: cy - a.h / 4 }, img), to: clampPt({ x: cx, y: cy }, img) };
  return { tool, r: fitRect({ x: cx - a.w / 8, y: cy - a.h / 8, w: a.w / 4, h: a.h / 4 }, img) };
}

export type Key = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";
const DIR: Record<Key, Pt> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };
export const isArrowKey = (k: string): k is Key => k in DIR;

/**
 * One arrow key on a draft: without Shift the whole shape moves; with Shift a rectangle's right
 * or bottom edge moves (it grows or shrinks) and an arrow's tip moves. Shapes stay in the image.
 */
export function nudge(d: Draft, key: Key, shift: boolean, img: Size): Draft {
  const s = stepOf(img);
  const dx = DIR[key].x * s;
  const dy = DIR[key].y * s;
  if (d.tool === "arrow") {
    if (shift) return { ...d, to: clampPt({ x: d.to.x + dx, y: d.to.y + dy }, img) };
    // The arrow moves as one piece: by no more than both ends can go.
    const mx = clamp(dx, -Math.min(d.from.x, d.to.x), img.w - Math.max(d.from.x, d.to.x));
    const my = clamp(dy, -Math.min(d.from.y, d.to.y), img.h - Math.max(d.from.y, d.to.y));
    return { ...d, from: { x: d.from.x + mx, y: d.from.y + my }, to: { x: d.to.x + mx, y: d.to.y + my } };
  }
  const r = d.r;
  if (shift) return { ...d, r: fitRect({ ...r, w: Math.min(r.w + dx, img.w - r.x), h: Math.min(r.h + dy, img.h - r.y) }, img) };
  return { ...d, r: fitRect({ ...r, x: r.x + dx, y: r.y + dy }, img) };
}

/** A draft made by dragging from `a` to `b`. */
export function dragDraft(tool: Tool, a: Pt, b: Pt, img: Size): Draft {
  return tool === "arrow" ? { tool, from: clampPt(a, img), to: clampPt(b, img) } : { tool, r: spanRect(a, b, img) };
}

/** Too small to mean anything (a click rather than a drag): not added. */
export function isTiny(d: Draft): boolean {
  if (d.tool === "arrow") return Math.hypot(d.to.x - d.from.x, d.to.y - d.from.y) < 3;
  return d.r.w < 2 || d.r.h < 2;
}

/** The document with a draft added: a crop replaces the crop, anything else is one more mark. */
export function commit(doc: Doc, d: Draft): Doc {
  if (d.tool === "crop") return { ...doc, crop: d.r };
  return { ...doc, marks: [...doc.marks, d] };
}

/** The two ends of an arrowhead at `to`, `size` long, 28° either side of the shaft. */
export function arrowHead(from: Pt, to: Pt, size: number): [Pt, Pt] {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const end = (a: number): Pt => ({ x: to.x - size * Math.cos(a), y: to.y - size * Math.sin(a) });
  const spread = (28 * Math.PI) / 180;
  return [end(angle - spread), end(angle + spread)];
}

/** Line width of highlights and arrows in image pixels: visible on a large capture too. */
export const lineOf = (img: Size) => Math.max(3, Math.round(Math.max(img.w, img.h) / 250));

/** "report.gif" → "report.png": the edited picture is always a PNG. */
export function pngName(name: string): string {
  return /\.png$/i.test(name) ? name : `${name.replace(/\.[^./\\]*$/, "") || "image"}.png`;
}
