import postgres from "postgres";
import { openDatabase } from "../server/db/client";
import { saveArticle } from "../server/services/kb/articles";
import { searchArticles } from "../server/services/kb/search";
import { createLogger } from "../server/log";
import type { KbArticleInputRaw } from "../shared/api/kb";
import { KB_CORPUS } from "../test/fixtures/kb-corpus";
import { KB_QUERIES } from "../test/fixtures/kb-queries";
import { createDatabase, postgresSetting } from "./lib/postgres";
import { interleaved } from "./lib/interleave";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";
import { goal, metric } from "./lib/results";
import { num, progress } from "./lib/table";
import { percentile } from "./queue";

const ARTICLES = 10_000;
const POOL = 10;

/**
 * Knowledge-base search at 10,000 articles on Postgres (issue 16, acceptance 2): p95 of
 * searchArticles over the relevance test's queries (keywords, typos, German, 50-word descriptions,
 * filters), beside a bare full-text query on the same stored vector and GIN index (OR of the query's
 * lexemes, ts_rank, LIMIT 5) through postgres.js. The articles are the relevance corpus, varied:
 * each generated one mixes the sentences of three corpus articles of its language.
 */
export const kbBench = defineBenchmark({ name: "kb", summary: "p95 ms of kb search over 10,000 articles vs a bare ts_rank query", rounds: 5 }, run);

export function generated(n: number): KbArticleInputRaw[] {
  const out: KbArticleInputRaw[] = [];
  for (let i = 0; i < n; i++) {
    const base = KB_CORPUS[i % KB_CORPUS.length]!;
    const same = KB_CORPUS.filter((a) => a.locale === base.locale);
    const others = [same[(i * 7) % same.length]!, same[(i * 13) % same.length]!];
    out.push({ ...base, slug: `${base.slug}-${i}`, title: `${base.title} (${i % 97})`, body: [base.body, ...others.map((o) => o.body.split(". ").slice(0, 2).join(". "))].join("\n\n"), translationKey: null });
  }
  return out;
}

async function run({ rounds, undo }: RunScope): Promise<Measured> {
  const db = await createDatabase("kb");
  undo.push(() => db.drop());
  const database = await openDatabase({ url: db.url, max: POOL });
  undo.push(() => database.close());
  const deps = { db: database.db, now: () => new Date(), log: createLogger("warn") };
  const t0 = performance.now();
  const articles = generated(ARTICLES);
  for (let i = 0; i < articles.length; i++) {
    await saveArticle(deps, articles[i]!, "bench");
    if (i % 1000 === 999) progress(`kb seeded ${i + 1}`);
  }
  const seedSeconds = Math.round((performance.now() - t0) / 1000);
  const sql = postgres(db.url, { max: POOL, onnotice: () => {} });
  undo.push(() => sql.end({ timeout: 5 }));
  await sql`analyze`;

  const queries = KB_QUERIES.map((q) => ({ q: q.q, locale: q.locale ?? "en", limit: 5, edition: q.edition, version: q.version }));
  const bare = (q: (typeof queries)[number]) => {
    const cfg = q.locale === "de" ? "german" : "english";
    return sql`
      with query as (select to_tsquery(${cfg}::regconfig, coalesce(nullif(array_to_string(tsvector_to_array(to_tsvector(${cfg}::regconfig, ${q.q})), ' | '), ''), 'x_nothing_x')) as tq)
      select slug from kb_articles, query where locale = ${q.locale} and visibility = 'public' and search_vector @@ tq
      order by ts_rank(search_vector, tq) desc, id limit 5`;
  };
  const round = (call: (q: (typeof queries)[number]) => Promise<unknown>) => async () => {
    const times: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      await call(q);
      times.push(performance.now() - s);
    }
    return times;
  };
  const runs = await interleaved("kb", {
    ours: round((q) => searchArticles(deps, q, "public", { record: false })),
    baseline: round((q) => bare(q)),
  }, { rounds, pauseMs: 200, describe: (t) => `p50 ${num(percentile(t, 50))} ms p95 ${num(percentile(t, 95))} ms (${t.length} queries)` });
  const per = (side: number[][], p: number) => side.map((t) => percentile(t, p));
  const metrics = [
    metric("p95", "search p95", "ms", "lower", per(runs.ours, 95), per(runs.baseline, 95)),
    metric("p50", "search p50", "ms", "lower", per(runs.ours, 50), per(runs.baseline, 50)),
  ];
  return {
    title: `knowledge-base search over ${ARTICLES.toLocaleString("en-US")} articles (issue 16, acceptance 2)`,
    oursLabel: "searchArticles (server/services/kb/search.ts): two statements, term statistics, typo correction, GIN-chosen candidates, weighted score, snippets",
    baselineLabel: "bare SQL: OR of the query's lexemes on the same search_vector GIN index, ts_rank, LIMIT 5, through postgres.js",
    metrics,
    goals: [goal(metrics, { text: "search p95 ≤ 20 ms", metric: "p95", of: "ours", atMost: 20 })],
    settings: { articles: ARTICLES, queries: queries.length, rounds, seedSeconds, postgres: await postgresSetting() },
    checks: {},
  };
}
