import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { KB_LIMITS } from "../../../shared/kb";
import { kbSearchQuerySchema } from "../../../shared/api/kb";
import { fromAcceptLanguage, isLocale, type Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import { plainText } from "../../domain/kb/markdown";
import { getArticle, translationsOf } from "../../services/kb/articles";
import { recordVote } from "../../services/kb/feedback";
import { searchArticles } from "../../services/kb/search";
import { categoryOf, categoryTitles, publicEntries } from "../../services/kb/help-index";
import type { Html } from "./layout";
import { articlePage, categoryPage, indexPage, noticePage, searchPage, type IndexSection } from "./pages";
import { sitemapXml } from "./sitemap";
import { helpStyle } from "./style";

/**
 * The help center at /help/ (issue 16): server-rendered pages for anonymous readers, part of the
 * portal. Plain Hono routes like the other HTML pages (web-pages.ts, home.ts): they are not API
 * and not in the OpenAPI document. Whoever asks, only published public articles are shown; a
 * draft, an internal or a scheduled article answers the same "not found" page as a wrong address.
 *
 * The pages carry no script at all (script-src 'none'); images in articles may come from any
 * https address, since authors link them. "Did this help?" is a plain form POST, accepted only from
 * our own origin (hono/csrf: the Origin, else Sec-Fetch-Site) so another site cannot vote for its
 * readers; the pages send their origin (Referrer-Policy same-origin, not no-referrer, which would
 * make the browser send `Origin: null`).
 */
export const HELP_CSP = [
  "default-src 'none'", "script-src 'none'", "style-src 'self'", "img-src 'self' https: data:", "form-action 'self'",
  "base-uri 'none'", "frame-ancestors 'none'", "object-src 'none'",
].join("; ");

/** The reader's language choice: the language they read last (set by the pages, read by /help/). */
export const LANG_COOKIE = "tidings_help_lang";
/** One vote per reader and article (services/kb/feedback.ts): an opaque random key, nothing else. */
export const VOTER_COOKIE = "tidings_help_voter";
const YEAR = 365 * 24 * 3600;
const DESCRIPTION_CHARS = 160;
const SEARCH_RESULTS = 10;

export function helpRoutes(deps: Deps) {
  const app = new Hono();
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  const secure = deps.config.publicUrl.startsWith("https:");
  const site = () => ({ publicUrl: deps.config.publicUrl, styleHref: helpStyle().href });

  const chosen = (c: Context): Locale => {
    const saved = getCookie(c, LANG_COOKIE);
    return isLocale(saved) ? saved : fromAcceptLanguage(c.req.header("accept-language")) ?? "en";
  };
  const send = async (c: Context, body: Html, status: 200 | 403 | 404 = 200, locale?: Locale) => {
    if (locale && getCookie(c, LANG_COOKIE) !== locale) setCookie(c, LANG_COOKIE, locale, { path: "/help", sameSite: "Lax", secure, maxAge: YEAR });
    return c.html(await body, status, {
      "Content-Security-Policy": HELP_CSP, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
    });
  };
  /** The `:locale` of the address, or "not found" for anything but one of ours. */
  const localeOf = (c: Context): Locale => {
    const l = c.req.param("locale");
    if (!isLocale(l)) throw new ApiError("NOT_FOUND", "There is no help center in this language.");
    return l;
  };
  const notice = (c: Context, kind: "notFound" | "refused") => {
    const first = c.req.path.split("/")[2];
    const locale = isLocale(first) ? first : chosen(c);
    return send(c, noticePage(site(), locale, kind, c.req.path), kind === "notFound" ? 404 : 403);
  };

  app.get("/help", (c) => c.redirect("/help/", 301));
  app.get("/help/", (c) => {
    c.header("Vary", "Accept-Language, Cookie");
    c.header("Cache-Control", "no-cache");
    return c.redirect(`/help/${chosen(c)}/`, 302);
  });
  app.get("/help/help.css", (c) => {
    const style = helpStyle();
    const current = c.req.query("v") === style.hash;
    return c.body(style.css, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache", "X-Content-Type-Options": "nosniff" });
  });
  app.get("/help/sitemap.xml", async (c) => c.body(sitemapXml(deps.config.publicUrl, await publicEntries(deps)), 200, {
    "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
  }));

  app.get("/help/:locale/", async (c) => {
    const locale = localeOf(c);
    const [entries, titles] = await Promise.all([publicEntries(deps, { locale }), categoryTitles(deps, locale)]);
    const bySlug = new Map<string | null, IndexSection>();
    for (const e of entries) {
      const s = bySlug.get(e.category) ?? { category: e.category ? categoryOf(titles, e.category) : null, entries: [] };
      s.entries.push(e);
      bySlug.set(e.category, s);
    }
    // Sections in the categories' order, then by title; articles without a category last.
    const sections = [...bySlug.values()].sort((a, b) => (a.category ? 0 : 1) - (b.category ? 0 : 1)
      || (a.category?.position ?? 0) - (b.category?.position ?? 0) || (a.category?.title ?? "").localeCompare(b.category?.title ?? "", locale));
    return send(c, indexPage(site(), locale, sections), 200, locale);
  });

  app.get("/help/:locale/search", async (c) => {
    const locale = localeOf(c);
    const q = (c.req.query("q") ?? "").trim().slice(0, KB_LIMITS.query);
    const parsed = kbSearchQuerySchema.safeParse({ q, locale, limit: SEARCH_RESULTS });
    const results = parsed.success ? (await searchArticles(deps, parsed.data, "public", { source: "help" })).results : null;
    return send(c, searchPage(site(), locale, q, results), 200, locale);
  });

  app.get("/help/:locale/c/:category", async (c) => {
    const locale = localeOf(c);
    const slug = c.req.param("category");
    const entries = await publicEntries(deps, { locale, category: slug });
    if (!entries.length) throw new ApiError("NOT_FOUND", "There is no such category.");
    const others = (["en", "de"] as const).filter((l) => l !== locale);
    const alternates = Object.fromEntries((await Promise.all(others.map(async (l) => [l, (await publicEntries(deps, { locale: l, category: slug })).length] as const)))
      .filter(([, n]) => n > 0).map(([l]) => [l, `/help/${l}/c/${slug}`]));
    return send(c, categoryPage(site(), locale, categoryOf(await categoryTitles(deps, locale), slug), entries, alternates), 200, locale);
  });

  app.get("/help/:locale/:slug", async (c) => {
    const locale = localeOf(c);
    const article = await getArticle(deps, locale, c.req.param("slug"), "public");
    const [translations, titles] = await Promise.all([translationsOf(deps, article, "public"), categoryTitles(deps, locale)]);
    const voted = c.req.query("voted");
    const description = plainText(article.body).slice(0, DESCRIPTION_CHARS).replace(/\s+\S*$/, "");
    return send(c, articlePage(site(), {
      article, translations, description,
      category: article.category ? categoryOf(titles, article.category) : null,
      voted: voted === "yes" || voted === "no" ? voted : null,
    }), 200, locale);
  });

  app.post("/help/:locale/:slug/vote",
    csrf({ origin: (origin, c) => origin === ownOrigin || origin === new URL(c.req.url).origin, secFetchSite: "same-origin" }),
    async (c) => {
      const locale = localeOf(c);
      const article = await getArticle(deps, locale, c.req.param("slug"), "public");
      const form = await c.req.parseBody();
      const helpful = form.helpful === "yes" ? true : form.helpful === "no" ? false : null;
      if (helpful === null) return c.redirect(`${article.url}#feedback`, 303);
      let voter = getCookie(c, VOTER_COOKIE);
      if (!voter || !/^[A-Za-z0-9_-]{16,64}$/.test(voter)) {
        voter = randomBytes(18).toString("base64url");
        setCookie(c, VOTER_COOKIE, voter, { path: "/help", httpOnly: true, sameSite: "Lax", secure, maxAge: YEAR });
      }
      await recordVote(deps, article.id, helpful, voter);
      return c.redirect(`${article.url}?voted=${helpful ? "yes" : "no"}#feedback`, 303);
    });

  app.get("/help/*", (c) => {
    // "/help/de" without its slash: the language's index.
    const m = /^\/help\/([a-z]{2})$/.exec(c.req.path);
    if (m && isLocale(m[1])) return c.redirect(`/help/${m[1]}/`, 301);
    return notice(c, "notFound");
  });

  // Not found and a refused vote are pages in the reader's language; anything else is the app's one error path.
  app.onError((err, c) => {
    if (err instanceof ApiError && err.code === "NOT_FOUND") return notice(c, "notFound");
    if (err instanceof HTTPException && err.status === 403) return notice(c, "refused");
    throw err;
  });
  return app;
}
