import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LISTENER_APPLICATION_NAME } from "../../server/db/notice-listener";
import { createPostgresDatabase, hasPostgres } from "../support/databases";
import { startServerProcess, type ServerProcess } from "../support/server-process";

/**
 * Issue 17, acceptance 3: a change made through one server process reaches another at once (the
 * change bus: LISTEN/NOTIFY), and the console's event stream hears of tickets registered through
 * another process. Two real processes on one fresh Postgres database.
 */
const TOKEN = "notify-test-admin-token-0123456789";
/** The bound on how long another process may count with the old calendar. */
const SEEN_WITHIN_MS = 1000;

describe.runIf(hasPostgres)("changes reach every server process on one Postgres", () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let sql: postgres.Sql;

  beforeAll(async () => {
    const db = await createPostgresDatabase();
    cleanups.push(db.drop);
    const secret = randomBytes(32).toString("hex");
    const start = async (name: string) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tidings-notify-${name}-`));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const p = await startServerProcess({
        DATABASE_URL: db.url, DATA_DIR: dataDir, TIDINGS_ADMIN_TOKEN: TOKEN, TIDINGS_SECRET_KEY: secret,
        INTAKE_RATE_LIMIT: "100000", LOG_LEVEL: "warn",
      });
      cleanups.push(() => p.stop());
      return p;
    };
    // One after the other: the first migrates, and the second then finds the triggers in place.
    a = await start("a");
    b = await start("b");
    sql = postgres(db.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => sql.end());
  }, 120_000);
  afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

  const admin = (p: ServerProcess, method: string, url: string, body?: unknown) =>
    fetch(`${p.url}/api/v1${url}`, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  /** The due time of 16 business hours from Monday 09:00, as process `p` counts it on its calendar. */
  const dueOn = async (p: ServerProcess, from: string) => {
    const res = await admin(p, "POST", "/admin/sla/due", { from, businessHours: 16 });
    expect(res.status).toBe(200);
    return ((await res.json()) as { due: string }).due;
  };
  /** Asks `p` until `check` holds or the bound passes; answers whether it held. */
  const within = async (ms: number, check: () => Promise<boolean>) => {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await check()) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  test("a holiday added through A changes the due times B computes within 1 s", async () => {
    const from = "2031-03-03T08:00:00Z"; // a Monday, 09:00 in Berlin
    const before = await dueOn(b, from); // B now holds the calendar in its cache
    expect(before).toBe("2031-03-04T15:00:00.000Z");
    expect((await admin(a, "POST", "/admin/holidays", { date: "2031-03-04", name: "Notice day" })).status).toBe(201);
    expect(await within(SEEN_WITHIN_MS, async () => (await dueOn(b, from)) === "2031-03-05T15:00:00.000Z")).toBe(true);
    // And back: removing it through B reaches A.
    const aBefore = await dueOn(a, from);
    expect(aBefore).toBe("2031-03-05T15:00:00.000Z");
    expect((await admin(b, "DELETE", "/admin/holidays/2031-03-04")).status).toBe(200);
    expect(await within(SEEN_WITHIN_MS, async () => (await dueOn(a, from)) === before)).toBe(true);
  });

  test("a closure added with SQL outside any server (psql, the CLI on DATABASE_URL) reaches both", async () => {
    const from = "2031-04-07T07:00:00Z"; // a Monday, 09:00 in Berlin (summer time)
    const [dueA, dueB] = [await dueOn(a, from), await dueOn(b, from)];
    expect(dueA).toBe(dueB);
    await sql`insert into closures (starts_at, ends_at, name, created_by) values ('2031-04-07T07:00:00Z', '2031-04-08T16:00:00Z', 'Move', 'psql')`;
    expect(await within(SEEN_WITHIN_MS, async () => (await dueOn(a, from)) !== dueA && (await dueOn(b, from)) !== dueB)).toBe(true);
  });

  test("a site's allowed origins and a canned answer changed through A are what B answers next", async () => {
    const created = await admin(a, "POST", "/admin/sites", { name: "Shop", allowedOrigins: ["https://one.example"] });
    expect(created.status).toBe(201);
    const { siteKey } = (await created.json()) as { siteKey: string };
    const widget = (origin: string) => fetch(`${b.url}/api/v1/tickets`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin, "X-Tidings-Site": siteKey },
      body: JSON.stringify({ email: "site@example.org", description: "from the widget" }),
    });
    expect((await widget("https://one.example")).status).toBe(201);
    expect((await admin(a, "PATCH", `/admin/sites/${siteKey}`, { allowedOrigins: ["https://two.example"] })).status).toBe(200);
    expect((await widget("https://one.example")).status).toBe(403);
    expect((await widget("https://two.example")).status).toBe(201);

    const canned = await admin(a, "POST", "/admin/canned", { title: "Notice answer", locale: "en", body: "See {{link}}", category: "docs" });
    expect(canned.status).toBe(201);
    const listed = await admin(b, "GET", "/canned");
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { title: string }[] }).items.map((c) => c.title)).toContain("Notice answer");
  });

  test("after its listening connection is killed, B listens again and still hears of changes", async () => {
    const listeners = () => sql<{ pid: number; query: string; state: string }[]>`
      select pid, query, state from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`;
    const old = (await listeners()).map((l) => l.pid);
    expect(old).toHaveLength(2);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`;
    // Both listen again on new connections (bounded wait: the retry backs off to 2 s at most).
    expect(await within(15_000, async () => {
      const now = await listeners();
      return now.length === 2 && now.every((l) => !old.includes(l.pid) && /^listen/i.test(l.query) && l.state === "idle");
    })).toBe(true);
    const from = "2031-05-05T07:00:00Z"; // a Monday
    const before = await dueOn(b, from);
    expect((await admin(a, "POST", "/admin/holidays", { date: "2031-05-06", name: "After the cut" })).status).toBe(201);
    expect(await within(SEEN_WITHIN_MS, async () => (await dueOn(b, from)) !== before)).toBe(true);
  });

  test("a staff reader of B's event stream hears of a ticket registered through A; others are refused", async () => {
    const ac = new AbortController();
    cleanups.push(() => ac.abort());
    const res = await fetch(`${b.url}/api/v1/queue/events`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = eventReader(res);
    expect(await events.next(10_000)).toBe("ready");
    const ticket = await fetch(`${a.url}/api/v1/tickets`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "sse@example.org", description: "through A" }) });
    expect(ticket.status).toBe(201);
    expect(await events.next(10_000)).toBe("queue");
    // A staff member's work on it through A: its status, then its assignee.
    const { tid } = (await ticket.json()) as { tid: string };
    expect((await admin(a, "POST", `/tickets/${tid}/status`, { status: "open" })).status).toBe(200);
    expect(await events.next(10_000)).toBe("queue");
    expect((await admin(a, "POST", `/tickets/${tid}/assign`, { email: null })).status).toBeLessThan(300);
    expect(await events.next(10_000)).toBe("queue");
    ac.abort();

    expect((await fetch(`${b.url}/api/v1/queue/events`)).status).toBe(401);
    // A client signed in through the portal's link is no staff member.
    expect((await fetch(`${a.url}/api/v1/auth/link`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "sse@example.org" }) })).status).toBe(202);
    const [mail] = await sql<{ text_body: string }[]>`select text_body from outbox where to_address = 'sse@example.org' and kind = 'sign-in' order by id desc limit 1`;
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.text_body)![1]!;
    const signedIn = await fetch(`${b.url}/api/v1/auth/link/consume`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${b.url}/api/v1/queue/events`, { headers: { Cookie: cookie } })).status).toBe(403);
  });
});

/** The names of the events of a text/event-stream answer, one at a time, each awaited within a bound. */
function eventReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(ms: number): Promise<string> {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          if (name) return name;
          continue; // a heartbeat comment
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${ms} ms; got ${JSON.stringify(buffer)}`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), left); }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error("the stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
  };
}
