/**
 * Colours html2canvas 1.4.1 can read. It paints from the clone's computed styles and parses each
 * colour itself, knowing only #hex, rgb(a), hsl(a) and names: a computed `oklch(…)`, `lab(…)` or
 * `color(srgb …)` (what `color-mix()` and relative colours compute to) makes it throw "Attempting
 * to parse an unsupported color function", which refused every page of Tailwind v4 and Tabler.
 *
 * So before it parses, each such value on the clone becomes the sRGB the browser itself paints
 * for it, drawn on a 1×1 canvas and read back. CSS variables and `light-dark()` need nothing of
 * their own: computed values have them resolved. Written inline with !important, the value wins
 * over every stylesheet rule, so the stylesheets stay untouched; and a strict CSP, which refuses
 * new <style> text and style attributes from markup, does not refuse the CSSOM.
 */

/**
 * The properties html2canvas parses a colour from, on every element whether it paints them or not.
 * Outlines it does not draw; an SVG it draws as an image of the SVG, with its computed styles
 * copied in, which the browser paints itself, so fill and stroke need nothing.
 */
const PROPERTIES = [
  "color",
  "background-color",
  "background-image",
  "border-top-color",
  "border-right-color",
  "border-bottom-color",
  "border-left-color",
  "text-decoration-color",
  "-webkit-text-stroke-color",
  "box-shadow",
  "text-shadow",
];

/** A colour function html2canvas cannot parse, with what precedes it (no lookbehind: Safari < 16.4). */
const UNREADABLE = /(^|[^\w-])(oklch|oklab|lab|lch|hwb|color|color-mix|light-dark|device-cmyk)\(/gi;

/** A converter from any CSS colour to `rgb()`/`rgba()` as the browser paints it; one per capture. */
export function sRGBPainter(doc: Document = document): (css: string) => string {
  const canvas = doc.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const seen = new Map<string, string>();
  return (css) => {
    let rgb = seen.get(css);
    if (rgb !== undefined) return rgb;
    if (!ctx) return "rgb(0, 0, 0)";
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data as unknown as [number, number, number, number];
    rgb = a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
    seen.set(css, rgb);
    return rgb;
  };
}

/** A quoted string (a computed url() is always quoted): what is inside it is no colour. */
const QUOTED = /("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/;

/** `value` with every unreadable colour function (nested ones inside it included) painted to sRGB. */
export function replaceColours(value: string, paint: (css: string) => string): string {
  if (!value.includes("(")) return value;
  const parts = value.split(QUOTED);
  // split() with a capture group puts the quoted strings at the odd places.
  return parts.map((part, i) => (i % 2 ? part : replaceInPart(part, paint))).join("");
}

function replaceInPart(value: string, paint: (css: string) => string): string {
  let out = "";
  let last = 0;
  UNREADABLE.lastIndex = 0;
  for (let m = UNREADABLE.exec(value); m; m = UNREADABLE.exec(value)) {
    const start = m.index + m[1]!.length;
    let depth = 0;
    let end = -1;
    for (let i = start + m[2]!.length; i < value.length; i++) {
      if (value[i] === "(") depth++;
      else if (value[i] === ")" && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) break;
    out += value.slice(last, start) + paint(value.slice(start, end));
    last = UNREADABLE.lastIndex = end;
  }
  return last ? out + value.slice(last) : value;
}

/**
 * Rewrites the clone `doc` (and the same-origin frames in it) so that html2canvas can parse every
 * colour. All values are read before any is written: a write between two reads would make the
 * browser restyle the page once per element.
 */
export function resolveColours(doc: Document, paint = sRGBPainter()): void {
  const view = doc.defaultView;
  if (!view) return;
  const writes: [ElementCSSInlineStyle, string, string][] = [];
  const frames: HTMLIFrameElement[] = [];
  // Pages repeat a few dozen values over thousands of elements.
  const rewritten = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll("*"))) {
    if (el.tagName === "IFRAME") frames.push(el as HTMLIFrameElement);
    if (!("style" in el)) continue;
    const style = view.getComputedStyle(el);
    for (const p of PROPERTIES) {
      const v = style.getPropertyValue(p);
      if (!v.includes("(")) continue;
      let rgb = rewritten.get(v);
      if (rgb === undefined) rewritten.set(v, (rgb = replaceColours(v, paint)));
      if (rgb !== v) writes.push([el as ElementCSSInlineStyle & Element, p, rgb]);
    }
  }
  for (const [el, p, v] of writes) el.style.setProperty(p, v, "important");
  for (const frame of frames) {
    let inner: Document | null = null;
    try {
      inner = frame.contentDocument;
    } catch {
      // Another origin's frame: html2canvas leaves it empty anyway.
    }
    if (!inner) continue;
    resolveColours(inner, paint);
    // html2canvas sizes a frame's picture by its width and height attributes only; without them
    // it draws nothing. The attributes' presentational hint loses to any CSS size the frame has.
    if (!frame.getAttribute("width")) frame.setAttribute("width", String(frame.clientWidth));
    if (!frame.getAttribute("height")) frame.setAttribute("height", String(frame.clientHeight));
  }
}
