import type { Hono } from "hono";
import { KB_LIMITS } from "../../../shared/kb";
import { kbSearchQuerySchema } from "../../../shared/api/kb";
import { LOCALES } from "../../../shared/locale";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import { plainText } from "../../domain/kb/markdown";
import { getArticle, translationsOf } from "../../services/kb/articles";
import { searchArticles } from "../../services/kb/search";
import { categoryOf, categoryTitles, publicEntries, type HelpCategory, type HelpEntry } from "../../services/kb/help-index";
import { articlePage, categoryPage, categoryPath, indexPage, searchPage, type IndexSection } from "./pages";
import type { Responder } from "./respond";

const DESCRIPTION_CHARS = 160;
const SEARCH_RESULTS = 10;
/** Other articles of the category shown beside one. */
const RELATED = 8;

/** The reading pages: the index, search, a category, an article. Public articles only, whoever asks. */
export function readingRoutes(app: Hono, deps: Deps, r: Responder): void {
  app.get("/help/:locale/", async (c) => {
    const locale = r.localeOf(c);
    const [entries, titles] = await Promise.all([publicEntries(deps, { locale }), categoryTitles(deps, locale)]);
    return r.send(c, indexPage(r.site(), locale, sectionsOf(entries, titles, locale)), 200, locale);
  });

  app.get("/help/:locale/search", async (c) => {
    const locale = r.localeOf(c);
    const q = (c.req.query("q") ?? "").trim().slice(0, KB_LIMITS.query);
    const parsed = kbSearchQuerySchema.safeParse({ q, locale, limit: SEARCH_RESULTS });
    const results = parsed.success ? (await searchArticles(deps, parsed.data, "public", { source: "help" })).results : null;
    return r.send(c, searchPage(r.site(), locale, q, results, await categoryTitles(deps, locale)), 200, locale);
  });

  app.get("/help/:locale/c/:category", async (c) => {
    const locale = r.localeOf(c);
    const slug = c.req.param("category");
    const entries = await publicEntries(deps, { locale, category: slug });
    // A category whose articles are all hidden does not exist for a reader.
    if (!entries.length) throw new ApiError("NOT_FOUND", "There is no such category.");
    const others = await Promise.all(LOCALES.filter((l) => l !== locale).map(async (l) => [l, (await publicEntries(deps, { locale: l, category: slug })).length] as const));
    const alternates = Object.fromEntries(others.filter(([, n]) => n > 0).map(([l]) => [l, categoryPath(l, slug)]));
    return r.send(c, categoryPage(r.site(), locale, categoryOf(await categoryTitles(deps, locale), slug), entries, alternates), 200, locale);
  });

  app.get("/help/:locale/:slug", async (c) => {
    const locale = r.localeOf(c);
    const article = await getArticle(deps, locale, c.req.param("slug"), "public");
    const [translations, titles, siblings] = await Promise.all([
      translationsOf(deps, article, "public"), categoryTitles(deps, locale),
      article.category ? publicEntries(deps, { locale, category: article.category }) : [],
    ]);
    const voted = c.req.query("voted");
    return r.send(c, articlePage(r.site(), {
      article, translations,
      description: plainText(article.body).slice(0, DESCRIPTION_CHARS).replace(/\s+\S*$/, ""),
      related: siblings.filter((e) => e.slug !== article.slug).slice(0, RELATED),
      category: article.category ? categoryOf(titles, article.category) : null,
      voted: voted === "yes" || voted === "no" ? voted : null,
    }), 200, locale);
  });
}

/** The index's sections in the categories' order, then by title; articles without a category last. */
function sectionsOf(entries: HelpEntry[], titles: Map<string, HelpCategory>, locale: string): IndexSection[] {
  const bySlug = new Map<string | null, IndexSection>();
  for (const e of entries) {
    const s = bySlug.get(e.category) ?? { category: e.category ? categoryOf(titles, e.category) : null, entries: [] };
    s.entries.push(e);
    bySlug.set(e.category, s);
  }
  return [...bySlug.values()].sort((a, b) => (a.category ? 0 : 1) - (b.category ? 0 : 1)
    || (a.category?.position ?? 0) - (b.category?.position ?? 0) || (a.category?.title ?? "").localeCompare(b.category?.title ?? "", locale));
}
