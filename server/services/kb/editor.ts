import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { kbArticleInputSchema, type KbArticleInput, type KbArticleInputRaw } from "../../../shared/api/kb";
import type { KbArticleWrite, KbStaffListQuery } from "../../../shared/api/kb-staff";
import { kbArticlePath } from "../../../shared/api/kb";
import { slugify } from "../../../shared/kb-slug";
import { isDone } from "../../../shared/ticket-status";
import type { Deps } from "../../deps";
import { kbArticles, kbRevisions, messages, tickets } from "../../db/schema";
import { ApiError } from "../../errors";
import { plainText } from "../../domain/kb/markdown";
import { articleRevisions, contentOf, saveArticle, viewOf, type SaveOutcome } from "./articles";
import { indexArticle } from "./index-article";

/**
 * The console's article work (issue 16, "Staff"): listing with filters, opening one with its
 * revisions, creating, updating by id (a slug may change), drafting from a resolved ticket. The
 * import's path (articles.ts saveArticle) stays the one that is keyed by slug; these are keyed by
 * id, because an editor renames.
 */

type Db = Pick<Deps, "db" | "now" | "log">;

export async function listForStaff(deps: Pick<Deps, "db">, f: KbStaffListQuery) {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const rows = await deps.db.select({
    id: kbArticles.id, slug: kbArticles.slug, locale: kbArticles.locale, title: kbArticles.title, category: kbArticles.category, tags: kbArticles.tags,
    visibility: kbArticles.visibility, publishAt: kbArticles.publishAt, translationKey: kbArticles.translationKey, revision: kbArticles.revision,
    updatedAt: kbArticles.updatedAt, updatedBy: kbArticles.updatedBy,
  }).from(kbArticles).where(and(
    f.locale ? eq(kbArticles.locale, f.locale) : undefined,
    f.visibility ? eq(kbArticles.visibility, f.visibility) : undefined,
    f.category ? eq(kbArticles.category, f.category) : undefined,
    f.slug ? eq(kbArticles.slug, f.slug) : undefined,
    like ? or(ilike(kbArticles.title, like), ilike(kbArticles.slug, like), sql`array_to_string(${kbArticles.tags}, ' ') ilike ${like}`) : undefined,
  )).orderBy(desc(kbArticles.updatedAt), asc(kbArticles.id)).limit(500);
  return rows.map((r) => ({ ...r, publishAt: r.publishAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString(), url: kbArticlePath(r.locale, r.slug) }));
}

export async function articleDetail(deps: Pick<Deps, "db">, id: number) {
  const [row] = await deps.db.select().from(kbArticles).where(eq(kbArticles.id, id));
  if (!row) throw new ApiError("NOT_FOUND", "There is no such article.");
  const revisions = (await articleRevisions(deps, id)).map(({ revision, author, createdAt }) => ({ revision, author, createdAt }));
  return { ...viewOf(row), revisions };
}

const taken = async (deps: Pick<Deps, "db">, locale: KbArticleInput["locale"], slug: string) =>
  (await deps.db.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.locale, locale), eq(kbArticles.slug, slug))))[0]?.id ?? null;

/** A new article; a slug already used in its language is refused, never overwritten (that is what update is for). */
export async function createArticle(deps: Db, raw: KbArticleInputRaw, actor: string) {
  const input = kbArticleInputSchema.parse(raw);
  if (await taken(deps, input.locale, input.slug) !== null) {
    throw new ApiError("CONFLICT", `An article with the address /help/${input.locale}/${input.slug} exists already.`, { field: "slug" });
  }
  const { article } = await saveArticle(deps, input, actor);
  return articleDetail(deps, article.id);
}

/**
 * Replaces article `id`'s content and writes a revision with who and when; the same content again
 * writes none. A `baseRevision` older than the stored one means someone saved in between: refused.
 */
export async function updateArticle(deps: Db, id: number, raw: KbArticleWrite, actor: string): Promise<{ outcome: SaveOutcome; id: number }> {
  const { baseRevision, ...rest } = raw;
  const input = kbArticleInputSchema.parse(rest);
  const outcome = await deps.db.transaction(async (tx) => {
    const [old] = await tx.select().from(kbArticles).where(eq(kbArticles.id, id)).for("update");
    if (!old) throw new ApiError("NOT_FOUND", "There is no such article.");
    if (baseRevision !== undefined && baseRevision !== old.revision) {
      throw new ApiError("CONFLICT", `This article was saved by ${old.updatedBy} since you opened it (revision ${old.revision}, yours ${baseRevision}): reload it and make your change again.`);
    }
    if (JSON.stringify(contentOf(old)) === JSON.stringify(input)) return "unchanged" as const;
    if (input.locale !== old.locale || input.slug !== old.slug) {
      const [other] = await tx.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.locale, input.locale), eq(kbArticles.slug, input.slug)));
      if (other) throw new ApiError("CONFLICT", `An article with the address /help/${input.locale}/${input.slug} exists already.`, { field: "slug" });
    }
    const now = deps.now();
    const bodyText = plainText(input.body);
    const revision = old.revision + 1;
    // Indexed first: the search's counts move from what the row holds now (its old language too).
    await indexArticle(tx, id, { ...input, bodyText }, false);
    await tx.update(kbArticles).set({ ...input, bodyText, updatedBy: actor, updatedAt: now, revision }).where(eq(kbArticles.id, id));
    await tx.insert(kbRevisions).values({ articleId: id, revision, author: actor, content: { ...input, publishAt: input.publishAt?.toISOString() ?? null }, createdAt: now });
    return "updated" as const;
  });
  if (outcome === "updated") deps.log.info({ actor, action: "kb-article-updated", articleId: id, slug: input.slug, locale: input.locale }, "kb article updated");
  return { outcome, id };
}

/**
 * A draft article from a resolved (or closed) ticket: the subject as title, the problem as the
 * client described it and the last public staff answer as the solution. Visibility draft, so
 * nothing of the ticket reaches a reader before an editor has rewritten and published it.
 */
export async function draftFromTicket(deps: Db, tid: string, actor: string) {
  const [ticket] = await deps.db.select({ id: tickets.id, subject: tickets.subject, description: tickets.description, status: tickets.status, locale: tickets.locale })
    .from(tickets).where(eq(tickets.tid, tid));
  if (!ticket) throw new ApiError("NOT_FOUND", `There is no ticket TID#${tid}.`);
  if (!isDone(ticket.status)) throw new ApiError("CONFLICT", "Only a resolved or closed ticket has an answer to write an article from.");
  const [reply] = await deps.db.select({ body: messages.body }).from(messages)
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.authorKind, "staff"), eq(messages.visibility, "public"), eq(messages.kind, "message")))
    .orderBy(desc(messages.id)).limit(1);
  const de = ticket.locale === "de";
  const title = (ticket.subject.trim() || `Ticket ${tid}`).slice(0, 200);
  const body = [
    "## Problem", "", ticket.description.trim(), "",
    `## ${de ? "Lösung" : "Solution"}`, "", reply?.body.trim() ?? "",
  ].join("\n");
  const base = slugify(title) || `ticket-${tid}`;
  let slug = base;
  for (let n = 2; (await taken(deps, ticket.locale, slug)) !== null; n++) slug = `${base.slice(0, 110)}-${n}`;
  return createArticle(deps, { slug, locale: ticket.locale, title, body, visibility: "draft" }, actor);
}
