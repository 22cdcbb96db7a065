/**
 * The capture chunk: html2canvas, loaded only when the user presses "Capture screenshot". It draws
 * what the user sees (the viewport at its scroll position) and leaves the widget out. Before
 * html2canvas reads the clone of the page, the clone's colours are made sRGB (capture/colours.ts);
 * where it fails all the same, the dialog offers the browser's own capture (capture/browser.ts).
 */
import html2canvas from "html2canvas";
import { CAPTURE_TEXTS } from "../shared/i18n/capture";
import { announce } from "./chunk";
import { canCaptureWithBrowser, captureWithBrowser } from "./capture/browser";
import { resolveColours } from "./capture/colours";
import type { CaptureModule } from "./types";

// Beyond this many pixels browsers refuse to export a canvas, or run out of memory doing it.
const MAX_PIXELS = 16_000_000;

async function capturePage(ignore: Element): Promise<Blob> {
  const width = document.documentElement.clientWidth || window.innerWidth;
  const height = window.innerHeight;
  const scale = Math.min(window.devicePixelRatio || 1, 2);
  if (width * height * scale * scale > MAX_PIXELS) throw new Error("The page is too large to capture");
  // The root, not the body: its background is the page's (CSS gives the canvas the root's or
  // the body's), and the body's margin does not shift the picture.
  const canvas = await html2canvas(document.documentElement, {
    ignoreElements: (el) => el === ignore,
    onclone: (clone) => resolveColours(clone),
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

announce({
  capturePage,
  browserCapture: (lang) => (canCaptureWithBrowser() ? { ...CAPTURE_TEXTS[lang], grab: captureWithBrowser } : null),
} satisfies CaptureModule);
