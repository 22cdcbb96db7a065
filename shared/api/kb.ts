import { z } from "zod";
import { EDITIONS, PRODUCT_VERSION_PATTERN } from "../limits";
import { LOCALES } from "../locale";
import { KB_LIMITS, KB_SLUG_PATTERN, KB_VERSION_PATTERN, KB_VISIBILITIES } from "../kb";

/**
 * The knowledge base's API shapes (issue 16). The server validates with these; the help center,
 * the widget's suggestions and the console import the types.
 */

/** Where an article is read: the help center page (server-rendered). */
export { kbArticlePath } from "../kb";

export const kbSearchQuerySchema = z.object({
  q: z.string().trim().min(1, "must not be empty").max(KB_LIMITS.query, `must be at most ${KB_LIMITS.query} characters`)
    .meta({ description: "What the user typed: keywords or a whole problem description." }),
  locale: z.enum(LOCALES, { message: "must be en or de" }).default("en"),
  edition: z.enum(EDITIONS, { message: "must be cloud or self-hosted" }).optional(),
  version: z.string().trim().max(64).regex(PRODUCT_VERSION_PATTERN, "must be a product version").optional(),
  limit: z.coerce.number().int().min(1, `must be 1 to ${KB_LIMITS.results}`).max(KB_LIMITS.results, `must be 1 to ${KB_LIMITS.results}`).default(5),
});
export type KbSearchQuery = z.infer<typeof kbSearchQuerySchema>;

export const kbSearchResultSchema = z.object({
  slug: z.string(),
  title: z.string(),
  snippet: z.string().meta({ description: "HTML: escaped article text with the matched words in <mark>." }),
  url: z.string().meta({ description: "The article's help center page, relative to the server." }),
  category: z.string().nullable(),
  score: z.number().meta({ description: "Relevance; comparable within one answer only." }),
});
export type KbSearchResult = z.infer<typeof kbSearchResultSchema>;
export const kbSearchResponseSchema = z.object({ results: z.array(kbSearchResultSchema) }).meta({ id: "KbSearchResults" });

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).default([]);

/** An article as an editor or an import writes it. */
export const kbArticleInputSchema = z.object({
  slug: z.string().trim().min(1).max(KB_LIMITS.slug).regex(KB_SLUG_PATTERN, "must be lower-case words joined by hyphens"),
  locale: z.enum(LOCALES, { message: "must be en or de" }),
  title: z.string().trim().min(1, "must not be empty").max(KB_LIMITS.title),
  body: z.string().max(KB_LIMITS.body),
  category: z.string().trim().max(KB_LIMITS.slug).regex(KB_SLUG_PATTERN, "must be lower-case words joined by hyphens").nullable().default(null),
  tags: list(z.string().trim().min(1).max(KB_LIMITS.tag), KB_LIMITS.tags),
  editions: list(z.enum(EDITIONS, { message: "must be cloud or self-hosted" }), EDITIONS.length),
  versions: list(z.string().trim().regex(KB_VERSION_PATTERN, "must be a version, a prefix like 24.* or *"), KB_LIMITS.versions),
  visibility: z.enum(KB_VISIBILITIES, { message: "must be draft, internal or public" }).default("draft"),
  publishAt: z.coerce.date().nullable().default(null),
  translationKey: z.string().trim().min(1).max(KB_LIMITS.slug).nullable().default(null),
});
export type KbArticleInput = z.infer<typeof kbArticleInputSchema>;
export type KbArticleInputRaw = z.input<typeof kbArticleInputSchema>;

/** An article as a reader gets it: the Markdown rendered and sanitised. */
export interface KbArticleView extends Omit<KbArticleInput, "publishAt"> {
  id: number;
  html: string;
  publishAt: string | null;
  revision: number;
  updatedAt: string;
  url: string;
}

/** GET /api/v1/kb/articles/{locale}/{slug}: one article to read inside the widget's dialog. */
export const kbArticleReadSchema = z.object({
  slug: z.string(),
  locale: z.enum(LOCALES),
  title: z.string(),
  html: z.string().meta({ description: "The body rendered from Markdown and sanitised: no script, no event handlers, no javascript: links." }),
  category: z.string().nullable(),
  url: z.string().meta({ description: "The article's help center page, relative to the server." }),
  updatedAt: z.string(),
}).meta({ id: "KbArticleRead" });
export type KbArticleRead = z.infer<typeof kbArticleReadSchema>;

/** POST /api/v1/kb/deflections: "This solved my problem": the client read an article and wrote no ticket. */
export const kbDeflectionInputSchema = z.object({
  slug: z.string().trim().min(1).max(KB_LIMITS.slug).regex(KB_SLUG_PATTERN, "must be an article slug"),
  locale: z.enum(LOCALES, { message: "must be en or de" }),
}).meta({ id: "KbDeflectionInput" });
export const kbDeflectionRecordedSchema = z.object({ recorded: z.literal(true) }).meta({ id: "KbDeflectionRecorded" });
