import { sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { CHANGE_TOPICS, type ChangeTopic } from "../../server/db/change-bus";
import { saveArticle } from "../../server/services/kb/articles";
import { localesWithPublicArticles } from "../../server/services/kb/public-articles";
import { drivers } from "../support/databases";
import { postJson, startTestApp, type TestApp } from "../support/test-app";

/** Resolves once `topic` is announced on `t`'s bus; rejects after a generous bound (a lost notice). */
function heard(t: TestApp, topic: ChangeTopic): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`no ${topic} notice within 10 s`)); }, 10_000);
    const off = t.deps.changes.on(topic, () => { clearTimeout(timer); off(); resolve(); });
  });
}

/**
 * The change bus on each driver (issue 17): whatever writes to a table that some process keeps in
 * memory, the server or a plain SQL session, is announced once its transaction commits.
 */
describe.each(drivers())("change notices on %s", (driver) => {
  const apps: TestApp[] = [];
  afterAll(async () => { for (const t of apps.reverse()) await t.close(); });

  test("a write to each cached table, by any SQL, is announced under its topic", async () => {
    const t = await startTestApp(driver);
    apps.push(t);
    // Statement triggers: even a statement that changes no row says the table may have changed.
    const writes: Record<Exclude<ChangeTopic, "queue">, string> = {
      calendar: "insert into holidays (date, name, created_by) values ('2031-01-02', 'Bus day', 'test')",
      sites: "update sites set name = name where false",
      canned: "update canned_answers set title = title where false",
      kb: "update kb_articles set title = title where false",
    };
    for (const [topic, statement] of Object.entries(writes) as [ChangeTopic, string][]) {
      const notice = heard(t, topic);
      await t.deps.db.execute(sql.raw(statement));
      await notice;
    }
    const queue = heard(t, "queue");
    expect((await postJson(t, "/api/v1/tickets", { email: "bus@example.org", description: "announce me" })).status).toBe(201);
    await queue;
    expect(CHANGE_TOPICS).toHaveLength(5);
  });

  test("a rolled-back change announces nothing; the next committed one is heard", async () => {
    const t = await startTestApp(driver);
    apps.push(t);
    const seen: string[] = [];
    t.deps.changes.on("calendar", () => seen.push("calendar"));
    await t.deps.db.transaction(async (tx) => {
      await tx.execute(sql`insert into holidays (date, name, created_by) values ('2031-01-03', 'Never', 'test')`);
      tx.rollback();
    }).catch(() => {});
    await t.deps.db.execute(sql`insert into holidays (date, name, created_by) values ('2031-01-06', 'Kept', 'test')`);
    // Notices arrive in commit order: once this later one is heard, every earlier one has been.
    const marker = heard(t, "sites");
    await t.deps.db.execute(sql`update sites set name = name where false`);
    await marker;
    expect(seen).toEqual(["calendar"]);
  });

  // Two apps on one database: only a real Postgres is shared (a registered test, never a skipped one).
  if (driver === "postgres") test("an article published through one app is seen by another app's intake at once", async () => {
    const one = await startTestApp("postgres");
    apps.push(one);
    const two = await startTestApp("postgres", { DATABASE_URL: one.deps.config.databaseUrl! });
    apps.push(two);
    const now = new Date();
    expect([...(await localesWithPublicArticles(two.deps.db, now))]).toEqual([]);
    const notice = heard(two, "kb");
    await saveArticle(one.deps, { slug: "bus-article", locale: "en", title: "Bus", body: "Text", category: "bus", visibility: "public" }, "test");
    await notice;
    expect([...(await localesWithPublicArticles(two.deps.db, now))]).toEqual(["en"]);
  });
});
