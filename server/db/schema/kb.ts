import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { LOCALES } from "../../../shared/locale";
import { KB_SEARCH_SOURCES, KB_TICKET_REFS, KB_VISIBILITIES } from "../../../shared/kb";
import { created, ts } from "./columns";
import { sites } from "./clients";
import { tickets } from "./tickets";

/** The knowledge base (issue 16): categories, articles and their revisions, search terms and searches, votes, deflections and the articles a ticket met. */

/** A Postgres tsvector; drizzle has no type of its own for it. Written only by services/kb/index-article.ts. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Help center sections; an article names its category by slug, and a missing row shows the slug. */
export const kbCategories = pgTable("kb_categories", {
  slug: text("slug").notNull(),
  locale: text("locale", { enum: LOCALES }).notNull(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  position: integer("position").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.slug, t.locale] })]);

export const kbArticles = pgTable("kb_articles", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  slug: text("slug").notNull(),
  locale: text("locale", { enum: LOCALES }).notNull(),
  /** The same text in other languages shares this key (hreflang links between them). */
  translationKey: text("translation_key"),
  title: text("title").notNull(),
  /** Markdown as the author wrote it; rendered and sanitised on the way out (domain/kb/markdown.ts). */
  body: text("body").notNull(),
  /** The body as plain text: what snippets are cut from. */
  bodyText: text("body_text").notNull().default(""),
  category: text("category"),
  tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  /** Empty means every edition. */
  editions: text("editions").array().notNull().default(sql`'{}'::text[]`),
  /** Version patterns (`24.*`, `24.1.3`, `*`); empty means every version (domain/kb/versions.ts). */
  versions: text("versions").array().notNull().default(sql`'{}'::text[]`),
  visibility: text("visibility", { enum: KB_VISIBILITIES }).notNull().default("draft"),
  /** Scheduled publishing: a public or internal article is shown only from this instant on; null means at once. */
  publishAt: ts("publish_at"),
  /** Weighted title/tags (A), category and title compound parts (B), body (C), body compound parts (D); see services/kb/index-article.ts. */
  searchVector: tsvector("search_vector").notNull().default(sql`''::tsvector`),
  revision: integer("revision").notNull().default(1),
  createdBy: text("created_by").notNull(),
  updatedBy: text("updated_by").notNull(),
  createdAt: created(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("kb_articles_locale_slug_uq").on(t.locale, t.slug),
  index("kb_articles_translation_idx").on(t.translationKey),
  // No pending list: articles are written rarely and searched on every keystroke, and a pending list
  // (cleaned only by vacuum) makes every search scan it; with autovacuum off it never empties.
  index("kb_articles_fts_idx").using("gin", t.searchVector).with({ fastupdate: false }),
]);

/** Every saved state of an article, with who saved it: the full content, so any revision can be shown or restored. */
export const kbRevisions = pgTable("kb_revisions", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  articleId: bigint("article_id", { mode: "number" }).notNull().references(() => kbArticles.id, { onDelete: "cascade" }),
  revision: integer("revision").notNull(),
  author: text("author").notNull(),
  content: jsonb("content").$type<Record<string, unknown>>().notNull(),
  createdAt: created(),
}, (t) => [uniqueIndex("kb_revisions_article_uq").on(t.articleId, t.revision)]);

/**
 * The stemmed words of the articles per language and how many articles hold each: the search
 * weighs a query's words by rarity and corrects typos against this list (trigram index).
 */
export const kbTerms = pgTable("kb_terms", {
  locale: text("locale", { enum: LOCALES }).notNull(),
  term: text("term").notNull(),
  docs: integer("docs").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.locale, t.term] }), index("kb_terms_trgm_idx").using("gin", t.term.op("gin_trgm_ops")).with({ fastupdate: false })]);

/**
 * The lexemes of the articles' categories and German compound parts (weights B and D) per language,
 * with how many articles hold each: a query word that an article holds only inside a compound
 * ("verlängern" in "Zertifikatsverlängerung") is found here by prefix, without reading articles.
 * Kept apart from kb_terms, whose words are a typo's possible corrections; most parts are nonsense.
 */
export const kbParts = pgTable("kb_parts", {
  locale: text("locale", { enum: LOCALES }).notNull(),
  term: text("term").notNull(),
  docs: integer("docs").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.locale, t.term] }), index("kb_parts_prefix_idx").on(t.locale, t.term.op("text_pattern_ops"))]);

/** How many articles each language has (the N of the search's idf), kept with kb_terms' counts. */
export const kbLocaleStats = pgTable("kb_locale_stats", {
  locale: text("locale", { enum: LOCALES }).primaryKey(),
  articles: integer("articles").notNull().default(0),
});

/** Every search, for the report of searches that found nothing (the docs team's to-do list). */
export const kbSearches = pgTable("kb_searches", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  query: text("query").notNull(),
  locale: text("locale", { enum: LOCALES }).notNull(),
  source: text("source", { enum: KB_SEARCH_SOURCES }).notNull().default("api"),
  results: integer("results").notNull(),
  zeroResult: boolean("zero_result").notNull(),
  topArticleId: bigint("top_article_id", { mode: "number" }).references(() => kbArticles.id, { onDelete: "set null" }),
  createdAt: created(),
}, (t) => [index("kb_searches_zero_idx").on(t.zeroResult, t.createdAt)]);

/** "Did this help?" on an article page or in the widget. */
export const kbVotes = pgTable("kb_votes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  articleId: bigint("article_id", { mode: "number" }).notNull().references(() => kbArticles.id, { onDelete: "cascade" }),
  helpful: boolean("helpful").notNull(),
  /** A hash of who voted (session or widget visit), so one reader counts once per article; null when unknown. */
  voterKey: text("voter_key"),
  createdAt: created(),
}, (t) => [index("kb_votes_article_idx").on(t.articleId, t.createdAt), uniqueIndex("kb_votes_voter_uq").on(t.articleId, t.voterKey)]);

/** "This solved my problem": a report that ended without a ticket (deflection rate per week). */
export const kbDeflections = pgTable("kb_deflections", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  articleId: bigint("article_id", { mode: "number" }).references(() => kbArticles.id, { onDelete: "set null" }),
  siteId: bigint("site_id", { mode: "number" }).references(() => sites.id, { onDelete: "set null" }),
  locale: text("locale", { enum: LOCALES }).notNull(),
  createdAt: created(),
}, (t) => [index("kb_deflections_created_idx").on(t.createdAt)]);

/**
 * Images an article shows from its own folder (docs as code): stored once by content in the blob
 * store (a row here keeps the blob alive), served at /help/media/{sha256}.{ext} only while a
 * public article's body names that address (services/kb/media.ts).
 */
export const kbImages = pgTable("kb_images", {
  sha256: text("sha256").primaryKey(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  createdAt: created(),
});

/** Which articles a ticket met: shown and opened in the widget before sending, linked by staff in a reply. */
export const kbTicketArticles = pgTable("kb_ticket_articles", {
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  articleId: bigint("article_id", { mode: "number" }).notNull().references(() => kbArticles.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: KB_TICKET_REFS }).notNull(),
  createdAt: created(),
}, (t) => [primaryKey({ columns: [t.ticketId, t.articleId, t.kind] }), index("kb_ticket_articles_article_idx").on(t.articleId, t.kind)]);
