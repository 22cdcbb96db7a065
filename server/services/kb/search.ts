import { sql, type SQL } from "drizzle-orm";
import { kbArticlePath, type KbSearchQuery, type KbSearchResult } from "../../../shared/api/kb";
import type { KbAudience, KbSearchSource } from "../../../shared/kb";
import type { Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { kbSearches } from "../../db/schema";
import { COORDINATION, FIELD_FACTOR, RELATIVE_TO_BEST, candidateQueries, planQuery, type PlannedTerm, type QueryPlan, type TermKind, type TermStat } from "../../domain/kb/query-plan";
import { snippet } from "../../domain/kb/snippet";
import { compoundParts, fold, words } from "../../domain/kb/words";
import { editionSql, versionSql, visibleSql } from "./visible-sql";
import { jsonList, textConfig } from "./text-config";

/** A long description is cut to this many distinct words before it reaches SQL. */
const MAX_WORDS = 80;
/** How close a typo must be to an article's word (pg_trgm similarity of the stems). */
const TYPO_SIMILARITY = 0.38;
/** Short words are corrected only when very close: "june" is no typo of "junk", nor "play" of "plan". */
const SHORT_TYPO_SIMILARITY = 0.5;
const SHORT_WORD = 7;
/** A correction may differ in length by this much at most: "back" is no typo of "backup". */
const TYPO_LENGTH = 3;
const QUERY_LOG_CHARS = 500;
/** Counting the articles a compound part is in stops here: past it the part is common anyway. */
const PART_DOCS_CAP = 500;
/** At least this many articles are scored in full (when the query's terms find so many); see candidateQueries. */
const CANDIDATES = 40;
/** Neighbouring pairs of a long description checked for closeness; the first ones carry the problem. */
const MAX_PAIRS = 12;
/** What a pair found within three words adds, times the lighter word's weight. */
const PAIR_BONUS = 0.5;

/**
 * Knowledge-base search (issue 16): the query's words are folded and stemmed with the language's
 * configuration, corrected against the articles' words when no article holds them (pg_trgm),
 * German compounds are split, and the remaining terms weighed by rarity (domain/kb/query-plan.ts).
 * An article scores the sum of its matched terms' weights times where they matched (title and
 * tags above category above body); results below the plan's threshold are not shown at all.
 * Only a few dozen candidates are scored, chosen from the GIN index alone (candidateQueries in
 * domain/kb/query-plan.ts): at 10,000 articles a query's words are in thousands of them, and
 * reading those is what costs. When fewer articles match than that, every one is scored.
 */
export async function searchArticles(
  deps: Pick<Deps, "db" | "now">, q: KbSearchQuery, audience: KbAudience, opts: { source?: KbSearchSource; record?: boolean } = {},
): Promise<{ results: KbSearchResult[] }> {
  const plan = await planFor(deps.db, q.q, q.locale);
  const results = plan.terms.length ? await scored(deps, q, audience, plan) : [];
  if (opts.record !== false) {
    await deps.db.insert(kbSearches).values({
      query: q.q.slice(0, QUERY_LOG_CHARS), locale: q.locale, source: opts.source ?? "api",
      results: results.length, zeroResult: results.length === 0, topArticleId: results[0]?.id ?? null, createdAt: deps.now(),
    });
  }
  return { results: results.map(({ id: _id, ...r }) => r) };
}

/** The query's terms with their weights, and the score an article must reach. */
export async function planFor(db: Db, text: string, locale: Locale): Promise<SearchPlan> {
  const typed = [...new Set(words(fold(text, locale)))].slice(0, MAX_WORDS);
  const input = [
    ...typed.map((w) => ({ w, k: "exact", src: w })),
    ...(locale === "de" ? typed.flatMap((w) => compoundParts(w).map((p) => ({ w: p, k: "part", src: w }))) : []),
  ];
  const cfg = textConfig(locale);
  const rows = rowsOf<{ w: string; src: string; k: TermKind; stem: string; docs: number | null; corrected: string | null; corrected_docs: number | null; articles: number; prefix: boolean | null }>(
    await db.execute(sql`
      with input as (select x->>'w' as w, x->>'k' as k, x->>'src' as src, i from jsonb_array_elements(${jsonList(input)}) with ordinality as e(x, i)),
      stemmed as (select w, k, src, i, (tsvector_to_array(to_tsvector(${cfg}, w)))[1] as stem from input)
      select s.w, s.src, s.stem, coalesce(t.docs, d.docs) as docs, case when t.docs is null and d.docs > 0 then 'part' else s.k end as k, (t.docs is null and d.docs > 0) as prefix,
        c.term as corrected, c.docs as corrected_docs,
        coalesce((select articles from kb_locale_stats where locale = ${locale}), 0) as articles
      from stemmed s
      left join kb_terms t on t.locale = ${locale} and t.term = s.stem and t.docs > 0
      -- A word an article holds only inside a German compound ("verlang" of "verlängern" in "Zertifikatsverlängerung"):
      -- the part was stemmed alone ("verlanger"), so it is met as a prefix.
      -- kb_parts counts articles per part; the articles holding any part of this prefix are taken to be
      -- those of its most common part (they overlap: "verlanger", "verlangerung" come from one compound).
      left join lateral (
        select least(coalesce(max(docs), 0), ${PART_DOCS_CAP}::int)::int as docs from kb_parts
        where ${locale === "de"} and t.term is null and s.k = 'exact' and length(s.stem) >= 5 and locale = ${locale}
          and term ~>=~ s.stem and term ~<~ (s.stem || chr(1114111)) and starts_with(term, s.stem) and docs > 0
      ) d on true
      left join lateral (
        select term, docs from kb_terms
        where t.term is null and coalesce(d.docs, 0) = 0 and s.k = 'exact' and length(s.stem) >= 4 and abs(length(term) - length(s.stem)) <= ${TYPO_LENGTH}::int and locale = ${locale} and docs > 0
          and length(s.stem) >= 5
          and term % s.stem and similarity(term, s.stem) >= case when length(s.stem) < ${SHORT_WORD}::int then ${SHORT_TYPO_SIMILARITY}::float4 else ${TYPO_SIMILARITY}::float4 end
        order by similarity(term, s.stem) desc, docs desc limit 1
      ) c on true
      where s.stem is not null order by s.i`),
  );
  const stats: TermStat[] = [];
  // A compound whose parts the articles hold is no typo: "zurückholen" is zurück + holen, not "zurücksetzen".
  const split = new Set(rows.filter((r) => r.k === "part" && r.docs).map((r) => r.src));
  for (const r of rows) {
    if (r.docs) stats.push({ term: r.stem, docs: Number(r.docs), kind: r.k, prefix: r.prefix === true });
    else if (r.corrected && !split.has(r.w)) stats.push({ term: r.corrected, docs: Number(r.corrected_docs), kind: "corrected" });
  }
  // Neighbours as typed ("connection is not private"): an article that has them close together gains.
  const typedStems = rows.filter((r) => r.w === r.src && r.docs && !r.prefix).map((r) => r.stem);
  const pairs = typedStems.slice(1).map((b, i) => [typedStems[i]!, b] as [string, string]).filter(([a, b]) => a !== b);
  // Words with a stem: the stop words are already gone.
  const meaningful = new Set(rows.filter((r) => typed.includes(r.w)).map((r) => r.w)).size;
  return { ...planQuery(stats, Number(rows[0]?.articles ?? 0), meaningful), pairs: pairs.slice(0, MAX_PAIRS) };
}

/** A tsquery literal of one lexeme, optionally limited to a weight. */
const lexeme = (t: PlannedTerm, weight = "") => `'${t.term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'${t.prefix || weight ? `:${t.prefix ? "*" : ""}${weight}` : ""}`;

type SearchPlan = QueryPlan & { pairs: [string, string][] };

/** Column `fN` of the candidates: where plan term N matched (FIELD_FACTOR of its best field), 0 if nowhere. */
function fieldsSql(plan: SearchPlan): SQL {
  return sql.join(plan.terms.map((t, i) => {
    const at = (w: keyof typeof FIELD_FACTOR) => sql`when kb_articles.search_vector @@ ${lexeme(t, w)}::tsquery then ${FIELD_FACTOR[w]}::float8`;
    // Most terms are absent from most candidates: one test says so, instead of one per field.
    return sql`case when not (kb_articles.search_vector @@ ${lexeme(t)}::tsquery) then 0::float8 ${at("A")} ${at("B")} ${at("C")} ${at("D")} else 0::float8 end as ${sql.raw(`f${i}`)}`;
  }), sql`, `);
}

const field = (i: number) => sql.raw(`kb_articles.f${i}`);

function matchedSql(plan: SearchPlan): SQL {
  return sql.join(plan.terms.map((_, i) => sql`(${field(i)} > 0)::int`), sql` + `);
}

function scoreSql(plan: SearchPlan): SQL {
  const index = new Map(plan.terms.map((t, i) => [t.term, i]));
  const near = plan.pairs.filter(([a, b]) => index.has(a) && index.has(b)).map(([a, b]) => {
    const [x, y] = [lexeme({ term: a, weight: 0 }), lexeme({ term: b, weight: 0 })];
    const within = `${x} <1> ${y} | ${x} <2> ${y} | ${x} <3> ${y}`;
    const [i, j] = [index.get(a)!, index.get(b)!];
    // The phrase test reads positions: only worth it when both words are there at all.
    return sql`case when ${field(i)} = 0 or ${field(j)} = 0 then 0 when kb_articles.search_vector @@ ${within}::tsquery then ${PAIR_BONUS * Math.min(plan.terms[i]!.weight, plan.terms[j]!.weight)}::float8 else 0 end`;
  });
  const parts = [...near, ...plan.terms.map((t, i) => sql`${t.weight}::float8 * ${field(i)}`)];
  return sql.join(parts, sql` + `);
}

async function scored(deps: Pick<Deps, "db" | "now">, q: KbSearchQuery, audience: KbAudience, plan: SearchPlan) {
  const filters = sql`locale = ${q.locale} and ${visibleSql(audience, deps.now())}
    ${q.edition ? sql`and ${editionSql(q.edition)}` : sql``} ${q.version ? sql`and ${versionSql(q.version)}` : sql``}`;
  const cap = Math.max(CANDIDATES, 4 * q.limit);
  // Strictest level first; a level is read only while the ones before it found fewer than `cap`
  // (Append runs its branches in turn and the limit stops it), and a later level repeats some of an
  // earlier one's articles, hence the distinct.
  const chosen = sql.join(candidateQueries(plan.terms, (t) => lexeme(t)).map((tq) => sql`(select id from kb_articles where search_vector @@ ${tq}::tsquery and ${filters})`), sql` union all `);
  const rows = rowsOf<{ id: number; slug: string; title: string; category: string | null; body_text: string; score: number; matched: number }>(await deps.db.execute(sql`
    with chosen as materialized (select distinct id from (${chosen} limit ${cap}) found),
    -- The candidates' vectors are copied once (|| builds a new, plain value): scored from kb_articles
    -- itself, each of the score's many @@ tests would decompress the stored vector again.
    kb_candidates as materialized (
      select id, search_vector || ''::tsvector as search_vector from kb_articles where id in (select id from chosen)
    ),
    -- Each term's field once per candidate (materialized: inlined, every use would test again).
    kb_fields as materialized (select id, search_vector, ${fieldsSql(plan)} from kb_candidates as kb_articles),
    best as (
      select id, score * (1 + ${COORDINATION}::float8 * (matched - 1)) as score, matched from (
        select id, (${scoreSql(plan)}) as score, (${matchedSql(plan)}) as matched from kb_fields as kb_articles
      ) scored order by 2 desc, id limit ${q.limit}
    )
    select a.id, a.slug, a.title, a.category, a.body_text, best.score, best.matched
    from best join kb_articles a on a.id = best.id order by best.score desc, best.id`));
  const top = Number(rows[0]?.score ?? 0);
  const stems = plan.terms.map((t) => t.term);
  return rows
    .filter((r) => Number(r.score) >= plan.minScore && Number(r.matched) >= plan.minMatched && Number(r.score) >= RELATIVE_TO_BEST * top)
    .map((r) => ({
      id: Number(r.id), slug: r.slug, title: r.title, category: r.category, url: kbArticlePath(q.locale, r.slug),
      snippet: snippet(r.body_text, stems, q.locale), score: Math.round(Number(r.score) * 1000) / 1000,
    }));
}
