import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { intakeLoad, postTicket, sleep, startServerBehindRelay, tally } from "../support/intake-load";
import { hasPostgres } from "../support/databases";

/**
 * A Postgres restart or failover terminates every backend; a load balancer or NAT resets
 * connections. postgres 3.4.9 unpatched dies of it (TypeError in nextWrite from a setImmediate,
 * porsager/postgres#1154), so this runs the real server process and checks that it stays up.
 */
describe.runIf(hasPostgres)("the server under load while its database connections are killed", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

  test("five backend terminations and two connection resets: the process stays up, every answer is 201 or 503, intake heals within 5 s", async () => {
    const { server, relay, databaseName, cleanup } = await startServerBehindRelay();
    cleanups.push(cleanup);
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end());
    const terminate = () => admin<{ n: number }[]>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = ${databaseName} and pid <> pg_backend_pid()`;

    const load = intakeLoad(server.url, 12, 3000, () => server.proc.exitCode === null);
    await sleep(1000);
    const killed: number[] = [];
    for (let round = 0; round < 7; round++) {
      if (round === 2 || round === 5) relay.reset();
      else killed.push((await terminate())[0]!.n);
      await sleep(400);
    }
    const lastFault = Date.now();
    // The load keeps running: the first 201 after the last fault shows the pool healed by itself.
    let healedAt = 0;
    while (!healedAt && Date.now() - lastFault < 10_000) {
      const fresh = load.outcomes.find((o) => o.status === 201 && o.at - o.ms > lastFault);
      if (fresh) healedAt = fresh.at;
      else await sleep(100);
    }
    const outcomes = await load.stop();
    if (process.env.FAULTS_VERBOSE) console.error(JSON.stringify({ tally: tally(outcomes), healedMs: healedAt - lastFault, slow: outcomes.filter((o) => o.ms > 3000).map((o) => [o.status, o.ms, o.at - lastFault, (o.body ?? "").slice(0, 120)]), sinceFault: Date.now() - lastFault }));
    const exitCode = server.proc.exitCode;
    const summary = `outcomes ${JSON.stringify(tally(outcomes))}, backends killed per round ${killed.join(",")}, exit ${exitCode}\n${server.output().slice(-3000)}`;

    expect(exitCode, summary).toBeNull();
    expect(killed.every((n) => n > 0), summary).toBe(true);
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503), summary).toEqual([]);
    expect(outcomes.filter((o) => o.status === 503).every((o) => /"code":"UNAVAILABLE"/.test(o.body ?? "")), summary).toBe(true);
    expect(healedAt, summary).toBeGreaterThan(0);
    expect(healedAt - lastFault, summary).toBeLessThan(5000);
    expect((await postTicket(server.url, 99_999, "multipart")).status).toBe(201);
    expect(server.proc.exitCode).toBeNull();
  }, 60_000);
});
