import { and, eq, inArray, sql } from "drizzle-orm";
import type { KbTicketRef } from "../../../shared/kb";
import type { Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import type { Tx } from "../../db/client";
import { kbArticles, kbDeflections, kbTicketArticles, kbVotes } from "../../db/schema";
import { ApiError } from "../../errors";
import { visibleSql } from "./visible-sql";

/**
 * What readers tell us about articles, for the reports (issue 16): "did this help?" votes,
 * deflections ("this solved my problem": no ticket), and which articles a ticket met. Readers can
 * only act on articles they may read, so an anonymous vote never reveals that a draft exists.
 */
async function publicArticleId(deps: Pick<Deps, "db" | "now">, id: number): Promise<number> {
  const [row] = await deps.db.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.id, id), visibleSql("public", deps.now())));
  if (!row) throw new ApiError("NOT_FOUND", "There is no such article.");
  return row.id;
}

/** One vote per voter and article; voting again changes the vote. Without a voter key every vote counts. */
export async function recordVote(deps: Pick<Deps, "db" | "now">, articleId: number, helpful: boolean, voterKey: string | null): Promise<void> {
  const id = await publicArticleId(deps, articleId);
  await deps.db.insert(kbVotes).values({ articleId: id, helpful, voterKey, createdAt: deps.now() })
    .onConflictDoUpdate({ target: [kbVotes.articleId, kbVotes.voterKey], set: { helpful, createdAt: deps.now() } });
}

export async function recordDeflection(deps: Pick<Deps, "db" | "now">, d: { articleId: number | null; siteId: number | null; locale: Locale }): Promise<void> {
  const articleId = d.articleId === null ? null : await publicArticleId(deps, d.articleId);
  await deps.db.insert(kbDeflections).values({ articleId, siteId: d.siteId, locale: d.locale, createdAt: deps.now() });
}

/**
 * The articles a ticket met, in the ticket's own transaction (intake records shown/opened, a staff
 * reply records linked). Unknown ids are dropped rather than refused: a widget that showed an
 * article which was unpublished since must still be able to send its report.
 */
export async function recordTicketArticles(tx: Tx, ticketId: number, refs: { articleId: number; kind: KbTicketRef }[], now: Date): Promise<number> {
  if (!refs.length) return 0;
  const known = new Set((await tx.select({ id: kbArticles.id }).from(kbArticles).where(inArray(kbArticles.id, refs.map((r) => r.articleId)))).map((r) => r.id));
  const rows = refs.filter((r) => known.has(r.articleId)).map((r) => ({ ticketId, articleId: r.articleId, kind: r.kind, createdAt: now }));
  if (!rows.length) return 0;
  const written = await tx.insert(kbTicketArticles).values(rows).onConflictDoNothing().returning({ articleId: kbTicketArticles.articleId });
  return written.length;
}

/** The articles a ticket met, for the console's ticket view. */
export async function ticketArticles(deps: Pick<Deps, "db">, ticketId: number) {
  return deps.db.select({ articleId: kbArticles.id, slug: kbArticles.slug, locale: kbArticles.locale, title: kbArticles.title, kind: kbTicketArticles.kind, at: kbTicketArticles.createdAt })
    .from(kbTicketArticles).innerJoin(kbArticles, eq(kbArticles.id, kbTicketArticles.articleId))
    .where(eq(kbTicketArticles.ticketId, ticketId)).orderBy(kbTicketArticles.createdAt, sql`${kbTicketArticles.kind}`);
}

/**
 * The articles the widget showed and the client opened before writing (issue 16), named by slug
 * as the widget knows them: in the ticket's language first, else in any. Opened implies shown.
 */
export async function recordTicketArticleSlugs(tx: Tx, ticketId: number, seen: { shown: string[]; opened: string[] }, locale: Locale, now: Date): Promise<number> {
  const slugs = [...new Set([...seen.shown, ...seen.opened])];
  if (!slugs.length) return 0;
  const rows = await tx.select({ id: kbArticles.id, slug: kbArticles.slug, locale: kbArticles.locale }).from(kbArticles).where(inArray(kbArticles.slug, slugs));
  const idOf = new Map<string, number>();
  for (const r of rows) if (!idOf.has(r.slug) || r.locale === locale) idOf.set(r.slug, r.id);
  const refs: { articleId: number; kind: KbTicketRef }[] = [];
  for (const [list, kind] of [[slugs, "shown"], [seen.opened, "opened"]] as const) {
    for (const slug of list) if (idOf.has(slug)) refs.push({ articleId: idOf.get(slug)!, kind });
  }
  return recordTicketArticles(tx, ticketId, refs, now);
}
