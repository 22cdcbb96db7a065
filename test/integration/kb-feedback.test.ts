import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import { kbDeflections, kbVotes, tickets } from "../../server/db/schema";
import { saveArticle } from "../../server/services/kb/articles";
import { recordDeflection, recordTicketArticles, recordVote, ticketArticles } from "../../server/services/kb/feedback";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";

/** Votes, deflections and a ticket's articles: what the reports will count (issue 16). */
describe.each(drivers())("kb feedback on %s", (driver) => {
  let t: TestApp;
  let pub = 0;
  let draft = 0;
  beforeAll(async () => {
    t = await startTestApp(driver);
    pub = (await saveArticle(t.deps, { slug: "ssl", locale: "en", title: "SSL", body: "x", visibility: "public" }, "test")).article.id;
    draft = (await saveArticle(t.deps, { slug: "draft", locale: "en", title: "Draft", body: "x" }, "test")).article.id;
  });
  afterAll(async () => { await t?.close(); });

  test("a voter counts once per article (a second vote changes it); a draft cannot be voted on", async () => {
    await recordVote(t.deps, pub, true, "voter-1");
    await recordVote(t.deps, pub, false, "voter-1");
    await recordVote(t.deps, pub, true, "voter-2");
    const votes = await t.deps.db.select({ helpful: kbVotes.helpful }).from(kbVotes).where(eq(kbVotes.articleId, pub)).orderBy(kbVotes.voterKey);
    expect(votes).toEqual([{ helpful: false }, { helpful: true }]);
    await expect(recordVote(t.deps, draft, true, "voter-1")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("deflections are counted, with or without an article", async () => {
    await recordDeflection(t.deps, { articleId: pub, siteId: null, locale: "en" });
    await recordDeflection(t.deps, { articleId: null, siteId: null, locale: "de" });
    expect((await t.deps.db.select({ n: count() }).from(kbDeflections))[0]!.n).toBe(2);
  });

  test("a ticket keeps the articles it met, once per kind; unknown ids are dropped", async () => {
    const fd = new FormData();
    fd.set("email", "client@example.org");
    fd.set("description", "certificate expired");
    const tid = (await answerOf(await t.app.request("/api/v1/tickets", { method: "POST", body: fd }), ticketCreatedSchema)).tid;
    const [{ id: ticketId }] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid)) as [{ id: number }];
    const written = await t.deps.db.transaction((tx) => recordTicketArticles(tx, ticketId, [
      { articleId: pub, kind: "shown" }, { articleId: pub, kind: "opened" }, { articleId: pub, kind: "shown" }, { articleId: 999_999, kind: "shown" },
    ], new Date()));
    expect(written).toBe(2);
    expect((await ticketArticles(t.deps, ticketId)).map((r) => `${r.slug}:${r.kind}`).sort()).toEqual(["ssl:opened", "ssl:shown"]);
  });
});
