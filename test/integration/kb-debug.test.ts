import { test } from "vitest";
import { saveArticle } from "../../server/services/kb/articles";
import { planFor, searchArticles } from "../../server/services/kb/search";
import { startTestApp } from "../support/test-app";
import { KB_CORPUS } from "../fixtures/kb-corpus";
test("debug", async () => {
  const t = await startTestApp("pglite");
  for (const a of KB_CORPUS) await saveArticle(t.deps, a, "test");
  for (const [q, l] of (process.env.QS ?? "").split("||").map((s) => s.split("@@") as [string, "en" | "de"])) {
    const p = await planFor(t.deps.db, q, l ?? "en");
    const r = await searchArticles(t.deps, { q, locale: l ?? "en", limit: 5 }, "public", { record: false });
    console.log(q, JSON.stringify(p), r.results.map((x) => `${x.slug}:${x.score}`));
  }
  await t.close();
}, 60000);
