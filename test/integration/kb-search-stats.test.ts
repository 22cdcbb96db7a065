import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rowsOf } from "../../server/db/rows";
import { deleteArticle, saveArticle } from "../../server/services/kb/articles";
import { planFor } from "../../server/services/kb/search";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The search weighs words by the counts in kb_terms, kb_parts and kb_locale_stats
 * (services/kb/index-article.ts) instead of reading the articles: after creating, editing and
 * deleting articles the counts are exactly what the articles' vectors say.
 */
describe.each(drivers())("kb search statistics on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); }, 60_000);
  afterAll(async () => { await t?.close(); });

  const counted = async () => rowsOf<{ kind: string; locale: string; term: string; docs: number }>(await t.deps.db.execute(sql`
    select 'term' as kind, locale, term, docs from kb_terms where docs > 0
    union all select 'part', locale, term, docs from kb_parts where docs > 0
    union all select 'articles', locale, '', articles from kb_locale_stats where articles > 0
    order by 1, 2, 3`));
  const recomputed = async () => rowsOf<{ kind: string; locale: string; term: string; docs: number }>(await t.deps.db.execute(sql`
    select 'term' as kind, locale, lexeme as term, count(*)::int as docs from kb_articles, unnest(tsvector_to_array(ts_filter(search_vector, '{a,c}'))) lexeme group by 1, 2, 3
    union all select 'part', locale, lexeme, count(*)::int from kb_articles, unnest(tsvector_to_array(ts_filter(search_vector, '{b,d}'))) lexeme group by 1, 2, 3
    union all select 'articles', locale, '', count(*)::int from kb_articles group by 1, 2, 3
    order by 1, 2, 3`));

  test("creating, editing and deleting articles keeps every count exact", async () => {
    const base = { category: "ssl", tags: ["ssl"], visibility: "public" as const };
    await saveArticle(t.deps, { ...base, slug: "renew", locale: "de", title: "Zertifikatsverlängerung schlägt fehl", body: "Die Verlängerung des Zertifikats scheitert." }, "test");
    await saveArticle(t.deps, { ...base, slug: "mailbox", locale: "de", title: "Postfachgröße erhöhen", body: "Das Postfach ist voll." }, "test");
    await saveArticle(t.deps, { ...base, slug: "renew", locale: "en", title: "Certificate renewal fails", body: "The certificate does not renew." }, "test");
    expect(await counted()).toEqual(await recomputed());
    await saveArticle(t.deps, { ...base, slug: "renew", locale: "de", title: "Zertifikatserneuerung schlägt fehl", body: "Der Webserver antwortet nicht." }, "test");
    expect(await counted()).toEqual(await recomputed());
    await deleteArticle(t.deps, "de", "mailbox", "test");
    expect(await counted()).toEqual(await recomputed());
    expect((await counted()).filter((r) => r.kind === "articles")).toEqual([{ kind: "articles", locale: "de", term: "", docs: 1 }, { kind: "articles", locale: "en", term: "", docs: 1 }]);
  });

  test("a word held only inside a compound is found by prefix through kb_parts", async () => {
    // "Erneuerung" is in no article as a word, only inside "Zertifikatserneuerung".
    const plan = await planFor(t.deps.db, "Erneuerung", "de");
    expect(plan.terms.filter((p) => p.prefix).map((p) => p.term)).toEqual([expect.stringMatching(/^erneu/)]);
  });
});
