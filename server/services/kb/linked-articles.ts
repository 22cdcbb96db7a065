import { and, eq, or } from "drizzle-orm";
import { LOCALES, type Locale } from "../../../shared/locale";
import type { Tx } from "../../db/client";
import { kbArticles } from "../../db/schema";
import { recordTicketArticles } from "./feedback";

/** A help center article's address in a reply's text, absolute or not (the composer inserts absolute ones). */
const ARTICLE_URL = new RegExp(`/help/(${LOCALES.join("|")})/([a-z0-9]+(?:-[a-z0-9]+)*)(?![a-z0-9/-])`, "g");

/**
 * Records the public articles a staff answer links to (kind "linked"), for the report of the
 * articles tickets refer to most (issue 16, SLA 4.10). Whatever host the link names, its path is
 * what identifies the article; links to unknown or non-public articles are left out.
 */
export async function recordLinkedArticles(tx: Tx, ticketId: number, body: string, now: Date): Promise<number> {
  const named = [...new Map([...body.matchAll(ARTICLE_URL)].map((m) => [`${m[1]}/${m[2]}`, { locale: m[1] as Locale, slug: m[2]! }])).values()].slice(0, 20);
  if (!named.length) return 0;
  const found = await tx.select({ id: kbArticles.id }).from(kbArticles).where(and(
    eq(kbArticles.visibility, "public"),
    or(...named.map((n) => and(eq(kbArticles.locale, n.locale), eq(kbArticles.slug, n.slug)))),
  ));
  return recordTicketArticles(tx, ticketId, found.map((f) => ({ articleId: f.id, kind: "linked" as const })), now);
}
