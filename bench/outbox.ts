/**
 * `outbox` (issue 11, acceptance 6): acknowledgements/s through our outbox sender, beside a bare
 * nodemailer loop sending the same mails with the same pooled settings to the same sink.
 *
 * Ours: MAILS pending rows written into the outbox of a fresh Postgres database (as intake
 * writes acknowledgements), then the job runner with outboxSenderJob as server/main.ts wires it
 * (default OUTBOX_SMTP_CONNECTIONS): claim batches with leases, send over the pooled transport
 * one mail in flight per connection, mark each row sent. Timed from the runner's start until the
 * sink has received every mail of the round.
 * Baseline: nodemailer.createTransport with the same pool options, the same mails from memory,
 * the same number in flight, to the same sink; no database. The difference is what claiming,
 * leasing and marking cost.
 *
 * The sink is smtp-server in a child process (this same file, started with CHILD_ENV set), so its
 * work does not land on the measured event loop; it counts distinct Message-IDs, so a mail sent
 * twice is seen (and makes the run invalid) rather than counted as throughput.
 */
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { startChild, serveChild } from "./lib/child";
import { defineBenchmark } from "./lib/benchmark";
import { serverDeps } from "./lib/server-deps";

const MAILS = 1000;
const CHILD_ENV = "TIDINGS_BENCH_OUTBOX_SINK";
const FROM = "support@tidings.bench";

// ── The sink (child process) ────────────────────────────────────────────────────────────────────

type SinkRequest = { op: "start" } | { op: "wait"; target: number; timeoutMs: number } | { op: "stats" };
interface SinkResult { port?: number; distinct: number; duplicates: number }

function serveSink(): void {
  const seen = new Set<string>();
  let duplicates = 0;
  const waiters: { target: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["AUTH", "STARTTLS"], logger: false, disableReverseLookup: true, maxClients: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString("latin1"))?.[1] ?? `none-${seen.size}`;
        if (seen.has(id)) duplicates++;
        seen.add(id);
        for (const w of waiters.filter((x) => seen.size >= x.target)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
        callback();
      });
    },
  });
  serveChild<SinkRequest, SinkResult>(async (req) => {
    if (req.op === "start") {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      return { port: (server.server.address() as { port: number }).port, distinct: 0, duplicates: 0 };
    }
    if (req.op === "wait" && seen.size < req.target) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sink: ${seen.size} of ${req.target} mails after ${req.timeoutMs} ms`)), req.timeoutMs);
        waiters.push({ target: req.target, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    }
    return { distinct: seen.size, duplicates };
  });
}

if (process.env[CHILD_ENV] === "1") serveSink();

// ── The benchmark (parent) ──────────────────────────────────────────────────────────────────────

/** An acknowledgement-sized mail (text and HTML, about 2.5 KB), its own recipient and Message-ID. */
function mail(prefix: string, i: number) {
  const tid = String(1_000_000 + i);
  const text = `Hello,\n\nthank you for your message. We registered it as TID#${tid}.\nLevel: Commercial, cloud. We answer by Tue, 1 Dec 2026 16:00 (Europe/Berlin).\n\n${"Your ticket link and what happens next. ".repeat(20)}\n`;
  return {
    to: `customer-${prefix}-${i}@example.com`,
    subject: `[TID#${tid}] We received your request`,
    text,
    html: `<html><body><p>${text.replace(/\n/g, "<br>")}</p></body></html>`,
    messageId: `<t${tid}.${prefix}.${i}@tidings.bench>`,
    headers: { "Auto-Submitted": "auto-replied" } as Record<string, string>,
  };
}

/** Sends `mails` through `transport` with `connections` sends in flight; the number that failed. */
async function sendAll(transport: Pick<ReturnType<typeof nodemailer.createTransport>, "sendMail">, mails: ReturnType<typeof mail>[], connections: number): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < mails.length) {
      const m = mails[next++]!;
      await transport.sendMail({ from: FROM, ...m }).catch(() => { failed++; });
    }
  }));
  return failed;
}

export const outboxBench = defineBenchmark({ name: "outbox", summary: "acknowledgements/s through the outbox sender vs a bare pooled nodemailer loop to the same sink", rounds: 3 }, async ({ rounds, undo, problems }) => {
  const [{ outboxSenderJob, transportOptions }, { startJobs }, { outbox }, { interleaved }, pg, { goal, metricOf }, { num }, { sql }] =
    await Promise.all([
      import("../server/jobs/outbox-sender"), import("../server/jobs/runner"), import("../server/db/schema"), import("./lib/interleave"),
      import("./lib/postgres"), import("./lib/results"), import("./lib/table"), import("drizzle-orm"),
    ]);
  const sink = startChild<SinkRequest, SinkResult>(fileURLToPath(import.meta.url), "outbox sink", { [CHILD_ENV]: "1" });
  undo.push(() => sink.close());
  const { port } = await sink.run({ op: "start" });
  const smtpUrl = `smtp://127.0.0.1:${port}`;

  const db = await pg.createDatabase("outbox");
  undo.push(() => db.drop());
  const { config, deps } = await serverDeps(undo, { DATABASE_URL: db.url, MAIL_FROM: FROM, SMTP_URL: smtpUrl });
  const connections = config.outboxConnections;

  let expected = 0;
  let round = 0;
  const untilSunk = async (n: number) => {
    expected += n;
    await sink.run({ op: "wait", target: expected, timeoutMs: 120_000 });
  };

  const ours = async (warmup: boolean) => {
    const prefix = `ours${round++}`;
    const n = warmup ? MAILS / 4 : MAILS;
    const rows = Array.from({ length: n }, (_, i) => {
      const m = mail(prefix, i);
      return { kind: "acknowledgement", toAddress: m.to, subject: m.subject, textBody: m.text, htmlBody: m.html, headers: m.headers, messageId: m.messageId, createdAt: deps.now(), nextAttemptAt: deps.now() };
    });
    for (let i = 0; i < rows.length; i += 500) await deps.db.insert(outbox).values(rows.slice(i, i + 500));
    const sender = outboxSenderJob(smtpUrl, config.outboxIntervalMs, config.smtpEhloName, connections);
    const t0 = performance.now();
    const jobs = startJobs(deps, [sender]);
    await untilSunk(n);
    const seconds = (performance.now() - t0) / 1000;
    await jobs.stop();
    sender.close();
    return { mailsPerSecond: n / seconds, seconds };
  };

  const baseline = async (warmup: boolean) => {
    const prefix = `bare${round++}`;
    const n = warmup ? MAILS / 4 : MAILS;
    const mails = Array.from({ length: n }, (_, i) => mail(prefix, i));
    const transport = nodemailer.createTransport(transportOptions(smtpUrl, connections));
    const t0 = performance.now();
    const failed = await sendAll(transport, mails, connections);
    await untilSunk(n);
    const seconds = (performance.now() - t0) / 1000;
    transport.close();
    if (failed) problems.push(`baseline: ${failed} sends failed`);
    return { mailsPerSecond: n / seconds, seconds };
  };

  const runs = await interleaved("outbox", { ours, baseline }, {
    rounds, pauseMs: 500, describe: (r) => `${num(r.mailsPerSecond)} mails/s (${r.seconds.toFixed(2)} s)`,
  });

  const stats = await sink.run({ op: "stats" });
  const [left] = (await deps.db.select({ pending: sql<number>`count(*) filter (where status <> 'sent')::int`, sent: sql<number>`count(*) filter (where status = 'sent')::int` }).from(outbox));
  if (stats.duplicates) problems.push(`the sink received ${stats.duplicates} mails twice`);
  if (stats.distinct !== expected) problems.push(`the sink has ${stats.distinct} distinct mails, ${expected} expected`);
  if (left!.pending) problems.push(`${left!.pending} outbox rows not marked sent after their mails arrived`);

  const metrics = [
    metricOf(runs, "mailsPerSecond", "acknowledgements/s", "", "higher", (r) => r.mailsPerSecond),
    metricOf(runs, "seconds", `seconds for ${MAILS}`, "s", "lower", (r) => r.seconds),
  ];
  return {
    title: `${MAILS} acknowledgements from the outbox to an SMTP sink`,
    oursLabel: "startJobs + outboxSenderJob(SMTP_URL): claim 50 with leases (the next claimed while the last go out), N sessions in flight (kept between mails; QUIT after a refusal or when idle), marks group-committed",
    baselineLabel: "bare nodemailer pooled transport, same options and in-flight count, mails from memory, no database",
    metrics,
    goals: [goal(metrics, { text: "acknowledgements/s ours/baseline ≥ 0.5", metric: "mailsPerSecond", of: "ratio", atLeast: 0.5 })],
    settings: {
      mailsPerRound: MAILS, warmupMails: MAILS / 4, rounds, connections, maxMessagesPerConnection: 100, inFlight: connections,
      mailBytes: "about 2.5 KB (text + HTML)", sink: "smtp-server in a child process, answers at once, counts distinct Message-IDs",
      order: "warm-up ours, warm-up baseline, then ours/baseline alternating",
      postgres: await pg.postgresSetting(),
    },
    checks: { sinkDistinct: stats.distinct, sinkDuplicates: stats.duplicates, outboxRows: left },
  };
});
