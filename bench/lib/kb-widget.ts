import http from "node:http";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import type { Undo } from "./benchmark";
import { listen } from "./http";
import { serverDeps } from "./server-deps";
import { progress } from "./table";

/** One typed description, timed inside the page (performance.now), from the last keystroke. */
export interface RoundTrip {
  /** Last input event → the suggestion list in the DOM with its results (MutationObserver). */
  shownMs: number;
  /** Last input event → the next animation frame after that, i.e. about when it is painted. */
  frameMs: number;
  /** Last input event → the search request's start: the debounce as the page's timers kept it. */
  waitMs: number;
  /** The search request as the browser saw it (Resource Timing: start → response end). */
  fetchMs: number;
}

/** The last this many characters are typed key by key, the rest filled: the pause is after the last key either way. */
const TYPED_TAIL = 12;
const KEY_DELAY_MS = 25;
const SHOWN_TIMEOUT_MS = 5_000;

/**
 * The widget's suggestions round trip (issue 16, acceptance 2) on a customer's page: our real app
 * (createApp(buildDeps(loadConfig()))) on the given database serves widget.js and the search API;
 * a bare page on another origin (localhost, while Tidings is 127.0.0.1) embeds the tag with
 * data-lang="en", as a site admin does. In Chromium the dialog is opened once, then for each query
 * the description is cleared and typed, and the page itself timestamps the last input event and
 * the moment the suggestion list holds results. Queries must have results (the caller checks):
 * an empty answer changes nothing in the DOM, so it could not be timed.
 */
export async function widgetRoundTrips(undo: Undo[], databaseUrl: string, queries: string[], warmups: number): Promise<{ trips: RoundTrip[]; failures: string[]; chromium: string }> {
  const [{ createApp }, { ensureAssets }, { createSite }, { chromium }, { CHROMIUM_FLAGS, CHROMIUM_PATH }] = await Promise.all([
    import("../../server/app"), import("../../server/build-assets"), import("../../server/services/accounts/sites"),
    import("playwright-core"), import("../../test/support/browser"),
  ]);
  await ensureAssets(progress);
  const { deps } = await serverDeps(undo, { DATABASE_URL: databaseUrl, TIDINGS_ADMIN_TOKEN: randomBytes(24).toString("hex"), JOBS: "off" });
  const server = await listen(createApp(deps).fetch);
  undo.push(() => server.close());

  let siteKey = "";
  const hostServer = http.createServer((req, res) => {
    if ((req.url ?? "/") !== "/") return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme shop admin</title>
<script src="${server.url}/widget.js" data-site="${siteKey}" data-lang="en" defer></script>
</head><body><h1>Acme shop admin</h1><p>Orders, settings and mail.</p></body></html>`);
  });
  hostServer.listen(0, "127.0.0.1");
  await once(hostServer, "listening");
  undo.push(() => new Promise((r) => hostServer.close(r)));
  const hostOrigin = `http://localhost:${(hostServer.address() as { port: number }).port}`;
  siteKey = (await createSite(deps.db, deps.config.publicUrl, { name: "Bench site", allowedOrigins: [hostOrigin] })).siteKey;

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  undo.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: "en-GB" });
  await page.addInitScript(PAGE_TIMER);
  await page.goto(`${hostOrigin}/`);
  await page.getByRole("button", { name: "Support" }).click();
  const dialog = page.getByRole("dialog", { name: "Contact support" });
  await dialog.waitFor();
  const box = dialog.getByLabel("Describe the problem");
  // The suggestions chunk loads beside the dialog; its slot content is there once it has started.
  await page.waitForFunction("window.__kbrt.ready()", undefined, { timeout: 10_000 });

  const trips: RoundTrip[] = [];
  const failures: string[] = [];
  const all = [...queries.slice(0, warmups), ...queries];
  for (let i = 0; i < all.length; i++) {
    const q = all[i]!;
    const trip = await typeAndTime(page, box, q);
    if (i < warmups) continue;
    if (trip) trips.push(trip);
    else failures.push(q);
    if (trips.length % 10 === 0 && trip) progress(`kb widget ${trips.length}/${queries.length} typed`);
  }
  return { trips, failures, chromium: browser.version() };
}

async function typeAndTime(page: Page, box: ReturnType<Page["getByLabel"]>, q: string): Promise<RoundTrip | null> {
  // An empty description clears the list (and forgets the last query), so each one starts from nothing.
  await box.fill("");
  await page.waitForFunction("window.__kbrt.empty()", undefined, { timeout: SHOWN_TIMEOUT_MS });
  await page.evaluate("window.__kbrt.arm()");
  const cut = Math.max(0, q.length - TYPED_TAIL);
  if (cut) await box.fill(q.slice(0, cut));
  await box.pressSequentially(q.slice(cut), { delay: KEY_DELAY_MS });
  try {
    await page.waitForFunction("window.__kbrt.done()", undefined, { timeout: SHOWN_TIMEOUT_MS });
  } catch {
    return null;
  }
  return page.evaluate<RoundTrip>("window.__kbrt.read()");
}

/**
 * In the page, before the widget loads. Input events from the shadow DOM are composed, so a
 * capturing listener on window sees each keystroke's; the widget's shadow root is open, so a
 * MutationObserver there sees the list being filled. Timestamps are the page's performance.now().
 */
const PAGE_TIMER = `
(() => {
  const s = { armed: false, input: 0, shown: 0, frame: 0 };
  const root = () => document.querySelector("tidings-widget")?.shadowRoot ?? null;
  const list = () => root()?.querySelector("#tdg-kb .kb-list") ?? null;
  const filled = () => { const l = list(); return !!l && !l.hidden && l.querySelectorAll("li").length > 0; };
  addEventListener("input", () => { if (s.armed) { s.input = performance.now(); s.shown = 0; s.frame = 0; } }, true);
  let observed = null;
  const observe = () => {
    const r = root();
    if (!r || r === observed) return;
    observed = r;
    new MutationObserver(() => {
      if (!s.armed || !s.input || s.shown || !filled()) return;
      s.shown = performance.now();
      requestAnimationFrame(() => { s.frame = performance.now(); });
    }).observe(r, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
  };
  new MutationObserver(observe).observe(document, { childList: true, subtree: true });
  window.__kbrt = {
    ready: () => { observe(); return !!list(); },
    empty: () => !filled(),
    arm: () => { performance.clearResourceTimings(); Object.assign(s, { armed: true, input: 0, shown: 0, frame: 0 }); },
    done: () => s.frame > 0,
    read: () => {
      s.armed = false;
      const fetches = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/v1/kb/search"));
      const f = fetches[fetches.length - 1];
      return { shownMs: s.shown - s.input, frameMs: s.frame - s.input, waitMs: f ? f.startTime - s.input : NaN, fetchMs: f ? f.responseEnd - f.startTime : NaN };
    },
  };
})();`;
