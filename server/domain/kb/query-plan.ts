/**
 * Which of a query's words to search for and how much each counts. A user types a whole problem
 * ("since yesterday my shop shows a red warning that the certificate ran out…"), not keywords:
 * stop words are already gone (the language's text-search config), words no article holds are
 * dropped, and the rest are weighed by rarity (BM25's idf), so "certificate" outweighs "shows".
 * A threshold keeps a query that no article fits from showing anything (a wrong suggestion is
 * noise in the widget).
 */
export type TermKind = "exact" | "corrected" | "part";
/** `prefix`: met as the start of a lexeme (a word found only inside an article's German compound). */
export interface TermStat { term: string; docs: number; kind: TermKind; prefix?: boolean }
export interface PlannedTerm { term: string; weight: number; prefix?: boolean }
export interface QueryPlan { terms: PlannedTerm[]; minScore: number; minMatched: number }

/** At most this many terms go into the SQL: the rarest ones carry the meaning. */
export const MAX_TERMS = 16;
/** A typo's correction or a compound's part is less certain than a word as typed. */
const KIND_FACTOR: Record<TermKind, number> = { exact: 1, corrected: 0.75, part: 0.7 };
/** A match must be worth at least one fairly rare word found in a title ... */
const ABSOLUTE_MIN = 1.5;
/**
 * ... as rare as a knowledge base of this size allows: in a new one with three articles no word
 * is rarer than idf(3, 1) ≈ 0.98, and a fixed 1.5 refused every one-word search ("password" with
 * the article titled so). From about 20 articles per language up the fixed bar holds.
 */
const RARE_SHARE = 0.58;
export const absoluteMin = (articles: number) => Math.min(ABSOLUTE_MIN, RARE_SHARE * idf(articles, 1));
/** ... and more the more words the query has, as a long text meets some words of any article by chance. */
const PER_TERM = 0.12;
/** A description this long that meets an article in one word only is about something else. */
const LONG_QUERY_WORDS = 6;
/** An article matching more of the query's terms gains this much per further term (coordination). */
export const COORDINATION = 0.3;

/** How much a field's match counts (services/kb/search.ts scores with these). */
export const FIELD_FACTOR = { A: 1, B: 0.6, C: 0.4, D: 0.3 } as const;

export const idf = (articles: number, docs: number) => Math.log(1 + (articles - docs + 0.5) / (docs + 0.5));

export function planQuery(stats: readonly TermStat[], articles: number, typedWords: number): QueryPlan {
  const best = new Map<string, PlannedTerm>();
  for (const s of stats) {
    if (s.docs <= 0) continue;
    const weight = idf(articles, s.docs) * KIND_FACTOR[s.kind];
    if ((best.get(s.term)?.weight ?? 0) < weight) best.set(s.term, { term: s.term, weight, ...(s.prefix ? { prefix: true } : {}) });
  }
  const all = [...best.values()].sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  const terms = all.slice(0, MAX_TERMS);
  return { terms, minScore: absoluteMin(articles) + PER_TERM * terms.length, minMatched: typedWords >= LONG_QUERY_WORDS && terms.length > 1 ? 2 : 1 };
}

/** Results far below the best one are noise beside it. */
export const RELATIVE_TO_BEST = 0.3;

/** The most informative terms that choose the candidates; their combinations stay small. */
export const CANDIDATE_TERMS = 6;

/**
 * The boolean queries (tsquery text; `literal` writes one term) that choose which articles are
 * scored at all, strictest first: at least three of the query's CANDIDATE_TERMS most informative
 * terms, then two, then one, then any term. A GIN index answers such a query from its posting
 * lists alone (no weights, no phrases: nothing to recheck in the rows), so the search reads only
 * the rows it will score, however many articles hold the query's words: an article's score rewards
 * matching many terms, the rare ones most (coordination, idf), so the articles that hold several of
 * the rarest terms are the ones that can come first.
 */
export function candidateQueries(terms: readonly PlannedTerm[], literal: (t: PlannedTerm) => string): string[] {
  const top = terms.slice(0, CANDIDATE_TERMS).map(literal);
  const levels: string[] = [];
  for (let need = Math.min(3, top.length); need >= 1; need--) levels.push(atLeast(need, top));
  if (terms.length > top.length) levels.push(atLeast(1, terms.map(literal)));
  return levels;
}

/**
 * "At least `need` of `items`" as a tsquery, factored (the first item and need − 1 of the rest, or
 * need of the rest) rather than every combination spelled out: GIN evaluates the expression once
 * per article that holds any of the items, and this form is a fraction of the size.
 */
export function atLeast(need: number, items: readonly string[]): string {
  if (need <= 1) return items.length > 1 ? `(${items.join(" | ")})` : items[0]!;
  if (need >= items.length) return `(${items.join(" & ")})`;
  return `(${items[0]} & ${atLeast(need - 1, items.slice(1))} | ${atLeast(need, items.slice(1))})`;
}
