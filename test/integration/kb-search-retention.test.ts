import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { asc } from "drizzle-orm";
import { kbSearches } from "../../server/db/schema";
import { startJobs } from "../../server/jobs/runner";
import { deleteOldSearches, kbSearchRetentionJob } from "../../server/jobs/kb-search-retention";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";

const DAY = 86_400_000;

/** The search log keeps KB_SEARCH_RETENTION_DAYS (issue 16); the periodic job deletes what is older. */
describe.each(drivers())("the knowledge base's search log on %s", (driver) => {
  let t: TestApp;
  const now = Date.parse("2026-06-01T12:00:00Z");
  beforeAll(async () => {
    t = await startTestApp(driver, { KB_SEARCH_RETENTION_DAYS: "30" });
    t.deps.now = () => new Date(now);
  });
  afterAll(async () => { await t?.close(); });

  const search = async (q: string, daysAgo: number) => {
    t.deps.now = () => new Date(now - daysAgo * DAY);
    expect((await t.app.request(`/api/v1/kb/search?${new URLSearchParams({ q })}`)).status).toBe(200);
    t.deps.now = () => new Date(now);
  };

  test("searches older than the retention are deleted by the periodic job; the newer ones stay", async () => {
    await search("forty days ago", 40);
    await search("thirty-one days ago", 31);
    await search("twenty-nine days ago", 29);
    await search("today", 0);
    const jobs = startJobs(t.deps, [kbSearchRetentionJob(60_000)]);
    await expect.poll(async () => (await t.deps.db.select({ q: kbSearches.query }).from(kbSearches).orderBy(asc(kbSearches.id))).map((r) => r.q))
      .toEqual(["twenty-nine days ago", "today"]);
    await jobs.stop();
    expect(await deleteOldSearches(t.deps)).toBe(0);
  });

  test("the log keeps no email address or phone number, whoever writes it", async () => {
    await search("Mail from anna.schmidt+shop@example.de about 0171 2345678 and +49 (30) 123 4567 on 24.1.3", 0);
    await t.deps.db.insert(kbSearches).values({ query: "contact bob@example.com", locale: "en", results: 0, zeroResult: true });
    const rows = (await t.deps.db.select({ q: kbSearches.query }).from(kbSearches).orderBy(asc(kbSearches.id))).map((r) => r.q);
    expect(rows.slice(-2)).toEqual(["Mail from [email] about [number] and [number] on 24.1.3", "contact [email]"]);
  });
});
