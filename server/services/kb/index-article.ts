import { sql, type SQL } from "drizzle-orm";
import type { Locale } from "../../../shared/locale";
import type { Tx } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { compoundText, fold } from "../../domain/kb/words";
import { jsonList, textConfig } from "./text-config";

interface Indexed { title: string; tags: readonly string[]; category: string | null; bodyText: string; locale: Locale }
/** The lexemes an article holds as words (A, C: kb_terms) and as categories or compound parts (B, D: kb_parts). */
interface Held { locale: Locale; terms: string[]; parts: string[] }

const held = sql.raw(`to_jsonb(tsvector_to_array(ts_filter(search_vector, '{a,c}'))) as terms,
  to_jsonb(tsvector_to_array(ts_filter(search_vector, '{b,d}'))) as parts`);

/**
 * Writes an article's search vector and keeps the search's statistics in step, in the caller's
 * transaction: kb_terms and kb_parts count the articles holding each lexeme, kb_locale_stats the
 * articles per language (`created`: this article is new). Weights: title and tags A; category and
 * the German compound parts of title and tags B; body C; the body's compound parts D. kb_terms
 * counts A and C only: compound parts are mostly nonsense and must never become a typo's
 * "correction"; they are counted apart, for the look-up by prefix. An article that changes
 * language moves its counts with it.
 */
export async function indexArticle(tx: Tx, id: number, a: Indexed, created: boolean): Promise<void> {
  const [old] = created ? [] : rowsOf<Held>(await tx.execute(sql`select locale, ${held} from kb_articles where id = ${id}`));
  const cfg = textConfig(a.locale);
  const head = fold(`${a.title} ${a.tags.join(" ")}`, a.locale);
  const body = fold(a.bodyText, a.locale);
  const [now] = rowsOf<Held>(await tx.execute(sql`
    update kb_articles set search_vector =
      setweight(to_tsvector(${cfg}, ${head}), 'A')
      || setweight(to_tsvector(${cfg}, ${`${fold(a.category ?? "", a.locale).replace(/-/g, " ")} ${compoundText(`${a.title} ${a.tags.join(" ")}`, a.locale)}`}), 'B')
      || setweight(to_tsvector(${cfg}, ${body}), 'C') || setweight(to_tsvector(${cfg}, ${compoundText(a.bodyText, a.locale)}), 'D')
    where id = ${id}
    returning locale, ${held}`));
  const before: Held = old ?? { locale: a.locale, terms: [], parts: [] };
  const after: Held = now ?? { locale: a.locale, terms: [], parts: [] };
  await countTerms(tx, sql`kb_terms`, before.locale, before.terms, after.locale, after.terms);
  await countTerms(tx, sql`kb_parts`, before.locale, before.parts, after.locale, after.parts);
  if (created) await countArticle(tx, a.locale, 1);
  else if (before.locale !== after.locale) {
    await countArticle(tx, before.locale, -1);
    await countArticle(tx, after.locale, 1);
  }
}

/** The article is going away: its words count no more. */
export async function unindexArticle(tx: Tx, id: number): Promise<void> {
  const [old] = rowsOf<Held>(await tx.execute(sql`select locale, ${held} from kb_articles where id = ${id}`));
  if (!old) return;
  await countTerms(tx, sql`kb_terms`, old.locale, old.terms, old.locale, []);
  await countTerms(tx, sql`kb_parts`, old.locale, old.parts, old.locale, []);
  await countArticle(tx, old.locale, -1);
}

async function countArticle(tx: Tx, locale: Locale, by: 1 | -1) {
  await tx.execute(sql`insert into kb_locale_stats (locale, articles) values (${locale}, ${Math.max(by, 0)})
    on conflict (locale) do update set articles = kb_locale_stats.articles + ${by}::int`);
}

/** `table` is kb_terms or kb_parts (same columns). */
async function countTerms(tx: Tx, table: SQL, oldLocale: Locale, before: string[], locale: Locale, after: string[]) {
  const same = oldLocale === locale;
  const gone = same ? before.filter((t) => !after.includes(t)) : before;
  const added = same ? after.filter((t) => !before.includes(t)) : after;
  if (gone.length) {
    await tx.execute(sql`update ${table} set docs = docs - 1
      where locale = ${oldLocale} and term in (select jsonb_array_elements_text(${jsonList(gone)}))`);
  }
  if (added.length) {
    await tx.execute(sql`insert into ${table} (locale, term, docs)
      select ${locale}, t, 1 from jsonb_array_elements_text(${jsonList(added)}) t
      on conflict (locale, term) do update set docs = ${table}.docs + 1`);
  }
}
