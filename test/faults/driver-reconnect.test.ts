import net from "node:net";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { createPostgresDatabase, hasPostgres } from "../support/databases";
import { relayedDatabase } from "../support/tcp-proxy";

/**
 * What the postgres.js patch (patches/postgres+3.4.9.patch, closed()) is for: a query must
 * never outlive the socket it was sent on. Unpatched, a connection reset let the pool hand the
 * dying connection a query between the socket's 'error' and its 'close'; nothing rejected it,
 * and the next connection's startup resolved it with an empty result (in CI a rate-limit count
 * came back empty and a client got 429 under a limit of a million). A backend terminated
 * mid-query likewise left its FATAL behind, and the first query on the new connection failed
 * with it.
 */
describe.runIf(hasPostgres)("the database driver across a lost connection", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

  test("a query handed to a connection between its reset and its close fails; it is never answered with no rows", async () => {
    const db = await relayedDatabase();
    cleanups.push(() => db.drop());
    const sockets: net.Socket[] = [];
    const url = new URL(db.url);
    const sql = postgres(db.url, {
      max: 1,
      onnotice: () => {},
      // The driver's own socket, kept so the test can act on its 'error' event.
      socket: () => {
        const s = net.connect(Number(url.port), url.hostname);
        sockets.push(s);
        return s;
      },
    } as postgres.Options<Record<string, postgres.PostgresType>>);
    cleanups.push(() => sql.end({ timeout: 1 }));
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);

    let inWindow: Promise<unknown> | null = null;
    // Registered after the driver's own listener: it runs once the driver has seen the error,
    // while the connection is still in the pool's open queue.
    sockets[0]!.once("error", () => { inWindow = sql`select 2 as two`.then((rows) => rows, (e: unknown) => e); });
    db.relay.reset();
    const deadline = Date.now() + 5000;
    while (!inWindow && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(inWindow, "the reset reached the driver as a socket error").not.toBeNull();

    // The next query opens a new connection; it must succeed, and the one in the window must
    // have failed rather than come back empty.
    expect(await sql`select 3 as three`).toEqual([{ three: 3 }]);
    const outcome = await inWindow!;
    if (Array.isArray(outcome)) expect(outcome).toEqual([{ two: 2 }]);
    else expect((outcome as { code?: string }).code).toBe("CONNECTION_CLOSED");
  }, 20_000);

  test("after a backend is terminated mid-query, the next query runs on a new connection and succeeds", async () => {
    const db = await createPostgresDatabase();
    cleanups.push(() => db.drop());
    const sql = postgres(db.url, { max: 1, onnotice: () => {}, connection: { application_name: "driver-reconnect-test" } });
    cleanups.push(() => sql.end({ timeout: 1 }));
    const admin = postgres(db.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 1 }));

    const sleeping = sql`select pg_sleep(10)`.then(() => null, (e: unknown) => e);
    let terminated = 0;
    const deadline = Date.now() + 5000;
    while (!terminated && Date.now() < deadline) {
      const [row] = await admin<{ n: number }[]>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name = 'driver-reconnect-test' and state = 'active'`;
      terminated = row?.n ?? 0;
      if (!terminated) await new Promise((r) => setTimeout(r, 20));
    }
    expect(terminated).toBe(1);
    expect(await sleeping).toBeInstanceOf(Error);
    expect(await sql`select 4 as four`).toEqual([{ four: 4 }]);
  }, 20_000);
});
