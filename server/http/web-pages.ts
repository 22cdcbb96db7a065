import fs from "node:fs";
import path from "node:path";
import { Hono, type Context } from "hono";
import { ApiError } from "../errors";
import { WEB_APPS, WEB_DIR, type WebApp } from "../build-assets";

/**
 * The built web pages (vite.web.config.ts; server/build-assets.ts builds them): `/portal/` and
 * every address under it answer with the same index.html (the page reads its own address), and
 * `/portal/assets/*` serves the hashed scripts and styles.
 *
 * The pages run under a strict CSP: scripts and styles only from files of our own origin (nothing
 * inline), connections only to our own API, no framing, and Trusted Types with no policy at all,
 * so not even our own code could put a string into innerHTML or a script URL. Text from tickets and
 * mails is rendered as text (web/portal/parts/Conversation.tsx); this is the second wall.
 *
 * `/portal/sign-in?token=…` is an ordinary GET of the same page and changes nothing: the token is
 * spent only when the person presses "Sign in", which POSTs it, so a mail scanner that fetches
 * every link cannot use it up.
 */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

const IMMUTABLE = "public, max-age=31536000, immutable";
const ASSET_NAME = /^[A-Za-z0-9_-]+\.(js|css)$/;
const TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

interface Cached {
  body: Uint8Array<ArrayBuffer>;
  mtimeMs: number;
}

export function webPageRoutes(dir: string = WEB_DIR, apps: readonly WebApp[] = WEB_APPS) {
  const app = new Hono();
  const cache = new Map<string, Cached>();

  /**
   * The file's bytes, re-read only when a rebuild replaced it. While a rebuild swaps the folder
   * (a moment without it), what was read before is served.
   */
  const read = (file: string): Cached | null => {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return cache.get(file) ?? null;
    }
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit;
    const entry = { body: new Uint8Array(fs.readFileSync(file)), mtimeMs: st.mtimeMs };
    cache.set(file, entry);
    return entry;
  };

  for (const name of apps) {
    const page = (c: Context) => {
      const html = read(path.join(dir, name, "index.html"));
      if (!html) {
        return c.text(`The ${name} is not built on this server. Run \`npm run build\` (or \`npm start\`, which builds it).`, 503, { "Retry-After": "30" });
      }
      return c.body(html.body, 200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": WEB_CSP,
        // Revalidated every time: a new build must reach the next page load.
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
    };
    app.get(`/${name}`, (c) => c.redirect(`/${name}/${new URL(c.req.url).search}`, 301));
    app.get(`/${name}/assets/:file`, (c) => {
      const file = c.req.param("file");
      const asset = ASSET_NAME.test(file) ? read(path.join(dir, name, "assets", file)) : null;
      if (!asset) throw new ApiError("NOT_FOUND", "There is no such file.");
      return c.body(asset.body, 200, {
        "Content-Type": TYPES[file.split(".").pop()!]!,
        "Cache-Control": IMMUTABLE,
        "X-Content-Type-Options": "nosniff",
      });
    });
    app.get(`/${name}/`, page);
    app.get(`/${name}/*`, page);
  }
  return app;
}
