/**
 * `mail-inbound` (issue 5, acceptance 6): mails/s for 50 KB mails sent through SMTP into tickets,
 * beside the raw accept rate of a bare smtp-server in the same run.
 *
 * Ours: createInboundServer(buildDeps(loadConfig())) as server/main.ts wires it, on a fresh
 * Postgres database; every mail is parsed, threaded, stored as a ticket with its first message,
 * participants, event and acknowledgement row in the outbox before the 250 goes out. The outbox
 * sender is not running (no SMTP_URL, no jobs), so only intake is measured.
 * Baseline: an SMTPServer with the same options whose onData reads the message and discards it.
 * Reference (not a goal): "ours without the database", the same SMTPServer whose onData hands
 * the mail to our parse pool (mail/parse-pool.ts) and discards the result. It shows how much of
 * the gap to the baseline is parsing alone, which no storage design can win back. It runs in each
 * round right after ours: ours, reference, baseline.
 *
 * The client is nodemailer with a pool of CONNECTIONS connections, keeping IN_FLIGHT mails queued,
 * in a child process (this same file, started with CHILD_ENV set): on the server's event loop it
 * would add the same cost to both sides and pull the ratio towards 1. Every mail has its own
 * sender and Message-ID (a repeated Message-ID would be answered "already received" without work).
 */
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { startChild, serveChild } from "./lib/child";
import { progress } from "./lib/table";
import { defineBenchmark, type Measured, type RunScope } from "./lib/benchmark";
import { serverDeps } from "./lib/server-deps";

const CONNECTIONS = 8;
/** Mails handed to the pool at once: two per connection, so no connection waits for the client. */
const IN_FLIGHT = CONNECTIONS * 2;
const MAIL_BYTES = 50 * 1024;
const CHILD_ENV = "TIDINGS_BENCH_MAIL_CHILD";
const RECIPIENT = "support@tidings.bench";

interface LoadRequest {
  port: number;
  /** Makes senders and Message-IDs unique across rounds and sides. */
  prefix: string;
  seconds: number;
}

interface LoadResult {
  ok: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  mailsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers of the accepted mails, counted by their text after the code ("Accepted: ticket", …). */
  answers: Record<string, number>;
}

// ── The client (child process) ──────────────────────────────────────────────────────────────────

/** The same 50 KB body for every mail (a reply with a quoted thread, text and HTML); headers vary. */
function mailBody(): { boundary: string; body: string } {
  const boundary = "bench-alt-3f9a";
  const sentences = [
    "Since the update to 24.100.0 the PDF export of invoices produces an empty page.",
    "It worked with 24.99.2; the server log has a warning about a missing font.",
    "We need this for the month-end run, so a quick answer would help a lot.",
    "Our accountant checked the totals by hand and they match the database.",
    "The browser console shows no error, and clearing the cache did not help.",
  ];
  const quoted = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${sentences[i % sentences.length]}`).join("\r\n");
  const text = `Hello support,\r\n\r\nstill broken, see below.\r\n\r\nRegards, Ines\r\n\r\n${quoted("> ", 180)}\r\n`;
  const htmlHead = `<html><body><p>Hello support,</p><p>still broken, see below.</p><p>Regards, Ines</p><blockquote>`;
  let html = htmlHead;
  for (let i = 0; ; i++) {
    const next = `<p>${sentences[i % sentences.length]}</p>\r\n`;
    const size = Buffer.byteLength(text) + Buffer.byteLength(html + next) + 600;
    if (size > MAIL_BYTES) break;
    html += next;
  }
  html += "</blockquote></body></html>";
  const body = [
    `--${boundary}`, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", text,
    `--${boundary}`, "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", html,
    `--${boundary}--`, "",
  ].join("\r\n");
  return { boundary, body };
}

function makeMails() {
  const { boundary, body } = mailBody();
  return (prefix: string, i: number): { from: string; raw: string } => {
    const from = `customer-${prefix}-${i}@example.com`;
    const head = [
      `From: Customer ${i} <${from}>`, `To: Support <${RECIPIENT}>`, `Subject: Re: Invoice export broken (${prefix} ${i})`,
      "Date: Mon, 2 Jun 2025 10:00:00 +0200", `Message-ID: <bench.${prefix}.${i}@client.example>`, "MIME-Version: 1.0",
      `Content-Type: multipart/alternative; boundary="${boundary}"`, "", "",
    ].join("\r\n");
    return { from, raw: head + body };
  };
}

async function runLoad(req: LoadRequest): Promise<LoadResult> {
  const mail = makeMails();
  const transport = nodemailer.createTransport({
    host: "127.0.0.1", port: req.port, secure: false, ignoreTLS: true,
    pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity, socketTimeout: 60_000,
  });
  const latencies: number[] = [];
  const answers: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const started = performance.now();
  const deadline = started + req.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { from, raw } = mail(req.prefix, next++);
      const t0 = performance.now();
      try {
        const info = await transport.sendMail({ envelope: { from, to: [RECIPIENT] }, raw });
        latencies.push(performance.now() - t0);
        ok++;
        const kind = /^250 (?:\d\.\d+\.\d+ )?(.*?)(?: TID#\d+)?$/.exec(String(info.response))?.[1] ?? String(info.response);
        answers[kind] = (answers[kind] ?? 0) + 1;
      } catch (e) {
        failed++;
        firstFailure ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : NaN);
  return { ok, failed, firstFailure, seconds, mailsPerSecond: ok / seconds, p50Ms: pct(0.5), p99Ms: pct(0.99), answers };
}

if (process.env[CHILD_ENV] === "1") serveChild(runLoad);

const startClient = () => startChild<LoadRequest, LoadResult>(fileURLToPath(import.meta.url), "mail client", { [CHILD_ENV]: "1" });

// ── The benchmark (parent) ──────────────────────────────────────────────────────────────────────

export const mailInbound = defineBenchmark({ name: "mail-inbound", summary: "mails/s of 50 KB mails over SMTP into tickets vs a bare smtp-server that discards them", rounds: 3, seconds: 5 }, run);

/**
 * A reference listener with our listener's SMTP options: `read` gets each mail's chunks and says
 * when it is done with the mail, and the answer is 250 (552 past the size limit), stored nowhere.
 */
function referenceServer(name: string, options: SMTPServerOptions, read: () => { chunk(c: Buffer): void; end(): Promise<void> | void }) {
  return new SMTPServer({
    ...options,
    name,
    banner: `${name} smtp-server`,
    onData(stream, _session, callback) {
      const mail = read();
      stream.on("data", (c: Buffer) => mail.chunk(c));
      stream.on("error", (err) => callback(err));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("too big"), { responseCode: 552 }));
        const done = mail.end();
        if (done) void done.then(() => callback(null, "Accepted"));
        else callback(null, "Accepted");
      });
    },
  });
}

/** The bare listener: reads the mail and drops it, counting its bytes. */
function bareServer(maxBytes: number, listenerOptions: (maxBytes: number) => SMTPServerOptions) {
  const stats = { mails: 0, bytes: 0 };
  const server = referenceServer("bare", listenerOptions(maxBytes), () => {
    let size = 0;
    return { chunk: (c) => { size += c.length; }, end: () => { stats.mails++; stats.bytes += size; } };
  });
  return { server, stats };
}

/** Ours without the database: the listener's parse step, and the mail dropped. */
function parseOnlyServer(maxBytes: number, listenerOptions: (maxBytes: number) => SMTPServerOptions, parser: { parse(raw: Buffer): Promise<unknown> }) {
  const stats = { mails: 0, unreadable: 0 };
  const server = referenceServer("parse-only", listenerOptions(maxBytes), () => {
    const chunks: Buffer[] = [];
    return {
      chunk: (c) => chunks.push(c),
      end: () => parser.parse(Buffer.concat(chunks)).then(() => { stats.mails++; }, () => { stats.unreadable++; }),
    };
  });
  return { server, stats };
}

/** What the figures are of: the same for every run. */
const LABELS = {
  title: "50 KB mails over SMTP into tickets",
  oursLabel: "createInboundServer(buildDeps(loadConfig())): parse, thread, ticket + message + outbox row per mail, 250 after commit",
  baselineLabel: "bare smtp-server, same options, onData reads the mail and discards it",
};

/** The rows of a run's database that every mail answered 250 must have made. */
async function storedRows(url: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [stored] = await sql<{ tickets: number; messages: number; inbound: number; outbox: number }[]>`
      select (select count(*) from tickets)::int as tickets, (select count(*) from messages)::int as messages,
             (select count(*) from inbound_mails where outcome = 'ticket')::int as inbound, (select count(*) from outbox)::int as outbox`;
    return stored!;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Every 250 of ours must be a ticket with its first message and its row in inbound_mails, and
 * every 250 of the baseline a mail it read. Returns the rows stored.
 */
async function checkStored(url: string, seen: { sent: Record<"ours" | "baseline", number>; answers: Record<string, number>; bareRead: number }, problems: string[]) {
  const { sent, answers, bareRead } = seen;
  const stored = await storedRows(url);
  if (stored.tickets !== sent.ours || stored.messages !== sent.ours || stored.inbound !== sent.ours) {
    problems.push(`ours: ${sent.ours} mails answered 250 but ${JSON.stringify(stored)} stored: not every mail became a ticket`);
  }
  if (Object.keys(answers).some((k) => !/^Accepted: ticket$/.test(k))) problems.push(`ours answered something else than tickets: ${JSON.stringify(answers)}`);
  if (bareRead !== sent.baseline) problems.push(`baseline: ${sent.baseline} answered 250 but ${bareRead} read`);
  return stored;
}

async function run({ rounds, seconds, undo, problems }: RunScope): Promise<Measured> {
  const warmupSeconds = Math.min(seconds, 2);
  // Imported here so that `--list` and the client child do not load the server.
  const [{ createInboundServer, listenInbound, listenerOptions }, { interleaved, roundSettings }, pg, { goal, latencyMetrics, metricOf }, { num }, { createParsePool }] =
    await Promise.all([
      import("../server/smtp/inbound-server"), import("./lib/interleave"), import("./lib/postgres"), import("./lib/results"),
      import("./lib/table"), import("../server/mail/parse-pool"),
    ]);
  const db = await pg.createDatabase("mail_inbound");
  undo.push(() => db.drop());
  const { config, deps } = await serverDeps(undo, { DATABASE_URL: db.url, MAIL_FROM: RECIPIENT, JOBS: "off" });
  const serve = async (server: SMTPServer) => {
    const port = await listenInbound(server, 0, "127.0.0.1");
    undo.push(() => new Promise<void>((r) => server.close(() => r())));
    return port;
  };
  const oursPort = await serve(createInboundServer(deps));
  const bare = bareServer(config.mailMaxBytes, (b) => listenerOptions(b, config.smtpInbound));
  const barePort = await serve(bare.server);

  const parser = createParsePool({ workers: config.mailParseWorkers, log: deps.log });
  undo.push(() => parser.close());
  const floor = parseOnlyServer(config.mailMaxBytes, (b) => listenerOptions(b, config.smtpInbound), parser);
  const floorPort = await serve(floor.server);

  const client = startClient();
  undo.push(() => client.close());

  const sent = { ours: 0, baseline: 0 };
  const answers: Record<string, number> = {};
  let round = 0;
  const measure = (side: "ours" | "baseline", port: number) => async (warmup: boolean) => {
    const r = await client.run({ port, prefix: `${side}${round++}`, seconds: warmup ? warmupSeconds : seconds });
    sent[side] += r.ok;
    if (side === "ours") for (const [k, v] of Object.entries(r.answers)) answers[k] = (answers[k] ?? 0) + v;
    if (r.failed) problems.push(`${side}: ${r.failed} mails refused or failed in one round; first: ${r.firstFailure ?? "–"}`);
    return r;
  };
  const floorRuns: LoadResult[] = [];
  const oursThenFloor = async (warmup: boolean) => {
    const r = await measure("ours", oursPort)(warmup);
    await new Promise((res) => setTimeout(res, 500));
    const f = await client.run({ port: floorPort, prefix: `floor${round++}`, seconds: warmup ? warmupSeconds : seconds });
    if (f.failed) problems.push(`reference: ${f.failed} mails failed in one round; first: ${f.firstFailure ?? "–"}`);
    if (!warmup) floorRuns.push(f);
    progress(`mail-inbound ${warmup ? "warm-up " : "        "} reference ${num(f.mailsPerSecond)} mails/s (ours without the database)`);
    return r;
  };
  const runs = await interleaved("mail-inbound", { ours: oursThenFloor, baseline: measure("baseline", barePort) }, {
    rounds,
    pauseMs: 500,
    describe: (r: LoadResult) => `${num(r.mailsPerSecond)} mails/s, p50 ${num(r.p50Ms)} ms, p99 ${num(r.p99Ms)} ms`,
  });

  const stored = await checkStored(db.url, { sent, answers, bareRead: bare.stats.mails }, problems);
  const bareAverage = bare.stats.mails ? bare.stats.bytes / bare.stats.mails : 0;

  const metrics = [
    metricOf(runs, "mailsPerSecond", "mails/s", "", "higher", (r) => r.mailsPerSecond),
    metricOf({ ours: floorRuns, baseline: runs.baseline }, "referenceMailsPerSecond", "reference: no database, mails/s", "", "higher", (r) => r.mailsPerSecond),
    ...latencyMetrics(runs),
  ];
  return {
    ...LABELS,
    metrics,
    goals: [goal(metrics, { text: "mails/s ours/baseline ≥ 0.5", metric: "mailsPerSecond", of: "ratio", atLeast: 0.5 })],
    settings: {
      connections: CONNECTIONS,
      inFlight: IN_FLIGHT,
      mailBytes: Math.round(bareAverage),
      mail: "multipart/alternative (text with a quoted thread + HTML), its own sender and Message-ID each",
      ...roundSettings(rounds, seconds, warmupSeconds, "the reference runs right after each ours"),
      reference: `ours without the database: smtp-server + the parse pool (${config.mailParseWorkers} worker thread(s)), mails discarded`,
      parseWorkers: config.mailParseWorkers,
      client: "nodemailer pooled SMTP transport in a child process",
      outboxSender: "not running (no SMTP_URL, JOBS=off)",
      databasePool: 10,
      postgres: await pg.postgresSetting(),
    },
    checks: { mailsAnswered250: sent, rowsStored: stored, oursAnswers: answers, bareMailsRead: bare.stats.mails },
  };
}
