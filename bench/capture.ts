import http from "node:http";
import path from "node:path";
import fs from "node:fs";
import { once } from "node:events";
import { createRequire } from "node:module";
import { chromium, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { ASSETS_DIR, ensureAssets, readManifest } from "../server/build-assets";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../test/support/browser";
import { capturePage, palette } from "./lib/capture-page";
import { interleaved } from "./lib/interleave";
import { metric } from "./lib/results";
import { progress } from "./lib/table";
import type { Benchmark, BenchOptions, BenchResult } from "./lib/types";

const ELEMENTS = 5_000;
const VIEWPORT = { width: 1280, height: 800 };

/**
 * "Capture screenshot" in Chromium on a dashboard of 5,000 elements coloured with oklch and
 * color-mix() (issue 14): our capture chunk as the widget loads it (the clone's colours resolved
 * to sRGB, then html2canvas, then the PNG), beside html2canvas 1.4.1 alone on the twin page whose
 * colours are already written as the rgb() Chromium paints (the only way html2canvas alone draws
 * it), so the ratio is the price of the colour resolution. Chromium's own page.screenshot is
 * reported too, for scale. Each time is taken inside the page, from the call to the PNG blob.
 * Both pictures must agree, or the baseline would be drawing something else.
 */
export const capture: Benchmark = {
  name: "capture",
  summary: "ms to capture a 5,000-element oklch page in Chromium: our chunk vs html2canvas alone on its rgb twin",
  run,
};

interface Shot {
  ms: number;
  png: string;
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const rounds = opts.rounds ?? 7;
  await ensureAssets(progress);
  const manifest = readManifest();
  if (!manifest) throw new Error("the widget is not built");
  const html2canvasFile = createRequire(import.meta.url).resolve("html2canvas/dist/html2canvas.min.js");
  const problems: string[] = [];

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  const pages: Record<string, string> = {};
  const server = http.createServer((req, res) => {
    const p = (req.url ?? "/").split("?")[0]!;
    if (p === "/capture.js") return void res.writeHead(200, { "Content-Type": "text/javascript" }).end(fs.readFileSync(path.join(ASSETS_DIR, manifest.files.capture)));
    if (p === "/html2canvas.js") return void res.writeHead(200, { "Content-Type": "text/javascript" }).end(fs.readFileSync(html2canvasFile));
    const page = pages[p];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  try {
    const ctx = await browser.newContext({ viewport: VIEWPORT, colorScheme: "light" });
    const rgb = await sRGBOf(await ctx.newPage(), Object.values(palette()));
    pages["/ours"] = capturePage(ELEMENTS, (e) => e, OURS_SCRIPT);
    pages["/baseline"] = capturePage(ELEMENTS, (e) => rgb[e]!, BASELINE_SCRIPT);
    const ours = await ctx.newPage();
    const baseline = await ctx.newPage();
    await Promise.all([ours.goto(`${origin}/ours`), baseline.goto(`${origin}/baseline`)]);
    const counted = await ours.evaluate(() => document.body.querySelectorAll("*").length);
    await Promise.all([ours.waitForFunction("window.ready"), baseline.waitForFunction("window.ready")]);

    // A tab in the background has its timers throttled, and html2canvas polls with setInterval.
    const shot = async (page: Page) => (await page.bringToFront(), page.evaluate<Shot>("window.shoot()"));
    const last: { ours?: Shot; baseline?: Shot } = {};
    const runs = await interleaved("capture", {
      ours: async () => (last.ours = await shot(ours)).ms,
      baseline: async () => (last.baseline = await shot(baseline)).ms,
    }, { rounds, pauseMs: 200, describe: (ms) => `${Math.round(ms)} ms` });

    const screenshots: number[] = [];
    await ours.bringToFront();
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await ours.screenshot();
      screenshots.push(performance.now() - t);
    }
    const differing = compare(last.ours!.png, last.baseline!.png);
    if (differing.share > 0.01) problems.push(`ours and the baseline drew different pictures: ${(differing.share * 100).toFixed(1)} % of pixels differ`);
    await ctx.close();

    const metrics = [
      metric("capture-ms", `capture to PNG, ${ELEMENTS.toLocaleString("en")} elements `, "ms", "lower", runs.ours, runs.baseline),
      metric("screenshot-ms", "for scale: Chromium's page.screenshot of our page", "ms", "lower", screenshots, null),
    ];
    return {
      name: "capture",
      title: "capture time in Chromium on a page of 5,000 elements",
      oursLabel: "widget capture chunk: sRGB colour resolution + html2canvas 1.4.1, oklch/color-mix page",
      baselineLabel: "html2canvas 1.4.1 alone, the same page with its colours as rgb()",
      metrics,
      goals: [],
      settings: { elements: ELEMENTS, elementsOnPage: counted, viewport: VIEWPORT, rounds, scale: 1, chromium: browser.version() },
      checks: { pixelsDiffering: differing.count, pixelsCompared: differing.total },
      problems,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

/** What each colour expression paints as in Chromium, read back from a canvas. */
async function sRGBOf(page: Page, exprs: string[]): Promise<Record<string, string>> {
  return page.evaluate((list) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    return Object.fromEntries(list.map((e) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = e.replace(/light-dark\(([^,]+\)),.*\)$/, "$1");
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [e, `rgba(${r}, ${g}, ${b}, ${(a! / 255).toFixed(3)})`];
    }));
  }, exprs);
}

/** The page's timer: from the call to the PNG blob, as the widget does it. */
const TIMER = `
const png = (canvas) => new Promise((r) => canvas.toBlob(r, "image/png"));
const dataUrl = (blob) => new Promise((r) => { const f = new FileReader(); f.onload = () => r(f.result); f.readAsDataURL(blob); });
async function time(draw) {
  const t = performance.now();
  const blob = await draw();
  const ms = performance.now() - t;
  return { ms, png: await dataUrl(blob) };
}`;

const OURS_SCRIPT = `<script>${TIMER}
const s = document.createElement("script");
s.addEventListener("tidings:chunk", (e) => {
  const chunk = e.detail;
  const ignore = document.createElement("div");
  window.shoot = () => time(() => chunk.capturePage(ignore));
  window.ready = true;
});
s.src = "/capture.js";
document.head.appendChild(s);
</script>`;

const BASELINE_SCRIPT = `<script src="/html2canvas.js"></script><script>${TIMER}
window.shoot = () => time(async () => png(await html2canvas(document.documentElement, {
  logging: false, useCORS: true, x: scrollX, y: scrollY, scale: Math.min(devicePixelRatio || 1, 2),
  width: document.documentElement.clientWidth, height: innerHeight, windowWidth: document.documentElement.clientWidth, windowHeight: innerHeight,
})));
window.ready = true;
</script>`;

/** How many pixels differ by more than 12 in a channel between two PNG data URLs. */
function compare(a: string, b: string): { count: number; total: number; share: number } {
  const read = (u: string) => PNG.sync.read(Buffer.from(u.slice(u.indexOf(",") + 1), "base64"));
  const [x, y] = [read(a), read(b)];
  if (x.width !== y.width || x.height !== y.height) return { count: x.width * x.height, total: x.width * x.height, share: 1 };
  let count = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    if (Math.max(Math.abs(x.data[i]! - y.data[i]!), Math.abs(x.data[i + 1]! - y.data[i + 1]!), Math.abs(x.data[i + 2]! - y.data[i + 2]!)) > 12) count++;
  }
  const total = x.width * x.height;
  return { count, total, share: count / total };
}
