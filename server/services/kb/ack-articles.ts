import { kbArticlePath } from "../../../shared/api/kb";
import { KB_LIMITS } from "../../../shared/kb";
import type { Edition } from "../../../shared/limits";
import type { Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import type { AckArticle } from "../../mail/templates/acknowledgement";
import { localesWithPublicArticles } from "./public-articles";
import { searchArticles } from "./search";

/** How many articles the acknowledgement lists (issue 16: "up to three"). */
const ACK_ARTICLES = 3;

export type AckArticlesByLocale = Partial<Record<Locale, AckArticle[]>>;

/**
 * The public articles that match a new ticket's subject and description, for its acknowledgement,
 * in each language the ticket may end up speaking (its language is settled in the ticket's
 * transaction, from the requester's last choice when the request names none). Runs before that
 * transaction so it holds no connection of it; without any public article in those languages it
 * costs no query at all (public-articles.ts). Not logged as a search: a ticket's text is not a
 * query for the no-result report, and may hold personal data. A failing search leaves the
 * articles out rather than failing the ticket.
 */
export async function articlesForAck(
  deps: Pick<Deps, "db" | "now" | "config" | "log">,
  t: { subject: string; description: string; locale: Locale | null; edition?: Edition | null; productVersion?: string | null },
): Promise<AckArticlesByLocale> {
  try {
    const published = await localesWithPublicArticles(deps.db, deps.now());
    const locales = (t.locale ? [t.locale] : [...published]).filter((l) => published.has(l));
    if (!locales.length) return {};
    const q = `${t.subject}\n${t.description}`.slice(0, KB_LIMITS.query);
    const found = await Promise.all(locales.map(async (locale) => {
      const { results } = await searchArticles(deps, {
        q, locale, limit: ACK_ARTICLES, edition: t.edition ?? undefined, version: t.productVersion ?? undefined,
      }, "public", { record: false });
      return [locale, results.map((r) => ({ title: r.title, url: `${deps.config.publicUrl}${kbArticlePath(locale, r.slug)}` }))] as const;
    }));
    return Object.fromEntries(found.filter(([, list]) => list.length));
  } catch (err) {
    deps.log.warn({ err }, "no articles for the acknowledgement: the search failed");
    return {};
  }
}
