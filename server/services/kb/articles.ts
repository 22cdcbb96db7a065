import { and, asc, desc, eq, sql } from "drizzle-orm";
import { kbArticlePath, kbArticleInputSchema, type KbArticleInput, type KbArticleInputRaw, type KbArticleView } from "../../../shared/api/kb";
import type { KbAudience } from "../../../shared/kb";
import type { Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import { kbArticles, kbRevisions } from "../../db/schema";
import { ApiError } from "../../errors";
import { plainText, renderMarkdown } from "../../domain/kb/markdown";
import { indexArticle, unindexArticle } from "./index-article";
import { visibleSql } from "./visible-sql";
import { forgetPublicArticles } from "./public-articles";

type Row = typeof kbArticles.$inferSelect;
export type SaveOutcome = "created" | "updated" | "unchanged";

/** The content a revision keeps, in a fixed key order so that "changed?" is a string comparison. */
export function contentOf(a: KbArticleInput | Row): KbArticleInput {
  return {
    slug: a.slug, locale: a.locale, title: a.title, body: a.body, category: a.category ?? null, tags: [...a.tags],
    editions: [...a.editions] as KbArticleInput["editions"], versions: [...a.versions], visibility: a.visibility,
    publishAt: a.publishAt ? new Date(a.publishAt) : null, translationKey: a.translationKey ?? null,
  };
}
const same = (a: KbArticleInput, b: KbArticleInput) => JSON.stringify(a) === JSON.stringify(b);

export function viewOf(r: Row): KbArticleView {
  const c = contentOf(r);
  return { ...c, id: r.id, html: renderMarkdown(r.body), publishAt: c.publishAt?.toISOString() ?? null, revision: r.revision, updatedAt: r.updatedAt.toISOString(), url: kbArticlePath(r.locale, r.slug) };
}

/**
 * Creates or updates the article with this input's locale and slug (the import's and the editor's
 * one way in). A revision is written only when the content changed, so saving the same text twice
 * changes nothing; the row is locked for the comparison so two saves at once cannot both "create".
 */
export async function saveArticle(deps: Pick<Deps, "db" | "now" | "log">, raw: KbArticleInputRaw, actor: string): Promise<{ outcome: SaveOutcome; article: KbArticleView }> {
  const input = kbArticleInputSchema.parse(raw);
  const result = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kb:${input.locale}:${input.slug}`}))`);
    const [old] = await tx.select().from(kbArticles).where(and(eq(kbArticles.locale, input.locale), eq(kbArticles.slug, input.slug))).for("update");
    if (old && same(contentOf(old), input)) return { outcome: "unchanged" as const, row: old };
    const now = deps.now();
    const values = { ...input, bodyText: plainText(input.body), updatedBy: actor, updatedAt: now };
    const [row] = old
      ? await tx.update(kbArticles).set({ ...values, revision: old.revision + 1 }).where(eq(kbArticles.id, old.id)).returning()
      : await tx.insert(kbArticles).values({ ...values, createdBy: actor, createdAt: now, revision: 1 }).returning();
    await indexArticle(tx, row!.id, { ...input, bodyText: values.bodyText }, !old);
    await tx.insert(kbRevisions).values({ articleId: row!.id, revision: row!.revision, author: actor, content: { ...input, publishAt: input.publishAt?.toISOString() ?? null }, createdAt: now });
    return { outcome: old ? ("updated" as const) : ("created" as const), row: row! };
  });
  if (result.outcome !== "unchanged") forgetPublicArticles(deps.db);
  if (result.outcome !== "unchanged") deps.log.info({ actor, action: `kb-article-${result.outcome}`, articleId: result.row.id, slug: input.slug, locale: input.locale }, `kb article ${result.outcome}`);
  return { outcome: result.outcome, article: viewOf(result.row) };
}

/** One article as `audience` may read it; a draft, an internal one for the public, or a future one is "not found". */
export async function getArticle(deps: Pick<Deps, "db" | "now">, locale: Locale, slug: string, audience: KbAudience): Promise<KbArticleView> {
  const [row] = await deps.db.select().from(kbArticles)
    .where(and(eq(kbArticles.locale, locale), eq(kbArticles.slug, slug), visibleSql(audience, deps.now())));
  if (!row) throw new ApiError("NOT_FOUND", "There is no such article.");
  return viewOf(row);
}

/** The readable articles, for category pages and the sitemap; `editor` also lists drafts and future ones. */
export async function listArticles(deps: Pick<Deps, "db" | "now">, filter: { locale?: Locale; category?: string; translationKey?: string }, audience: KbAudience | "editor") {
  const rows = await deps.db.select().from(kbArticles).where(and(
    filter.locale ? eq(kbArticles.locale, filter.locale) : undefined,
    filter.category ? eq(kbArticles.category, filter.category) : undefined,
    filter.translationKey ? eq(kbArticles.translationKey, filter.translationKey) : undefined,
    audience === "editor" ? undefined : visibleSql(audience, deps.now()),
  )).orderBy(asc(kbArticles.locale), asc(kbArticles.category), asc(kbArticles.title), asc(kbArticles.id));
  return rows.map(viewOf);
}

/** The same article in the other languages (hreflang), as `audience` may read them. */
export async function translationsOf(deps: Pick<Deps, "db" | "now">, article: Pick<KbArticleView, "translationKey" | "id">, audience: KbAudience) {
  if (!article.translationKey) return [];
  return (await listArticles(deps, { translationKey: article.translationKey }, audience)).filter((a) => a.id !== article.id).map((a) => ({ locale: a.locale, slug: a.slug, url: a.url }));
}

export async function articleRevisions(deps: Pick<Deps, "db">, articleId: number) {
  const rows = await deps.db.select().from(kbRevisions).where(eq(kbRevisions.articleId, articleId)).orderBy(desc(kbRevisions.revision));
  return rows.map((r) => ({ revision: r.revision, author: r.author, createdAt: r.createdAt.toISOString(), content: r.content }));
}

export async function deleteArticle(deps: Pick<Deps, "db" | "log">, locale: Locale, slug: string, actor: string): Promise<void> {
  const gone = await deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.locale, locale), eq(kbArticles.slug, slug))).for("update");
    if (!row) return null;
    await unindexArticle(tx, row.id);
    await tx.delete(kbArticles).where(eq(kbArticles.id, row.id));
    return row.id;
  });
  if (gone === null) throw new ApiError("NOT_FOUND", "There is no such article.");
  forgetPublicArticles(deps.db);
  deps.log.info({ actor, action: "kb-article-deleted", articleId: gone, slug, locale }, "kb article deleted");
}
