import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { postTicket, sleep, startServerBehindRelay, type Outcome } from "../support/intake-load";
import { freePort } from "../support/server-process";
import { hasPostgres } from "../support/databases";
import type { ErrorBody } from "../../shared/error-codes";

const PARTITION_MS = 20_000;

/** One mail to the server's inbound SMTP: the reply code and how long it took. */
async function sendMail(port: number, i: number): Promise<{ code: number; ms: number }> {
  const started = Date.now();
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, socketTimeout: 30_000 });
  try {
    await transport.sendMail({
      from: `sender${i}@kunde.example`, to: "support@tidings.test",
      subject: `Partition mail ${i}`, text: "Does this arrive?", messageId: `<partition-${i}-${started}@kunde.example>`,
    });
    return { code: 250, ms: Date.now() - started };
  } catch (e) {
    return { code: (e as { responseCode?: number }).responseCode ?? -1, ms: Date.now() - started };
  } finally {
    transport.close();
  }
}

async function untilCreated(url: string, from: number, within: number): Promise<number> {
  const started = Date.now();
  for (let i = from; Date.now() - started < within; i++) {
    if ((await postTicket(url, i, "json")).status === 201) return Date.now() - started;
    await sleep(200);
  }
  return Infinity;
}

const expectQuick503 = (o: Outcome) => {
  expect(o.status, o.body).toBe(503);
  expect(o.ms).toBeLessThan(10_000);
  expect((JSON.parse(o.body!) as ErrorBody).error.code).toBe("UNAVAILABLE");
};

/**
 * The network to the database fails in each of its ways; each request and each mail is answered
 * within 10 s (503 UNAVAILABLE, 451), and intake works again by itself when the network does.
 */
describe.runIf(hasPostgres)("the database is out of reach", () => {
  let env: Awaited<ReturnType<typeof startServerBehindRelay>>;
  let smtpPort = 0;
  beforeAll(async () => {
    smtpPort = await freePort();
    env = await startServerBehindRelay({ SMTP_INBOUND_PORT: String(smtpPort), MAIL_FROM: "support@tidings.test" });
  });
  afterAll(async () => { await env?.cleanup(); });

  test("a 20 s partition (packets dropped): 503 and 451 within 10 s during it, 201 within 10 s after it", async () => {
    const { server, relay } = env;
    expect((await postTicket(server.url, 1, "json")).status).toBe(201);
    expect((await sendMail(smtpPort, 1)).code).toBe(250);

    await relay.setMode("drop");
    const partitionStarted = Date.now();
    const [early, mail, multipart] = await Promise.all([
      postTicket(server.url, 2, "json"),
      sendMail(smtpPort, 2),
      sleep(9000).then(() => postTicket(server.url, 3, "multipart")),
    ]);
    const ready = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    await sleep(Math.max(0, PARTITION_MS - (Date.now() - partitionStarted)));
    await relay.setMode("pass");
    const healedMs = await untilCreated(server.url, 10, 15_000);
    if (process.env.FAULTS_VERBOSE) console.error(JSON.stringify({ partition: { json503: early.ms, multipart503: multipart.ms, smtp: mail, healedMs } }));

    expectQuick503(early);
    expectQuick503(multipart);
    expect(mail.code).toBe(451);
    expect(mail.ms).toBeLessThan(10_000);
    expect(ready.status).toBe(503);
    expect(healedMs).toBeLessThan(10_000);
    expect(server.proc.exitCode).toBeNull();
  }, 90_000);

  test("refused and reset connections: 503 and 451 within 10 s, then 201 again", async () => {
    const { server, relay } = env;
    await relay.setMode("refuse");
    const [refused, mail] = await Promise.all([postTicket(server.url, 20, "multipart"), sendMail(smtpPort, 20)]);
    await relay.setMode("pass");
    const afterRefuse = await untilCreated(server.url, 30, 10_000);

    // A reset mid-request: the request is on the wire when every connection is cut.
    const inFlight = Promise.all(Array.from({ length: 10 }, (_, i) => postTicket(server.url, 40 + i, i % 2 ? "json" : "multipart")));
    await sleep(5);
    relay.reset();
    const reset = await inFlight;
    const afterReset = await untilCreated(server.url, 60, 10_000);
    if (process.env.FAULTS_VERBOSE) console.error(JSON.stringify({ refused: { ms: refused.ms, smtp: mail, afterRefuse }, reset: reset.map((o) => [o.status, o.ms]), afterReset }));

    expect(server.proc.exitCode, server.output().slice(-4000)).toBeNull();
    expectQuick503(refused);
    expect(mail.code).toBe(451);
    expect(mail.ms).toBeLessThan(10_000);
    expect(afterRefuse).toBeLessThan(10_000);
    for (const o of reset) {
      expect([201, 503]).toContain(o.status);
      expect(o.ms).toBeLessThan(10_000);
    }
    expect(afterReset).toBeLessThan(5000);
    expect(server.proc.exitCode).toBeNull();
  }, 60_000);
});
