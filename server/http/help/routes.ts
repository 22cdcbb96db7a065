import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { isLocale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import { getArticle } from "../../services/kb/articles";
import { recordVote } from "../../services/kb/feedback";
import { publicEntries } from "../../services/kb/help-index";
import { publicKbImage } from "../../services/kb/media";
import { webStream } from "../web-stream";
import { readingRoutes } from "./reading";
import { responder, YEAR_SECONDS } from "./respond";
import { sitemapXml } from "./sitemap";
import { helpStyle } from "./style";

/**
 * The help center at /help/ (issue 16): server-rendered pages for anonymous readers, part of the
 * portal. Plain Hono routes like the other HTML pages (web-pages.ts, home.ts): they are not API
 * and not in the OpenAPI document. Whoever asks, only published public articles are shown; a
 * draft, an internal or a scheduled article answers the same "not found" page as a wrong address.
 *
 * "Did this help?" is a plain form POST, accepted only from our own origin (hono/csrf: the
 * Origin, else Sec-Fetch-Site), so another site cannot make its visitors vote.
 */
/** One vote per reader and article (services/kb/feedback.ts): an opaque random key, nothing else. */
export const VOTER_COOKIE = "tidings_help_voter";
const VOTER_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export function helpRoutes(deps: Deps) {
  const app = new Hono();
  const r = responder(deps);
  const ownOrigin = new URL(deps.config.publicUrl).origin;

  app.get("/help", (c) => c.redirect("/help/", 301));
  app.get("/help/", (c) => {
    c.header("Vary", "Accept-Language, Cookie");
    c.header("Cache-Control", "no-cache");
    return c.redirect(`/help/${r.chosen(c)}/`, 302);
  });
  app.get("/help/help.css", (c) => {
    const style = helpStyle();
    const current = c.req.query("v") === style.hash;
    return c.body(style.css, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache", "X-Content-Type-Options": "nosniff" });
  });
  app.get("/help/sitemap.xml", async (c) => c.body(sitemapXml(deps.config.publicUrl, await publicEntries(deps)), 200, {
    "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
  }));

  // Articles' own images (services/kb/folder-images.ts): their address is their content, so they never change.
  app.get("/help/media/:file", async (c) => {
    const image = await publicKbImage(deps, c.req.param("file"));
    if (!image) throw new ApiError("NOT_FOUND", "There is no such image.");
    return c.body(webStream(image.blob.stream), 200, {
      "Content-Type": image.contentType, "Content-Length": String(image.blob.size), "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox", "Content-Disposition": "inline",
    });
  });

  readingRoutes(app, deps, r);

  app.post("/help/:locale/:slug/vote",
    csrf({ origin: (origin, c) => origin === ownOrigin || origin === new URL(c.req.url).origin, secFetchSite: "same-origin" }),
    async (c) => {
      const article = await getArticle(deps, r.localeOf(c), c.req.param("slug"), "public");
      const form = await c.req.parseBody();
      const helpful = form.helpful === "yes" ? true : form.helpful === "no" ? false : null;
      if (helpful === null) return c.redirect(`${article.url}#feedback`, 303);
      let voter = getCookie(c, VOTER_COOKIE);
      if (!voter || !VOTER_KEY.test(voter)) {
        voter = randomBytes(18).toString("base64url");
        setCookie(c, VOTER_COOKIE, voter, { path: "/help", httpOnly: true, sameSite: "Lax", secure: r.secure, maxAge: YEAR_SECONDS });
      }
      await recordVote(deps, article.id, helpful, voter);
      return c.redirect(`${article.url}?voted=${helpful ? "yes" : "no"}#feedback`, 303);
    });

  app.get("/help/*", (c) => {
    // "/help/de" without its slash: the language's index.
    const m = /^\/help\/([a-z]{2})$/.exec(c.req.path);
    if (m && isLocale(m[1])) return c.redirect(`/help/${m[1]}/`, 301);
    return r.notice(c, "notFound");
  });

  // Not found and a refused vote are pages in the reader's language; anything else is the app's one error path.
  app.onError((err, c) => {
    if (err instanceof ApiError && err.code === "NOT_FOUND") return r.notice(c, "notFound");
    if (err instanceof HTTPException && err.status === 403) return r.notice(c, "refused");
    throw err;
  });
  return app;
}
