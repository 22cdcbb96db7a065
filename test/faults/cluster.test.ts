import { ListMultipartUploadsCommand, S3Client } from "@aws-sdk/client-s3";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { png, pngChunk, zipOf } from "../fixtures/files";
import { hasPostgres } from "../support/databases";
import { startCluster, type Cluster } from "../support/cluster";
import { startRoundRobinProxy, type RoundRobinProxy } from "../support/round-robin-proxy";
import { startS3Server } from "../support/s3-server";
import { loadConfig } from "../../server/config";
import { s3BlobStore } from "../../server/storage/s3-store";

const TICKETS = 1000;
/** Then this many more, each sent twice at once to two processes (a client retrying while its first try still runs). */
const RACED = 20;
const CONCURRENCY = 20;
/** The process killed midway, after this many answers, and started again on its port. */
const VICTIM = 1;
const KILL_AFTER = 400;
/** The last registrations wait for the restart, so the restarted process surely takes its turn again. */
const AFTER_RESTART = 100;
/** How long the proxy keeps sending to the dead process before it notices (a health check's delay). */
const NOTICED_AFTER_MS = 300;

/** The store every process shares: a real S3-protocol server (test/support/s3-server.ts). */
const openStore = startS3Server;

/** Multipart uploads begun and never completed: what a kill -9 in the middle of a large put leaves in the bucket. */
async function storeTempFiles(env: Record<string, string>): Promise<string[]> {
  const s3 = loadConfig(env).s3!;
  const client = new S3Client({ region: s3.region, endpoint: s3.endpoint, forcePathStyle: s3.forcePathStyle, credentials: s3.credentials, requestChecksumCalculation: "WHEN_REQUIRED" });
  const page = await client.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket }));
  client.destroy();
  return (page.Uploads ?? []).map((u) => u.Key ?? "");
}

/** The blobs in the bucket, by sha256. */
async function storeBlobs(env: Record<string, string>): Promise<string[]> {
  const shas: string[] = [];
  for await (const b of s3BlobStore(loadConfig(env).s3!).list()) shas.push(b.sha256);
  return shas;
}

interface Sent { key: string; description: string; files: { name: string; type: string; bytes: Buffer }[] }
interface Answer { status: number | string; backend: number | null; tid?: string; replayed?: boolean; code?: string }

/** Ticket i's request: its own key, and files of its own (equal bytes would be one blob for all). */
async function request(run: string, i: number): Promise<Sent> {
  const files = [{ name: `screen-${i}.png`, type: "image/png", bytes: png([pngChunk("paDd", Buffer.from(`cluster ${run} ticket ${i}`))]) }];
  if (i % 3 === 0) files.push({ name: `logs-${i}.zip`, type: "application/zip", bytes: await zipOf({ "server.log": `2026-12-03 12:00:00 ticket ${i} of run ${run}\n`.repeat(5) }) });
  return { key: `cluster-${run}-${i}`, description: `Cluster ticket ${i} (${run})`, files };
}

async function post(base: string, s: Sent): Promise<Answer> {
  const fd = new FormData();
  fd.set("email", `cluster${s.key.slice(-6)}@kunde.example`);
  fd.set("description", s.description);
  for (const f of s.files) fd.append("attachments", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  try {
    const res = await fetch(`${base}/api/v1/tickets`, { method: "POST", headers: { "Idempotency-Key": s.key }, body: fd, signal: AbortSignal.timeout(30_000) });
    const backend = res.headers.get("x-test-backend");
    const body = (await res.json().catch(() => ({}))) as { tid?: string; error?: { code?: string } };
    return { status: res.status, backend: backend === null ? null : Number(backend), tid: body.tid, replayed: res.headers.get("idempotent-replayed") === "true", code: body.error?.code };
  } catch (e) {
    return { status: `no answer: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}`, backend: null };
  }
}

/** Runs `work` over the items, `n` at a time; `before(index)` may hold an item back. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>, before?: (index: number) => Promise<void> | undefined): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      await before?.(i);
      await work(items[i]!);
    }
  }));
}

/**
 * Acceptance 1 of issue 17: three processes on one Postgres and one store behind a round-robin
 * proxy; 1,000 registrations with attachments at concurrency 20; one process is killed (-9) midway
 * and started again. No ticket is lost or doubled, every attachment is readable from another
 * process than the one that stored it, and retries with the Idempotency-Key make no duplicate.
 */
describe.runIf(hasPostgres)("three processes behind a load balancer, one killed midway", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => { for (const c of cleanups.reverse()) await c(); }, 60_000);

  test("every 201 is one ticket, every attachment reads back anywhere, retries make no duplicate", async () => {
    const t0 = Date.now();
    const timings: Record<string, number> = {};
    const mark = (name: string, since: number) => (timings[name] = Date.now() - since);

    const store = await openStore();
    cleanups.push(() => store.close());
    const cluster: Cluster = await startCluster({ size: 3, storageEnv: store.env });
    cleanups.push(() => cluster.close());
    mark("start 3 processes", t0);
    const proxy: RoundRobinProxy = await startRoundRobinProxy(cluster.urls);
    cleanups.push(() => proxy.close());
    const sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
    cleanups.push(() => sql.end());

    const run = Date.now().toString(36);
    const sent: Sent[] = [];
    for (let i = 0; i < TICKETS; i++) sent.push(await request(run, i));

    // 1. The load, with the kill and the restart in the middle of it.
    const answers = new Map<string, Answer>();
    const restart: { done: Promise<void> | null } = { done: null };
    let logAtRestart = 0;
    let inFlightOnVictim = 0;
    const tLoad = Date.now();
    let tKill = 0;
    await pool(sent, CONCURRENCY, async (s) => {
      const a = await post(proxy.url, s);
      answers.set(s.key, a);
      if (answers.size === KILL_AFTER && !restart.done) {
        inFlightOnVictim = CONCURRENCY; // an upper bound: those in flight anywhere
        tKill = Date.now();
        restart.done = (async () => {
          await cluster.kill(VICTIM);
          await new Promise((r) => setTimeout(r, NOTICED_AFTER_MS));
          proxy.setDown(VICTIM, true);
          const tRestart = Date.now();
          await cluster.restart(VICTIM);
          mark("restart after kill -9", tRestart);
          logAtRestart = proxy.log.length;
          proxy.setDown(VICTIM, false);
        })();
      }
    }, (i) => (i >= TICKETS - AFTER_RESTART ? restart.done ?? undefined : undefined));
    mark("1000 registrations", tLoad);
    expect(restart.done).not.toBeNull();
    await restart.done;
    const servedByRestarted = proxy.log.slice(logAtRestart).filter((e) => e.backend === VICTIM && e.status === 201).length;

    const statuses = (list: Answer[]) => list.reduce<Record<string, number>>((acc, a) => {
      const k = typeof a.status === "number" ? String(a.status) : "no answer";
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
    const firstTry = [...answers.values()];
    // A 5xx the proxy made (the backend was gone) is expected; one a Tidings process made is a finding.
    const serverErrors = firstTry.filter((a) => typeof a.status === "number" && a.status >= 500 && a.code !== "BAD_GATEWAY");
    const missing = sent.filter((s) => answers.get(s.key)!.status !== 201);

    // 2. Every request without a 201, again with its key and its body, until it has one (bounded).
    const tRetry = Date.now();
    const retryAnswers: Answer[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const open = sent.filter((s) => answers.get(s.key)!.status !== 201);
      if (!open.length) break;
      await pool(open, CONCURRENCY, async (s) => {
        const a = await post(proxy.url, s);
        retryAnswers.push(a);
        answers.set(s.key, a);
      });
    }
    mark("retries", tRetry);
    const replays = retryAnswers.filter((a) => a.status === 201 && a.replayed).length;

    // 3. The same key and body at the same moment on two processes: one ticket, both told its TID.
    const raced: Sent[] = [];
    for (let i = TICKETS; i < TICKETS + RACED; i++) raced.push(await request(run, i));
    const racedPairs = await Promise.all(raced.map(async (s) => {
      const [a, b] = await Promise.all([0, 2].map(async (backend) => ({ ...(await post(cluster.urls[backend]!, s)), backend })));
      // The one that was not a replay stored the ticket and its files.
      answers.set(s.key, a!.status === 201 && !a!.replayed ? a! : b!);
      return { key: s.key, statuses: [a!.status, b!.status], sameTid: a!.tid === b!.tid, replayed: Number(a!.replayed) + Number(b!.replayed) };
    }));
    const racedWrong = racedPairs.filter((p) => p.statuses.some((x) => x !== 201) || !p.sameTid || p.replayed !== 1);
    sent.push(...raced);
    const KEYS = TICKETS + RACED;

    // 4. The database: one ticket per key, each where its key says.
    const tids = new Map(sent.map((s) => [s.key, answers.get(s.key)!.tid]));
    const [counts] = await sql<{ tickets: number; tids: number; keys: number }[]>`
      select (select count(*)::int from tickets) as tickets, (select count(distinct tid)::int from tickets) as tids,
             (select count(*)::int from idempotency_keys) as keys`;
    const doubled = await sql<{ tid: string; n: number }[]>`select tid, count(*)::int as n from tickets group by tid having count(*) > 1`;
    const doubledDescriptions = await sql<{ description: string; n: number }[]>`select description, count(*)::int as n from tickets group by description having count(*) > 1`;
    const keyed = await sql<{ key: string; tid: string }[]>`select k.key, t.tid from idempotency_keys k join tickets t on t.id = k.ticket_id`;
    const wrongTid = keyed.filter((r) => tids.get(r.key) !== r.tid);

    // 5. Every attachment, from another process than the one that answered its registration.
    const tDownload = Date.now();
    const rows = await sql<{ tid: string; id: string; file_name: string }[]>`
      select t.tid, a.id::text, a.file_name from attachments a join tickets t on t.id = a.ticket_id where a.kind = 'file'`;
    const byTid = new Map(sent.map((s) => [answers.get(s.key)!.tid, s]));
    const bad: string[] = [];
    const readFrom = [0, 0, 0];
    await pool(rows, CONCURRENCY, async (r) => {
      const s = byTid.get(r.tid);
      const file = s?.files.find((f) => f.name === r.file_name);
      // Not the one that answered 201, nor, for a replay, the killed one (which may have stored it before it died).
      const answer = s ? answers.get(s.key)! : null;
      const storers = new Set([answer?.backend ?? 0, ...(answer?.replayed ? [VICTIM] : [])]);
      const other = cluster.urls.findIndex((_, n) => !storers.has(n));
      if (other < 0) return void bad.push(`${r.tid}: no other process to read it from`);
      readFrom[other]!++;
      const res = await fetch(`${cluster.urls[other]}/api/v1/tickets/${r.tid}/attachments/${r.id}`, { headers: { Authorization: `Bearer ${cluster.adminToken}` } });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || !file || !bytes.equals(file.bytes)) bad.push(`${r.tid}/${r.file_name}: ${res.status}${file ? "" : " (not sent)"}`);
    });
    mark("downloads", tDownload);
    const expectedFiles = sent.reduce((n, s) => n + s.files.length, 0);

    // 6. What a kill -9 may leave in the store: temp files and unreferenced blobs of requests cut
    // on the killed process, which the start-up sweep removes once they are past its grace time.
    const temp = await storeTempFiles(store.env);
    const referenced = new Set((await sql<{ sha256: string }[]>`select distinct sha256 from attachments`).map((r) => r.sha256));
    const orphans = (await storeBlobs(store.env)).filter((sha) => !referenced.has(sha));
    mark("total", t0);

    console.log(JSON.stringify({
      timingsMs: timings,
      firstTry: statuses(firstTry),
      retried: missing.length,
      retryAnswers: statuses(retryAnswers),
      replays,
      racedWrong,
      serverErrors: serverErrors.map((a) => `${a.status} ${a.code} from backend ${a.backend}`),
      proxy: { requests: proxy.log.length, byBackend: [0, 1, 2].map((b) => proxy.log.filter((e) => e.backend === b).length) },
      downloads: { files: rows.length, readFrom, bad: bad.length },
      tempFilesLeft: temp.length,
      orphanBlobs: orphans.length,
      killedAtMs: tKill - tLoad,
      servedByRestarted,
    }, null, 1));

    expect(serverErrors).toEqual([]);
    expect(sent.every((s) => answers.get(s.key)!.status === 201)).toBe(true);
    expect(racedWrong).toEqual([]);
    expect(new Set(tids.values()).size).toBe(KEYS);
    expect(doubled).toEqual([]);
    expect(doubledDescriptions).toEqual([]);
    expect(counts).toEqual({ tickets: KEYS, tids: KEYS, keys: KEYS });
    expect(wrongTid).toEqual([]);
    expect(rows.length).toBe(expectedFiles);
    expect(bad).toEqual([]);
    expect(temp.length).toBeLessThanOrEqual(inFlightOnVictim);
    expect(orphans.length).toBeLessThanOrEqual(inFlightOnVictim);
    // The restarted process took its share again (the retries and later requests went through the proxy's turn).
    expect(servedByRestarted).toBeGreaterThan(0);
    await sql.end();
  }, 240_000);
});
