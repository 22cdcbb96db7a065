import fs from "node:fs";
import path from "node:path";
import { Hono, type Context } from "hono";
import { ApiError } from "../errors";
import { ASSETS_DIR, readManifest } from "../build-assets";

/**
 * widget.js and its chunks (built by server/build-assets.ts), for host pages on any origin.
 * - widget.js keeps its name in every site's tag, so it is cached briefly (5 min) and revalidated
 *   by ETag: a new release reaches every site within minutes.
 * - chunks carry a content hash in their names, so they are cached for a year, immutable.
 * - Classic scripts need no CORS, but `Access-Control-Allow-Origin: *` lets a site load them with
 *   `crossorigin` (for error details or SRI), and CORP cross-origin lets pages with COEP load them.
 *   They are public, the same for everyone, and sent without cookies.
 */
const SHORT = "public, max-age=300, must-revalidate";
const IMMUTABLE = "public, max-age=31536000, immutable";
const CHUNK_NAME = /^[a-z]+-[A-Za-z0-9_-]{6,}\.js$/;

interface Cached {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  mtimeMs: number;
}

export function widgetAssetRoutes(dir: string = ASSETS_DIR) {
  const app = new Hono();
  const cache = new Map<string, Cached>();

  /** The file's bytes, re-read only when a rebuild replaced it. */
  const read = (name: string): Cached | null => {
    const file = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return null;
    }
    const hit = cache.get(name);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit;
    const body = new Uint8Array(fs.readFileSync(file));
    const entry = { body, etag: `"${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}"`, mtimeMs: st.mtimeMs };
    cache.set(name, entry);
    return entry;
  };

  const send = (c: Context, name: string, cacheControl: string) => {
    const file = read(name);
    if (!file) throw notBuilt();
    const headers = {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": cacheControl,
      ETag: file.etag,
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
    };
    if (c.req.header("if-none-match") === file.etag) return c.body(null, 304, headers);
    return c.body(file.body, 200, headers);
  };

  app.get("/widget.js", (c) => send(c, readManifest(dir)?.files.widget ?? "widget.js", SHORT));
  app.get("/widget/:file", (c) => {
    const name = c.req.param("file");
    if (!CHUNK_NAME.test(name)) throw new ApiError("NOT_FOUND", "There is no such widget file.");
    return send(c, name, IMMUTABLE);
  });
  return app;
}

function notBuilt() {
  return new ApiError("NOT_FOUND", "The widget is not built on this server. Run `npm run build` (or `npm start`, which builds it).");
}
