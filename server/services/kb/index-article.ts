import { sql } from "drizzle-orm";
import type { Locale } from "../../../shared/locale";
import type { Tx } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { compoundText, fold } from "../../domain/kb/words";
import { jsonList, textConfig } from "./text-config";

interface Indexed { title: string; tags: readonly string[]; category: string | null; bodyText: string; locale: Locale }

/**
 * Writes an article's search vector and keeps kb_terms' counts in step, in the caller's
 * transaction. Weights: title and tags A; category and the German compound parts of title and tags
 * B; body C; the body's compound parts D. The terms counted are those of A and C only: compound
 * parts are mostly nonsense and must never become a typo's "correction". An article that changes
 * language moves its counts with it.
 */
export async function indexArticle(tx: Tx, id: number, a: Indexed): Promise<void> {
  const [old] = rowsOf<{ locale: Locale; terms: string[] }>(await tx.execute(sql`
    select locale, to_jsonb(tsvector_to_array(ts_filter(search_vector, '{a,c}'))) as terms from kb_articles where id = ${id}`));
  const cfg = textConfig(a.locale);
  const head = fold(`${a.title} ${a.tags.join(" ")}`, a.locale);
  const body = fold(a.bodyText, a.locale);
  const [now] = rowsOf<{ terms: string[] }>(await tx.execute(sql`
    update kb_articles set search_vector =
      setweight(to_tsvector(${cfg}, ${head}), 'A')
      || setweight(to_tsvector(${cfg}, ${`${fold(a.category ?? "", a.locale).replace(/-/g, " ")} ${compoundText(`${a.title} ${a.tags.join(" ")}`, a.locale)}`}), 'B')
      || setweight(to_tsvector(${cfg}, ${body}), 'C') || setweight(to_tsvector(${cfg}, ${compoundText(a.bodyText, a.locale)}), 'D')
    where id = ${id}
    returning to_jsonb(tsvector_to_array(ts_filter(search_vector, '{a,c}'))) as terms`));
  await countTerms(tx, old?.locale ?? a.locale, old?.terms ?? [], a.locale, now?.terms ?? []);
}

/** The article is going away: its words count no more. */
export async function unindexArticle(tx: Tx, id: number): Promise<void> {
  const [old] = rowsOf<{ locale: Locale; terms: string[] }>(await tx.execute(sql`
    select locale, to_jsonb(tsvector_to_array(ts_filter(search_vector, '{a,c}'))) as terms from kb_articles where id = ${id}`));
  if (old) await countTerms(tx, old.locale, old.terms, old.locale, []);
}

async function countTerms(tx: Tx, oldLocale: Locale, before: string[], locale: Locale, after: string[]) {
  const same = oldLocale === locale;
  const gone = same ? before.filter((t) => !after.includes(t)) : before;
  const added = same ? after.filter((t) => !before.includes(t)) : after;
  if (gone.length) {
    await tx.execute(sql`update kb_terms set docs = docs - 1
      where locale = ${oldLocale} and term in (select jsonb_array_elements_text(${jsonList(gone)}))`);
  }
  if (added.length) {
    await tx.execute(sql`insert into kb_terms (locale, term, docs)
      select ${locale}, t, 1 from jsonb_array_elements_text(${jsonList(added)}) t
      on conflict (locale, term) do update set docs = kb_terms.docs + 1`);
  }
}
