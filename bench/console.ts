import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createApp } from "../server/app";
import { interleaved } from "./lib/interleave";
import { listen } from "./lib/http";
import { defineBenchmark } from "./lib/benchmark";
import { serverDeps } from "./lib/server-deps";
import { seededTickets } from "./lib/seed-tickets";
import { goal } from "./lib/results";
import {
  bareDeepCursor, bareQueuePage, DEEP_CALLS, DEEP_PAGES, describeRound, FIRST_CALLS, PAGE, roundMetrics, roundOf, seedSettings,
} from "./queue";

/** Both sides get a pool of this size: the default of server/db/client.ts. Requests are sequential. */
const POOL = 10;

interface QueueBody { items: { tid: string }[]; next: string | null }

/**
 * The console's queue API at a million tickets (issue 7, acceptance 4): p50 and p95 of
 * GET /api/v1/queue?limit=50 with the admin token, on the real app (createApp(buildDeps(…)))
 * served by @hono/node-server, requested one after another over a kept-alive connection; beside
 * the bare SQL query of bench/queue.ts through postgres.js in the same run. Shares the seeded
 * database with `queue` when both run in one process.
 */
export const consoleBench = defineBenchmark({ name: "console", summary: "p95 ms of GET /api/v1/queue?limit=50 (1,000,000 tickets) vs the bare SQL query", rounds: 5, seconds: 10 }, async ({ rounds, seconds, undo, problems }) => {
  const seeded = await seededTickets();
  const adminToken = randomBytes(24).toString("hex");
  const { deps } = await serverDeps(undo, { DATABASE_URL: seeded.url, TIDINGS_ADMIN_TOKEN: adminToken, JOBS: "off" });
  const server = await listen(createApp(deps).fetch);
  undo.push(() => server.close());

  const sql = postgres(seeded.url, { max: POOL, onnotice: () => {} });
  undo.push(() => sql.end({ timeout: 5 }));

  let failures = 0;
  let firstFailure: string | null = null;
  const get = async (after?: string): Promise<QueueBody | null> => {
    const res = await fetch(`${server.url}/api/v1/queue?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ""}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const text = await res.text();
    if (res.status !== 200) {
      failures++;
      firstFailure ??= `${res.status} ${text.slice(0, 300)}`;
      return null;
    }
    return JSON.parse(text) as QueueBody;
  };

  // The API must answer, and list what the bare query lists, before anything is timed.
  let body = await get();
  if (!body) throw new Error(`GET /api/v1/queue answered ${firstFailure}`);
  const apiSeen = body.items.map((i) => i.tid);
  for (let p = 1; p < DEEP_PAGES && body?.next; p++) {
    body = await get(body.next);
    apiSeen.push(...(body?.items.map((i) => i.tid) ?? []));
  }
  const deepAfter = body?.next;
  if (!deepAfter) throw new Error(`the queue API gave no cursor to page ${DEEP_PAGES + 1}`);
  const apiDeep = (await get(deepAfter))?.items.map((i) => i.tid) ?? [];
  const bare = await bareDeepCursor(sql);
  const bareDeep = (await bareQueuePage(sql, bare.after)).slice(0, PAGE).map((r) => r.tid);
  if (apiSeen.slice(0, PAGE).join() !== bare.seen.slice(0, PAGE).join()) {
    problems.push("the API and the bare query list different first pages: the baseline is not the same query");
  } else if (apiSeen.join() !== bare.seen.join() || apiDeep.join() !== bareDeep.join()) {
    problems.push(`the API and the bare query disagree by page ${DEEP_PAGES + 1}`);
  }

  const runs = await interleaved("console", {
    ours: roundOf(() => get(), () => get(deepAfter), seconds),
    baseline: roundOf(() => bareQueuePage(sql), () => bareQueuePage(sql, bare.after), seconds),
  }, { rounds, pauseMs: 200, describe: describeRound });
  if (failures) problems.push(`${failures} requests did not answer 200; first: ${firstFailure}`);

  const { metrics, pooledAll } = roundMetrics(runs, "first page");
  return {
    title: `queue API: first ${PAGE} tickets of ${seeded.tickets.toLocaleString("en-US")} over HTTP (issue 7, acceptance 4)`,
    oursLabel: `GET /api/v1/queue?limit=${PAGE} with the admin token (createApp(buildDeps(loadConfig())), all middleware, LOG_LEVEL=warn), fetch over keep-alive, body read`,
    baselineLabel: "the bare SQL query of bench/queue.ts (bareQueuePage) through postgres.js, same process",
    metrics,
    goals: [goal(metrics, { text: "first page p95 ≤ 50 ms", metric: "firstP95", of: "ours", atMost: 50 })],
    settings: {
      rounds,
      secondsPerRound: seconds,
      callsPerRound: `first page up to ${FIRST_CALLS}, page ${DEEP_PAGES + 1} up to ${DEEP_CALLS}, as in bench/queue.ts`,
      order: "warm-up ours, warm-up baseline, then ours/baseline alternating; requests within a round sequential",
      figure: "median over rounds of each round's nearest-rank percentile",
      client: "fetch (undici) in the server's process, one request at a time",
      pageSize: PAGE,
      poolPerSide: POOL,
      ...(await seedSettings(seeded)),
    },
    checks: {
      pooledPercentilesMs: pooledAll,
      failedRequests: failures,
      firstPageTids: `${apiSeen[0]} … ${apiSeen[PAGE - 1]}`,
    },
  };
});
