import { and, asc, eq } from "drizzle-orm";
import { kbArticlePath } from "../../../shared/api/kb";
import type { Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import { kbArticles, kbCategories } from "../../db/schema";
import { visibleSql } from "./visible-sql";

/** One line of the help center's lists and sitemap: no body, so listing a thousand articles renders none. */
export interface HelpEntry {
  locale: Locale;
  slug: string;
  title: string;
  category: string | null;
  translationKey: string | null;
  updatedAt: Date;
  url: string;
}

/**
 * The published public articles, for the help center's index, category pages and sitemap. The
 * audience is fixed to "public": these pages are for anonymous readers, whoever asks.
 */
export async function publicEntries(deps: Pick<Deps, "db" | "now">, filter: { locale?: Locale; category?: string } = {}): Promise<HelpEntry[]> {
  const rows = await deps.db.select({
    locale: kbArticles.locale, slug: kbArticles.slug, title: kbArticles.title, category: kbArticles.category,
    translationKey: kbArticles.translationKey, updatedAt: kbArticles.updatedAt,
  }).from(kbArticles).where(and(
    filter.locale ? eq(kbArticles.locale, filter.locale) : undefined,
    filter.category ? eq(kbArticles.category, filter.category) : undefined,
    visibleSql("public", deps.now()),
  )).orderBy(asc(kbArticles.title), asc(kbArticles.id));
  return rows.map((r) => ({ ...r, url: kbArticlePath(r.locale, r.slug) }));
}

export interface HelpCategory { slug: string; title: string; description: string; position: number }

/** The categories' titles in one language; a category without a row is shown by its slug (schema.ts). */
export async function categoryTitles(deps: Pick<Deps, "db">, locale: Locale): Promise<Map<string, HelpCategory>> {
  const rows = await deps.db.select().from(kbCategories).where(eq(kbCategories.locale, locale)).orderBy(asc(kbCategories.position), asc(kbCategories.title));
  return new Map(rows.map((r) => [r.slug, { slug: r.slug, title: r.title, description: r.description, position: r.position }]));
}

/** A category without a row reads as its slug in words, capitalised ("getting-started" → "Getting started"). */
export const categoryOf = (titles: Map<string, HelpCategory>, slug: string): HelpCategory =>
  titles.get(slug) ?? { slug, title: capitalised(slug.replace(/-/g, " ")), description: "", position: Number.MAX_SAFE_INTEGER };

const capitalised = (words: string) => words.charAt(0).toLocaleUpperCase() + words.slice(1);
