import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { openDatabase, type Db } from "../server/db/client";
import { preparingClient } from "../server/db/prepared-client";
import * as schema from "../server/db/schema";
import { listQueue } from "../server/services/tickets/queue";
import { interleaved } from "./lib/interleave";
import { seededTickets, type SeededTickets } from "./lib/seed-tickets";
import { postgresSetting } from "./lib/postgres";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";
import { goal, metric } from "./lib/results";
import { num, progress } from "./lib/table";

export const PAGE = 50;
/** The deep page is reached by following the cursor this many pages from the first. */
export const DEEP_PAGES = 20;
/** Both sides get a pool of this size: the default of server/db/client.ts. Calls are sequential. */
const POOL = 10;

/**
 * The work queue at a million tickets (CONTRACT §8, issue 3 acceptance 5): p50 and p95 of
 * listQueue(db, { limit: 50 }) through drizzle, beside the same query written by hand and run
 * through postgres.js, both on one seeded database (lib/seed-tickets.ts). Each round calls each
 * side sequentially for the first page and for page DEEP_PAGES + 1 (reached by its cursor); the
 * figures are the medians over rounds of each round's percentiles. The plan of our query is
 * printed, so a reader sees whether tickets_queue_idx delivers the order or the rows get sorted.
 */
export const queue = defineBenchmark({ name: "queue", summary: "p95 ms of listQueue (first 50 of 1,000,000 tickets) vs the same SQL through postgres.js", rounds: 5, seconds: 10 }, run);

/** One hand-written row of the queue: the columns listQueue selects. */
interface BareRow {
  id: string | number;
  tid: string;
  urgent: boolean;
  received_at: Date;
}

/**
 * The queue query as a person would write it for postgres.js: the columns, WHERE and ORDER BY of
 * server/services/tickets/queue.ts, LIMIT page + 1 to know whether there is a next page, and the usual
 * keyset condition for the pages after `after`.
 */
export function bareQueuePage(sql: postgres.Sql, after?: { urgent: boolean; receivedAt: Date; id: number }) {
  const keyset = after
    ? sql`and (t.urgent < ${after.urgent} or (t.urgent = ${after.urgent} and (t.received_at, t.id) > (${after.receivedAt}, ${after.id})))`
    : sql``;
  return sql<BareRow[]>`
    select t.id, t.tid, t.subject, t.status, t.urgent, t.sla_level, t.channel, t.received_at, t.response_target_at,
           t.response_due_at, t.first_response_at, t.breached, r.email
    from tickets t join requesters r on r.id = t.requester_id
    where t.status in ('new', 'open', 'pending-client', 'in-development') ${keyset}
    order by t.urgent desc, t.received_at, t.id
    limit ${PAGE + 1}`;
}

/** The keyset position after a bare page, for the next one. */
export function bareCursor(rows: BareRow[]): { urgent: boolean; receivedAt: Date; id: number } {
  const last = rows[Math.min(rows.length, PAGE) - 1];
  if (!last) throw new Error("the queue is empty");
  return { urgent: last.urgent, receivedAt: last.received_at, id: Number(last.id) };
}

/** Reads pages 1..DEEP_PAGES with the bare query; returns the position after them and every TID seen. */
export async function bareDeepCursor(sql: postgres.Sql) {
  let rows = await bareQueuePage(sql);
  const seen = rows.slice(0, PAGE).map((r) => r.tid);
  for (let p = 1; p < DEEP_PAGES; p++) {
    rows = await bareQueuePage(sql, bareCursor(rows));
    seen.push(...rows.slice(0, PAGE).map((r) => r.tid));
  }
  return { after: bareCursor(rows), seen };
}

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1]!;
}

/** Sequential calls of `fn`: `calls` of them, or fewer (at least `minCalls`) once `budgetMs` is spent. */
export async function timeCalls(fn: () => Promise<unknown>, calls: number, budgetMs: number, minCalls: number): Promise<number[]> {
  const out: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (out.length < calls && (out.length < minCalls || performance.now() < deadline)) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export interface RoundTimes { first: number[]; deep: number[] }

/** Calls per round and side: the first page up to FIRST_CALLS times, the deep page up to DEEP_CALLS. */
export const FIRST_CALLS = 60;
export const DEEP_CALLS = 20;
const MIN_CALLS = 10;

/** Runs one round of one side: the first page, then the deep page; a warm-up round is shorter. */
export function roundOf(first: () => Promise<unknown>, deep: () => Promise<unknown>, seconds: number) {
  return async (warmup: boolean): Promise<RoundTimes> => ({
    first: await timeCalls(first, warmup ? MIN_CALLS : FIRST_CALLS, seconds * 750, MIN_CALLS),
    deep: await timeCalls(deep, warmup ? MIN_CALLS / 2 : DEEP_CALLS, seconds * 250, MIN_CALLS / 2),
  });
}

export const describeRound = (r: RoundTimes) =>
  `first page p50 ${num(percentile(r.first, 50))} ms p95 ${num(percentile(r.first, 95))} ms (${r.first.length} calls); ` +
  `page ${DEEP_PAGES + 1} p95 ${num(percentile(r.deep, 95))} ms (${r.deep.length})`;

/** The per-round percentiles as metrics, and the percentiles over every call pooled, for the record. */
export function roundMetrics(runs: { ours: RoundTimes[]; baseline: RoundTimes[] }, firstLabel: string) {
  const per = (side: RoundTimes[], key: keyof RoundTimes, p: number) => side.map((r) => percentile(r[key], p));
  const metrics = [
    metric("firstP95", `${firstLabel} p95`, "ms", "lower", per(runs.ours, "first", 95), per(runs.baseline, "first", 95)),
    metric("firstP50", `${firstLabel} p50`, "ms", "lower", per(runs.ours, "first", 50), per(runs.baseline, "first", 50)),
    metric("deepP95", `page ${DEEP_PAGES + 1} p95`, "ms", "lower", per(runs.ours, "deep", 95), per(runs.baseline, "deep", 95)),
    metric("deepP50", `page ${DEEP_PAGES + 1} p50`, "ms", "lower", per(runs.ours, "deep", 50), per(runs.baseline, "deep", 50)),
  ];
  const pooled = (side: RoundTimes[], key: keyof RoundTimes) => {
    const all = side.flatMap((r) => r[key]);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return { calls: all.length, p50: r2(percentile(all, 50)), p95: r2(percentile(all, 95)), max: r2(Math.max(...all)) };
  };
  const pooledAll = {
    ours: { first: pooled(runs.ours, "first"), deep: pooled(runs.ours, "deep") },
    baseline: { first: pooled(runs.baseline, "first"), deep: pooled(runs.baseline, "deep") },
  };
  return { metrics, pooledAll };
}

/** The database the figures were taken on, for `settings`. */
export async function seedSettings(seeded: SeededTickets) {
  return {
    tickets: seeded.tickets,
    requesters: seeded.requesters,
    ticketsInQueue: seeded.active,
    urgentInQueue: seeded.activeUrgent,
    seedSeconds: seeded.seconds,
    postgres: await postgresSetting(),
  };
}

async function run({ rounds, seconds, undo, problems }: RunScope): Promise<Measured> {
  const seeded = await seededTickets();
  const database = await openDatabase({ url: seeded.url, max: POOL });
  undo.push(() => database.close());
  const db = database.db;
  const sql = postgres(seeded.url, { max: POOL, onnotice: () => {} });
  undo.push(() => sql.end({ timeout: 5 }));

  // Both sides must list the same tickets in the same order, page after page and on the deep page.
  let page = await listQueue(db, { limit: PAGE });
  const oursSeen = page.items.map((i) => i.tid);
  for (let p = 1; p < DEEP_PAGES && page.next; p++) {
    page = await listQueue(db, { limit: PAGE, after: page.next });
    oursSeen.push(...page.items.map((i) => i.tid));
  }
  const deepAfter = page.next;
  if (!deepAfter) throw new Error(`the queue holds fewer than ${DEEP_PAGES + 1} pages`);
  const oursDeep = (await listQueue(db, { limit: PAGE, after: deepAfter })).items.map((i) => i.tid);
  const bare = await bareDeepCursor(sql);
  const bareDeep = (await bareQueuePage(sql, bare.after)).slice(0, PAGE).map((r) => r.tid);
  const duplicates = oursSeen.length + oursDeep.length - new Set([...oursSeen, ...oursDeep]).size;
  if (duplicates) problems.push(`ours: following the cursor to page ${DEEP_PAGES + 1} listed ${duplicates} tickets twice`);
  if (oursSeen.slice(0, PAGE).join() !== bare.seen.slice(0, PAGE).join()) {
    problems.push("ours and the baseline list different first pages: the baseline is not the same query");
  } else if (oursSeen.join() !== bare.seen.join() || oursDeep.join() !== bareDeep.join()) {
    problems.push(`ours and the baseline disagree by page ${DEEP_PAGES + 1}`);
  }

  const plans = await explainOurs(seeded.url, deepAfter);
  printPlan("first page", plans.first);
  printPlan(`page ${DEEP_PAGES + 1}`, plans.deep);

  const runs = await interleaved("queue", {
    ours: roundOf(() => listQueue(db, { limit: PAGE }), () => listQueue(db, { limit: PAGE, after: deepAfter }), seconds),
    baseline: roundOf(() => bareQueuePage(sql), () => bareQueuePage(sql, bare.after), seconds),
  }, { rounds, pauseMs: 200, describe: describeRound });

  const { metrics, pooledAll } = roundMetrics(runs, "first page");
  return {
    title: `work queue: first ${PAGE} tickets of ${seeded.tickets.toLocaleString("en-US")} (issue 3, acceptance 5)`,
    oursLabel: `listQueue(db, { limit: ${PAGE} }) through drizzle on openDatabase's postgres.js pool (server/services/tickets/queue.ts)`,
    baselineLabel: "the same columns, WHERE and ORDER BY hand-written, LIMIT 51, through postgres.js (bareQueuePage in bench/queue.ts)",
    metrics,
    goals: [goal(metrics, { text: "first page p95 ≤ 10 ms", metric: "firstP95", of: "ours", atMost: 10 })],
    settings: {
      rounds,
      secondsPerRound: seconds,
      callsPerRound: `first page up to ${FIRST_CALLS} (${seconds * 0.75} s), page ${DEEP_PAGES + 1} up to ${DEEP_CALLS} (${seconds * 0.25} s), at least ${MIN_CALLS}/${MIN_CALLS / 2}`,
      order: "warm-up ours, warm-up baseline, then ours/baseline alternating; calls within a round sequential",
      figure: "median over rounds of each round's nearest-rank percentile",
      pageSize: PAGE,
      poolPerSide: POOL,
      ...(await seedSettings(seeded)),
    },
    checks: {
      pooledPercentilesMs: pooledAll,
      firstPageTids: `${oursSeen[0]} … ${oursSeen[PAGE - 1]}`,
      deepPageTids: `${oursDeep[0]} … ${oursDeep[oursDeep.length - 1]}`,
      duplicatesFollowingCursor: duplicates,
      plan: { first: plans.first, deep: plans.deep },
      queueIndexDeliversOrder: { first: deliversOrder(plans.first), deep: deliversOrder(plans.deep) },
    },
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL listQueue sends: a drizzle built like
 * server/db/client.ts's, with a logger that keeps the last query and its parameters.
 */
async function explainOurs(url: string, deepAfter: string): Promise<{ first: string[]; deep: string[] }> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let last: { query: string; params: unknown[] } | null = null;
    const db = drizzle(preparingClient(client), { schema, logger: { logQuery: (query, params) => { last = { query, params }; } } }) as unknown as Db;
    const explain = async (call: () => Promise<unknown>) => {
      last = null;
      await call();
      const q = last as { query: string; params: unknown[] } | null;
      if (!q) throw new Error("listQueue sent no query");
      const rows = await client.unsafe(`explain (analyze, buffers) ${q.query}`, q.params as never[]);
      return rows.map((r) => String((r as Record<string, unknown>)["QUERY PLAN"]));
    };
    return {
      first: await explain(() => listQueue(db, { limit: PAGE })),
      deep: await explain(() => listQueue(db, { limit: PAGE, after: deepAfter })),
    };
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** True when the plan reads tickets_queue_idx in order and sorts nothing. */
export function deliversOrder(plan: string[]): boolean {
  return plan.some((l) => /Index (Only )?Scan( Backward)? using tickets_queue_idx/.test(l)) && !plan.some((l) => /\bSort\b/.test(l));
}

function printPlan(what: string, plan: string[]): void {
  progress(`plan of listQueue, ${what}: ${plan[0]?.trim()}`);
  for (const l of plan.slice(1)) {
    if (/Scan|Sort(?! Method)|Execution Time/.test(l)) progress(`    ${l.trim()}`);
  }
  if (!deliversOrder(plan)) progress(`    NOTE: tickets_queue_idx does not deliver the queue's order here: the rows are sorted (full plan in the results JSON)`);
}
