import { z } from "zod";
import { KB_LIMITS, KB_SLUG_PATTERN, KB_VISIBILITIES } from "../kb";
import { LOCALES } from "../locale";
import { EDITIONS } from "../limits";
import { kbArticleInputSchema } from "./kb";

/**
 * The console's side of the knowledge base (issue 16, "Staff"): the article list and editor, the
 * preview, drafting from a ticket. Every staff member reads; editors and admins write
 * (shared/roles.ts ARTICLE_WRITERS).
 */

export const kbStaffListQuerySchema = z.object({
  locale: z.enum(LOCALES, { message: "must be en or de" }).optional(),
  visibility: z.enum(KB_VISIBILITIES, { message: "must be draft, internal or public" }).optional(),
  category: z.string().trim().max(KB_LIMITS.slug).regex(KB_SLUG_PATTERN, "must be lower-case words joined by hyphens").optional(),
  slug: z.string().trim().max(KB_LIMITS.slug).regex(KB_SLUG_PATTERN, "must be lower-case words joined by hyphens").optional()
    .meta({ description: "Exactly this slug (what a canned answer's {{article:slug}} names)." }),
  q: z.string().trim().max(200).optional().meta({ description: "Words the title, slug or tags contain (case-insensitive)." }),
});
export type KbStaffListQuery = z.infer<typeof kbStaffListQuerySchema>;

const at = z.string().meta({ description: "ISO 8601 instant." });

// The fields the list row and the editor's article share, in groups so that each keeps its own
// order of fields (the OpenAPI document lists them in that order).
/** Which article: its row, address and language, and its title. */
const naming = { id: z.number().int(), slug: z.string(), locale: z.enum(LOCALES), title: z.string() };
/** Where it is filed. */
const filing = { category: z.string().nullable(), tags: z.array(z.string()) };
/** Who may read it and from when, its translation group, and its current revision with the time it was saved. */
const publication = {
  visibility: z.enum(KB_VISIBILITIES),
  publishAt: at.nullable(),
  translationKey: z.string().nullable(),
  revision: z.number().int(),
  updatedAt: at,
};

/** One row of the console's article list: no body, no HTML. */
export const kbArticleListedSchema = z.object({
  ...naming,
  ...filing,
  ...publication,
  updatedBy: z.string(),
  url: z.string().meta({ description: "The help center page, relative to the server." }),
});
export const kbArticleListSchema = z.object({ items: z.array(kbArticleListedSchema) }).meta({ id: "KbArticleList" });

export const kbRevisionSchema = z.object({ revision: z.number().int(), author: z.string(), createdAt: at });

/** An article as the editor opens it: the Markdown, its rendering and who saved which revision. */
export const kbArticleDetailSchema = z.object({
  ...naming,
  body: z.string(),
  html: z.string().meta({ description: "The body rendered and sanitised, as the help center shows it." }),
  ...filing,
  editions: z.array(z.enum(EDITIONS)),
  versions: z.array(z.string()),
  ...publication,
  url: z.string(),
  revisions: z.array(kbRevisionSchema).meta({ description: "Newest first." }),
}).meta({ id: "KbArticleDetail" });

/**
 * What the editor saves. `baseRevision` is the revision the editor opened: when someone saved in
 * between, the save is refused (409 CONFLICT) instead of silently undoing their work.
 */
export const kbArticleWriteSchema = kbArticleInputSchema.extend({
  baseRevision: z.number().int().min(1).optional(),
});
export type KbArticleWrite = z.input<typeof kbArticleWriteSchema>;

export const kbPreviewSchema = z.object({ body: z.string().max(KB_LIMITS.body, `must be at most ${KB_LIMITS.body} characters`) });
export const kbPreviewResultSchema = z.object({ html: z.string().meta({ description: "Sanitised HTML." }) }).meta({ id: "KbPreview" });

export const kbDraftFromTicketSchema = z.object({ tid: z.string().trim().min(1).max(32) });
