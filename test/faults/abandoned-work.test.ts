import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deadlineClient, isCommitOutcomeUnknown, withDatabaseBudget } from "../../server/db/deadline";
import { isDatabaseUnavailable } from "../../server/db/unavailable";
import { createPostgresDatabase, hasPostgres } from "../support/databases";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A 503 that says "nothing was saved" must be true: what a caller gave up on at its deadline may
 * not be written afterwards, not by a transaction that runs on, nor by a query still queued.
 */
describe.runIf(hasPostgres)("work given up on at the deadline leaves nothing behind", () => {
  let drop: () => Promise<void>;
  let raw: postgres.Sql;
  let sql: postgres.Sql;
  const rows = async () => (await raw`select n from marks order by n`).map((r) => r.n as number);
  beforeAll(async () => {
    const db = await createPostgresDatabase();
    drop = db.drop;
    raw = postgres(db.url, { max: 1, onnotice: () => {} });
    sql = deadlineClient(raw);
    await raw`create table marks (n int)`;
  });
  afterAll(async () => {
    await raw?.end();
    await drop?.();
  });

  test("a transaction past the deadline fails at once, then rolls back instead of committing", async () => {
    await raw`truncate marks`;
    const started = Date.now();
    const outcome = await withDatabaseBudget(300, () => sql.begin(async (tx) => {
      await tx.unsafe("insert into marks values (1)");
      await tx.unsafe("select pg_sleep(0.6)");
      await tx.unsafe("insert into marks values (2)");
    })).catch((e: { code?: string }) => e);
    expect((outcome as { code?: string }).code).toBe("DATABASE_DEADLINE");
    expect(Date.now() - started).toBeLessThan(550);
    await sleep(800);
    expect(await rows()).toEqual([]);
  });

  test("a transaction whose work ends just after the deadline is not committed", async () => {
    await raw`truncate marks`;
    const outcome = await withDatabaseBudget(300, () => sql.begin(async (tx) => {
      await tx.unsafe("insert into marks values (3)");
      await tx.unsafe("select pg_sleep(0.5)");
    })).catch((e: { code?: string }) => e);
    expect((outcome as { code?: string }).code).toBe("DATABASE_DEADLINE");
    await sleep(700);
    expect(await rows()).toEqual([]);
  });

  test("a query still waiting for a connection at the deadline never runs", async () => {
    await raw`truncate marks`;
    // The one connection is held by a transaction for 0.6 s, outside any budget.
    const busy = raw.begin((tx) => tx`select pg_sleep(0.6)`);
    await sleep(50);
    const outcome = await withDatabaseBudget(200, () => sql.unsafe("insert into marks values (4)")).catch((e: { code?: string }) => e);
    expect((outcome as { code?: string }).code).toBe("DATABASE_DEADLINE");
    await busy;
    await sleep(200);
    expect(await rows()).toEqual([]);
  });

  test("a write already on the wire at the deadline may still run: the error says the outcome is unknown", async () => {
    await raw`truncate marks`;
    // Pipelined behind a slow statement on the one connection, so already sent.
    const busy = raw`select pg_sleep(0.6)`.execute();
    const outcome = await withDatabaseBudget(200, () => sql.unsafe("insert into marks values (7)")).catch((e: unknown) => e);
    expect(isCommitOutcomeUnknown(outcome)).toBe(true);
    expect(isDatabaseUnavailable(outcome)).toBe(true);
    await busy;
    await sleep(200);
    expect(await rows()).toEqual([7]);
  });

  test("within the budget everything is written as usual", async () => {
    await raw`truncate marks`;
    await withDatabaseBudget(2000, () => sql.begin(async (tx) => {
      await tx.unsafe("insert into marks values (5)");
    }));
    await withDatabaseBudget(2000, () => sql.unsafe("insert into marks values (6)"));
    expect(await rows()).toEqual([5, 6]);
  });
});
