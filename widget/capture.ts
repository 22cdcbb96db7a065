/**
 * The capture chunk: html2canvas, loaded only when the user presses "Capture screenshot". It draws
 * what the user sees (the viewport at its scroll position) and leaves the widget out.
 */
import html2canvas from "html2canvas";
import { announce } from "./chunk";
import type { CaptureModule } from "./types";

// Beyond this many pixels browsers refuse to export a canvas, or run out of memory doing it.
const MAX_PIXELS = 16_000_000;

async function capturePage(ignore: Element): Promise<Blob> {
  const width = document.documentElement.clientWidth || window.innerWidth;
  const height = window.innerHeight;
  const scale = Math.min(window.devicePixelRatio || 1, 2);
  if (width * height * scale * scale > MAX_PIXELS) throw new Error("The page is too large to capture");
  const canvas = await html2canvas(document.body, {
    ignoreElements: (el) => el === ignore,
    logging: false,
    useCORS: true,
    x: window.scrollX,
    y: window.scrollY,
    width,
    height,
    windowWidth: width,
    windowHeight: height,
    scale,
  });
  // toBlob throws a SecurityError for a tainted canvas and yields null for one too large to export.
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The page is too large to capture: no blob");
  return blob;
}

announce({ capturePage } satisfies CaptureModule);
