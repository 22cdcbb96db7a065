import { createRoute, z } from "@hono/zod-openapi";
import { kbArticleReadSchema, kbDeflectionInputSchema, kbDeflectionRecordedSchema, kbSearchQuerySchema, kbSearchResponseSchema } from "../../shared/api/kb";
import { KB_SLUG_PATTERN } from "../../shared/kb";
import { isLocale } from "../../shared/locale";
import { isStaff } from "../../shared/principal";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { getArticle } from "../services/kb/articles";
import { recordDeflection } from "../services/kb/feedback";
import { searchArticles } from "../services/kb/search";
import { checkSiteOrigin } from "../services/accounts/sites";
import { COMMON_ERRORS, errors, json, jsonBody, op, pathText, routes, security } from "./contract";
import { readJson } from "./read-json";
import { queried, readsJson } from "./route-shapes";

const search = createRoute({
  ...op("get", "/search", "searchKb", "kb", "Search the knowledge base", security.optionalSession),
  description: "Public articles for anyone; a staff session (or the admin token) also finds internal ones. Drafts and articles scheduled for later are never found. A query that no article fits answers an empty list.",
  ...queried(kbSearchQuerySchema, { 200: json(kbSearchResponseSchema, "The matching articles, best first.") }, COMMON_ERRORS),
});

const articleParams = z.object({
  locale: pathText("en or de.", { pattern: "^(en|de)$" }),
  slug: pathText("The article's slug: lower-case words joined by hyphens.", { pattern: KB_SLUG_PATTERN.source }),
});

const readArticle = createRoute({
  ...op("get", "/articles/{locale}/{slug}", "getKbArticle", "kb", "Read one article (rendered, sanitised)", security.optionalSession),
  description: "What the widget opens inside its dialog. Public articles for anyone; a staff session also reads internal ones. Drafts, articles scheduled for later and, for anonymous readers, internal ones answer 404 alike, so an answer never tells that such an article exists.",
  request: { params: articleParams },
  responses: { 200: json(kbArticleReadSchema, "The article."), ...errors("NOT_FOUND", ...COMMON_ERRORS) },
});

const deflect = createRoute({
  ...op("post", "/deflections", "recordKbDeflection", "kb", "Record that an article solved the reader's problem", security.public),
  description: "\"This solved my problem\" in the widget: the reader wrote no ticket. Counted per article (public ones only) and, with X-Tidings-Site, per site, for the deflection report.",
  ...readsJson({ body: jsonBody("KbDeflectionInput", kbDeflectionInputSchema) }, { 201: json(kbDeflectionRecordedSchema, "Counted.") },
    ["ORIGIN_NOT_ALLOWED", "SITE_UNKNOWN", "SITE_DISABLED", ...COMMON_ERRORS], "NOT_FOUND"),
});

/** The knowledge base's API (mounted at /api/v1/kb); the help center pages are rendered elsewhere. */
export function kbRoutes(deps: Deps) {
  const app = routes();
  app.openapi(search, async (c) => {
    const audience = isStaff(c.get("principal")) ? "staff" : "public";
    return c.json(await searchArticles(deps, c.req.valid("query"), audience, { source: audience === "staff" ? "console" : "api" }), 200);
  });
  app.openapi(readArticle, async (c) => {
    const { locale, slug } = c.req.param();
    // An ill-formed address reads as an absent article: nothing to learn from the difference.
    if (!isLocale(locale) || !KB_SLUG_PATTERN.test(slug)) throw new ApiError("NOT_FOUND", "There is no such article.");
    const a = await getArticle(deps, locale, slug, isStaff(c.get("principal")) ? "staff" : "public");
    return c.json({ slug: a.slug, locale: a.locale, title: a.title, html: a.html, category: a.category, url: a.url, updatedAt: a.updatedAt }, 200);
  });
  app.openapi(deflect, async (c) => {
    const input = kbDeflectionInputSchema.parse(await readJson(c));
    const siteKey = c.req.header("x-tidings-site");
    const siteId = siteKey ? await checkSiteOrigin(deps.db, siteKey, c.req.header("origin")) : null;
    // Always as the public reads it: a deflection by an internal article is no self-service.
    const article = await getArticle(deps, input.locale, input.slug, "public");
    await recordDeflection(deps, { articleId: article.id, siteId, locale: input.locale });
    return c.json({ recorded: true as const }, 201);
  });
  return app;
}
