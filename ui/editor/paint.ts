/**
 * Drawing the document on a canvas, for the screen and for the export. The export is a fresh
 * canvas of the crop's size, so the PNG it gives holds only the pixels drawn there: no layer, no
 * metadata of the original, and under a blackout nothing but the blackout colour.
 */
import { area, arrowHead, lineOf, type Doc, type Draft, type Mark, type Size } from "./model";

export const HIDE_COLOUR = "#000000";
const MARK_COLOUR = "#e11d48";
const DRAFT_COLOUR = "#2563eb";

type Ctx = CanvasRenderingContext2D;

function arrow(ctx: Ctx, m: Extract<Mark, { tool: "arrow" }>, line: number): void {
  const [a, b] = arrowHead(m.from, m.to, line * 5);
  ctx.lineWidth = line;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.beginPath();
  ctx.moveTo(m.from.x, m.from.y);
  ctx.lineTo(m.to.x, m.to.y);
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(m.to.x, m.to.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

/**
 * The marks on the image. Blackouts go last, opaque and without smoothing, so that no highlight
 * or arrow drawn later can leave a coloured pixel inside a hidden area either.
 */
export function paintMarks(ctx: Ctx, marks: readonly Mark[], img: Size): void {
  const line = lineOf(img);
  ctx.strokeStyle = MARK_COLOUR;
  for (const m of marks) {
    if (m.tool === "arrow") arrow(ctx, m, line);
    else if (m.tool === "highlight") {
      ctx.lineWidth = line;
      ctx.strokeRect(m.r.x + line / 2, m.r.y + line / 2, Math.max(0, m.r.w - line), Math.max(0, m.r.h - line));
    }
  }
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = "source-over";
  ctx.fillStyle = HIDE_COLOUR;
  for (const m of marks) if (m.tool === "hide") ctx.fillRect(m.r.x, m.r.y, m.r.w, m.r.h);
}

/** The editor's view: the whole image with its marks, the area outside the crop dimmed, the draft dashed. */
export function paintView(ctx: Ctx, image: CanvasImageSource, img: Size, doc: Doc, draft: Draft | null): void {
  ctx.clearRect(0, 0, img.w, img.h);
  ctx.drawImage(image, 0, 0, img.w, img.h);
  paintMarks(ctx, doc.marks, img);
  const line = lineOf(img);
  const shown = draft?.tool === "crop" ? draft.r : doc.crop;
  if (shown) {
    ctx.fillStyle = "rgba(15, 23, 42, 0.55)";
    ctx.beginPath();
    ctx.rect(0, 0, img.w, img.h);
    ctx.rect(shown.x, shown.y, shown.w, shown.h);
    ctx.fill("evenodd");
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = Math.max(1, line / 2);
    ctx.strokeRect(shown.x, shown.y, shown.w, shown.h);
  }
  if (!draft) return;
  ctx.save();
  ctx.setLineDash([line * 2, line * 1.5]);
  ctx.strokeStyle = DRAFT_COLOUR;
  if (draft.tool === "arrow") arrow(ctx, draft, line);
  else {
    if (draft.tool === "hide") {
      ctx.fillStyle = "rgba(0, 0, 0, 0.6)";
      ctx.fillRect(draft.r.x, draft.r.y, draft.r.w, draft.r.h);
    }
    ctx.lineWidth = line;
    ctx.strokeRect(draft.r.x + line / 2, draft.r.y + line / 2, Math.max(0, draft.r.w - line), Math.max(0, draft.r.h - line));
  }
  ctx.restore();
}

/** The edited picture: a new canvas of the crop's size, the image and its marks, as a PNG. */
export async function exportPng(image: CanvasImageSource, img: Size, doc: Doc): Promise<Blob> {
  const a = area(doc, img);
  const canvas = document.createElement("canvas");
  canvas.width = a.w;
  canvas.height = a.h;
  const ctx = canvas.getContext("2d")!;
  ctx.imageSmoothingEnabled = false;
  ctx.translate(-a.x, -a.y);
  ctx.drawImage(image, 0, 0, img.w, img.h);
  paintMarks(ctx, doc.marks, img);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("the edited picture could not be exported");
  return blob;
}
