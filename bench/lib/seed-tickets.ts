import { spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { searchText } from "../../server/domain/search-text";
import { createDatabase, serverUrl } from "./postgres";

/** CONTRACT §8: the queue is measured with this many tickets stored. */
export const TICKETS = 1_000_000;
export const REQUESTERS = 50_000;
/** Tickets per INSERT … SELECT: a few large statements, each a progress line. */
const CHUNK = 250_000;
/** tid_seq starts here (server/db/schema.ts); seeded TIDs take the next TICKETS values. */
const TID_SEQUENCE_START = 100_001;

export interface SeededTickets {
  /** postgres:// URL of the seeded database. */
  url: string;
  name: string;
  tickets: number;
  requesters: number;
  /** Tickets the queue shows (status new, open, pending-client or in-development) and the urgent ones among them. */
  active: number;
  activeUrgent: number;
  seconds: { migrate: number; requesters: number; tickets: number; analyze: number; total: number };
}

let memo: Promise<SeededTickets> | null = null;

/**
 * A fresh database, migrated by openDatabase like the server's, holding REQUESTERS requesters and
 * TICKETS tickets. Seeded once per process, so `npm run bench` with both `queue` and `console`
 * fills it once; it is dropped when the process exits (on Ctrl-C, createDatabase's lib/cleanup.ts
 * hook drops it first).
 * Nothing survives the run: BENCH_KEEP_DB=1 keeps the database and prints its URL, for looking at
 * plans by hand (drop it yourself).
 */
export function seededTickets(): Promise<SeededTickets> {
  memo ??= seed().catch((e: unknown) => {
    memo = null;
    throw e;
  });
  return memo;
}

async function seed(): Promise<SeededTickets> {
  const started = performance.now();
  const lap = (() => {
    let t = started;
    return () => {
      const now = performance.now();
      const s = (now - t) / 1000;
      t = now;
      return Math.round(s * 10) / 10;
    };
  })();
  const say = (line: string) => process.stderr.write(`  · seed: ${line}\n`);

  const db = await createDatabase("tickets");
  const keep = process.env.BENCH_KEEP_DB === "1";
  if (keep) say(`BENCH_KEEP_DB=1: keeping ${db.url}`);
  else dropAtExit(db.name);
  try {
    // Imported here so that the drop-at-exit path and `--list` do not load the server.
    const { openDatabase } = await import("../../server/db/client");
    await (await openDatabase({ url: db.url, max: 1 })).close();
    const migrate = lap();
    say(`${db.name} created and migrated (${migrate} s)`);

    const sql = postgres(db.url, { max: 1, onnotice: () => {}, connection: { application_name: "tidings-bench-seed" } });
    try {
      await assertFillable(sql);
      // One session: setseed makes random() repeat, so every run measures the same data.
      await sql.unsafe("set synchronous_commit = off");
      await sql.unsafe("select setseed(0.4711)");
      await sql.unsafe(`
        insert into requesters (email, name, created_at)
        select 'customer-' || i || '@example.com', 'Customer ' || i, now() - interval '3 years'
        from generate_series(1, ${REQUESTERS}) as i`);
      const [ids] = await sql<{ lo: string; hi: string }[]>`select min(id)::text as lo, max(id)::text as hi from requesters`;
      if (Number(ids!.lo) !== 1 || Number(ids!.hi) !== REQUESTERS) throw new Error(`requester ids ${ids!.lo}..${ids!.hi}, expected 1..${REQUESTERS}`);
      const requesters = lap();
      say(`${REQUESTERS.toLocaleString("en-US")} requesters (${requesters} s)`);

      for (let from = 1; from <= TICKETS; from += CHUNK) {
        const to = Math.min(TICKETS, from + CHUNK - 1);
        const t0 = performance.now();
        await sql.unsafe(ticketsInsert(from, to));
        say(`tickets ${from.toLocaleString("en-US")}..${to.toLocaleString("en-US")} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      }
      // Intake after the seed goes on where the seeded TIDs stop.
      await sql.unsafe(`select setval('tid_seq', ${TID_SEQUENCE_START + TICKETS - 1})`);
      const tickets = lap();

      // What autovacuum would have done on a database that grew over three years: statistics for
      // the planner, and hint bits where no older snapshot is open.
      await sql.unsafe("vacuum (analyze) requesters, tickets");
      const analyze = lap();
      say(`vacuum (analyze) (${analyze} s)`);

      const [counts] = await sql<{ tickets: number; active: number; active_urgent: number }[]>`
        select count(*)::int as tickets,
               count(*) filter (where status in ('new','open','pending-client','in-development'))::int as active,
               count(*) filter (where urgent and status in ('new','open','pending-client','in-development'))::int as active_urgent
        from tickets`;
      if (counts!.tickets !== TICKETS) throw new Error(`seeded ${counts!.tickets} tickets, expected ${TICKETS}`);
      const total = Math.round((performance.now() - started) / 100) / 10;
      say(`${TICKETS.toLocaleString("en-US")} tickets, ${counts!.active.toLocaleString("en-US")} in the queue (${counts!.active_urgent} urgent); ${total} s in all`);
      return {
        url: db.url,
        name: db.name,
        tickets: counts!.tickets,
        requesters: REQUESTERS,
        active: counts!.active,
        activeUrgent: counts!.active_urgent,
        seconds: { migrate, requesters, tickets, analyze, total },
      };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (e) {
    if (!keep) await db.drop().catch(() => {});
    throw e;
  }
}

/**
 * Fails with the column's name when the schema gained a NOT NULL column without a default that
 * the INSERT below does not fill: better than a constraint error in the middle of seeding.
 */
async function assertFillable(sql: postgres.Sql): Promise<void> {
  const rows = await sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and table_name in ('tickets', 'requesters')
      and is_nullable = 'NO' and column_default is null and is_generated = 'NEVER'`;
  const filled: Record<string, string[]> = {
    requesters: ["email"],
    tickets: [...TICKET_COLUMNS],
  };
  const missing = rows.filter((r) => !filled[r.table_name]!.includes(r.column_name));
  if (missing.length) {
    throw new Error(`bench/lib/seed-tickets.ts does not fill ${missing.map((m) => `${m.table_name}.${m.column_name}`).join(", ")} (NOT NULL, no default): add it to the seed`);
  }
}

const TICKET_COLUMNS = [
  "tid", "status", "channel", "requester_id", "subject", "description", "search_text", "steps", "url", "product_version", "edition",
  "urgent", "locale", "closed_at", "sla_level", "received_at", "response_target_at", "response_due_at",
  "first_response_at", "sla_started_at", "target_warned_at", "breached_at", "breached", "created_at", "updated_at",
] as const;

const SUBJECTS = [
  "PDF export produces an empty page",
  "Cannot log in after the update",
  "Invoice totals rounded wrongly",
  "Widget does not open on mobile",
  "Import of customer list stops at 80 %",
  "Mails to customers end up in spam",
  "Licence key not accepted",
  "Slow search in the product catalogue",
];

const DESCRIPTIONS = [
  "Since the update to the latest version the PDF export of invoices produces an empty page. It worked before; the server log has a warning about a missing font.",
  "After updating, our staff cannot sign in any more. The login form reloads without an error message. Clearing the browser cache did not help.",
  "The invoice total differs by one cent from the sum of the lines when a discount is applied. Our accountant needs this fixed before the month-end run.",
  "On phones the help button shows but nothing happens when it is tapped. Desktop browsers work. We tested Safari on iOS 17 and Chrome on Android 14.",
  "Importing our customer list (12,000 rows, CSV, UTF-8) stops at about 80 % with a timeout. Smaller files import fine.",
];

/**
 * search_text as the server writes it (server/domain/search-text.ts). The seeded descriptions are
 * short, single-spaced and quote nothing, so it is subject and description joined; checked here so
 * that a description added later that breaks this fails the seed rather than store what the server never would.
 */
function searchTextSql(): string {
  for (const subject of SUBJECTS) {
    for (const description of DESCRIPTIONS) {
      if (searchText(subject, description) !== `${subject}\n${description}`) {
        throw new Error(`seed description needs the full search_text rule: ${description.slice(0, 40)}…`);
      }
    }
  }
  return "subject || E'\\n' || description";
}

/** Damm check digit of a 7-digit, zero-padded decimal string, unrolled (leading zeros do not change it). */
function dammSql(digits: string): string {
  const table = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
  ].flat();
  const t = `'{${table.join(",")}}'::int[]`;
  let interim = "0";
  for (let k = 1; k <= 7; k++) interim = `(${t})[(${interim}) * 10 + substr(${digits}, ${k}, 1)::int + 1]`;
  return interim;
}

const lit = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")}]`;

/**
 * Tickets from..to, as a desk that ran three years would hold them: received in order over the
 * last three years (a minute of jitter), ~85 % resolved or closed, the rest new, open,
 * pending-client or in development; ~2 % urgent; levels, channels and locales mixed; response
 * times filled and the SLA watch's warnings and breaches set where the times have passed. The
 * due times are calendar approximations (target/maximum hours after receipt), not business time:
 * the queue orders by urgency and receipt and only shows them. Instants have millisecond precision,
 * as everything the server writes comes from a JS Date (and the queue's cursor carries milliseconds).
 */
function ticketsInsert(from: number, to: number): string {
  const span = "interval '3 years'";
  return `
    insert into tickets (${TICKET_COLUMNS.join(", ")})
    select
      seq || ${dammSql("lpad(seq, 7, '0')")}, status, channel, requester_id, subject, description, ${searchTextSql()}, steps, url,
      product_version, edition, urgent, locale, closed_at, sla_level, received_at, target_at, due_at,
      first_response_at, sla_started_at,
      case when target_at < coalesce(first_response_at, now()) then target_at end,
      case when due_at < coalesce(first_response_at, now()) then due_at end,
      due_at < coalesce(first_response_at, now()),
      received_at,
      coalesce(closed_at, first_response_at, received_at)
    from (
      select *,
        case when level = 'development' then sla_started_at + interval '14 days'
             else received_at + target_hours * interval '1 hour' end as target_at,
        case when level = 'development' then sla_started_at + interval '14 days'
             else received_at + max_hours * interval '1 hour' end as due_at,
        case when status = 'new' then null
             else date_trunc('milliseconds', received_at + (0.1 + r_response * 1.3) * max_hours * interval '1 hour') end as first_response_at,
        case when status = 'closed' then date_trunc('milliseconds', received_at + (2 + r_response * 10) * interval '1 day') end as closed_at,
        level as sla_level
      from (
        select *,
          case when level = 'development' then date_trunc('milliseconds', received_at + (1 + r_response * 5) * interval '1 day')
               else received_at end as sla_started_at,
          case level when 'partner-self-hosted' then 12 when 'commercial-self-hosted' then 12
                     when 'partner-cloud' then 8 when 'commercial-cloud' then 8
                     when 'non-commercial-self-hosted' then 24 when 'non-commercial-cloud' then 16
                     else 72 end as target_hours,
          case level when 'partner-self-hosted' then 24 when 'commercial-self-hosted' then 24
                     when 'partner-cloud' then 16 when 'commercial-cloud' then 16
                     when 'non-commercial-self-hosted' then 48 when 'non-commercial-cloud' then 32
                     else 72 end as max_hours,
          case when level like '%-cloud' then 'cloud' when level like '%-self-hosted' then 'self-hosted' end as edition
        from (
          select *,
            (${TID_SEQUENCE_START - 1} + i)::text as seq,
            date_trunc('milliseconds', now() - ${span} + (i - 1) * (${span} / ${TICKETS}) + (r_jitter - 0.5) * interval '1 minute') as received_at,
            case when r_status < 0.40 then 'closed' when r_status < 0.85 then 'resolved'
                 when r_status < 0.88 then 'new' when r_status < 0.935 then 'open'
                 when r_status < 0.975 then 'pending-client' else 'in-development' end as status,
            case when r_status >= 0.975 then 'development'
                 when r_level < 0.05 then 'partner-self-hosted' when r_level < 0.10 then 'partner-cloud'
                 when r_level < 0.25 then 'commercial-self-hosted' when r_level < 0.45 then 'commercial-cloud'
                 when r_level < 0.70 then 'non-commercial-self-hosted' when r_level < 0.95 then 'non-commercial-cloud'
                 else 'non-product' end as level,
            case when r_channel < 0.45 then 'widget' when r_channel < 0.75 then 'email'
                 when r_channel < 0.90 then 'portal' else 'api' end as channel,
            1 + floor(r_requester * ${REQUESTERS})::bigint as requester_id,
            (${lit(SUBJECTS)})[1 + floor(r_text * ${SUBJECTS.length})::int] as subject,
            (${lit(DESCRIPTIONS)})[1 + floor(r_text2 * ${DESCRIPTIONS.length})::int] as description,
            case when r_text2 < 0.5 then E'1. Open the page\\n2. Click the button\\n3. Nothing happens' end as steps,
            case when r_channel < 0.45 then 'https://shop' || (i % 997) || '.example.com/admin' end as url,
            case when r_channel < 0.90 then '24.' || floor(r_text * 120)::int || '.' || floor(r_text2 * 4)::int end as product_version,
            r_urgent < 0.02 as urgent,
            case when r_locale < 0.25 then 'de' else 'en' end as locale
          from (
            select i, random() as r_status, random() as r_level, random() as r_channel, random() as r_requester,
                   random() as r_text, random() as r_text2, random() as r_urgent, random() as r_locale,
                   random() as r_jitter, random() as r_response
            from generate_series(${from}::bigint, ${to}::bigint) as i
          ) r
        ) a
      ) b
    ) c`;
}

/**
 * Drops the database when the process exits, however it exits: bench/run.ts ends with
 * process.exit, which runs only synchronous code, so the drop runs in a short child process.
 */
function dropAtExit(name: string): void {
  process.once("exit", () => {
    const script = `
      import postgres from "postgres";
      const sql = postgres(process.env.SEED_DROP_URL, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try { await sql.unsafe('drop database if exists "' + process.env.SEED_DROP_NAME + '" with (force)'); }
      finally { await sql.end({ timeout: 5 }); }`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, SEED_DROP_URL: serverUrl(), SEED_DROP_NAME: name },
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 30_000,
      encoding: "utf8",
    });
    if (r.status !== 0) process.stderr.write(`could not drop ${name}: ${r.error?.message ?? r.stderr.trim()}\n`);
  });
}
