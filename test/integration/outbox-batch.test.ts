/**
 * The outbox sender's batches (jobs/outbox-sender.ts): several mails in flight over a pooled
 * transport, and still exactly once. A mail whose send succeeded is marked sent even when another
 * mail of the same batch fails, and a later batch sends only what was not marked.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inArray } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { outbox } from "../../server/db/schema";
import { sendBatch, transportOptions } from "../../server/jobs/outbox-sender";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";

describe.each(drivers())("outbox batches on %s", (driver) => {
  let t: TestApp;
  let sink: SMTPServer;
  let transport: Transporter;
  const received: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  /** Called as each mail's data arrives at the sink. */
  let onMail: () => void = () => {};

  beforeAll(async () => {
    t = await startTestApp(driver, { MAIL_FROM: "support@tidings.test" });
    sink = new SMTPServer({
      authOptional: true, disabledCommands: ["AUTH", "STARTTLS"], logger: false, disableReverseLookup: true,
      // A mailbox that is temporarily unavailable: the one failure of the batch.
      onRcptTo(address, _s, cb) { cb(address.address.startsWith("busy") ? Object.assign(new Error("4.2.1 Mailbox busy, try later"), { responseCode: 451 }) : undefined); },
      onData(stream, session, cb) {
        inFlight++;
        onMail();
        mostInFlight = Math.max(mostInFlight, inFlight);
        stream.on("data", () => {});
        // Answered after a moment, so that the mails of a batch overlap as they would with a real relay.
        stream.on("end", () => setTimeout(() => { inFlight--; received.push(session.envelope.rcptTo[0]!.address); cb(); }, 50));
      },
    });
    await new Promise<void>((r) => sink.listen(0, "127.0.0.1", () => r()));
    transport = nodemailer.createTransport(transportOptions(`smtp://127.0.0.1:${(sink.server.address() as { port: number }).port}`, 4));
  });
  afterAll(async () => {
    transport?.close();
    await new Promise<void>((r) => (sink ? sink.close(() => r()) : r()));
    await t?.close();
  });

  test("the mails that went out are marked sent though one of the batch failed; the next batch sends only the rest", async () => {
    const to = Array.from({ length: 12 }, (_, i) => (i === 5 ? `busy-${driver}@kunde.example` : `ok${i}-${driver}@kunde.example`));
    const rows = await t.deps.db.insert(outbox).values(to.map((addr, i) => ({
      kind: "acknowledgement", toAddress: addr, subject: `Ack ${i}`, textBody: "Thank you.", messageId: `<batch${i}.${driver}@tidings.test>`,
    }))).returning({ id: outbox.id });

    expect(await sendBatch(t.deps, transport, 4)).toBe(12);
    expect(mostInFlight, "mails in flight at once").toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    const after = await t.deps.db.select().from(outbox).where(inArray(outbox.id, rows.map((r) => r.id)));
    const sent = after.filter((r) => r.status === "sent");
    expect(sent.map((r) => r.toAddress).sort()).toEqual(to.filter((a) => !a.startsWith("busy")).sort());
    expect(sent.every((r) => r.attempts === 1 && r.sentAt && r.leaseUntil === null)).toBe(true);
    const busy = after.find((r) => r.toAddress.startsWith("busy"))!;
    expect(busy).toMatchObject({ status: "pending", attempts: 1, leaseUntil: null });
    expect(busy.lastError).toMatch(/451/);

    // Once the retry is due, only the failed mail is tried again: nothing delivered goes out twice.
    await t.deps.db.update(outbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(inArray(outbox.id, [busy.id]));
    expect(await sendBatch(t.deps, transport, 4)).toBe(1);
    expect(received.filter((a) => a.endsWith(`-${driver}@kunde.example`)).sort()).toEqual(to.filter((a) => !a.startsWith("busy")).sort());
  });

  test("a stop during a batch: the mail in flight goes out and is marked, the rest are handed back unsent (lease cleared) for another process", async () => {
    const to = Array.from({ length: 10 }, (_, i) => `stop${i}-${driver}@kunde.example`);
    const rows = await t.deps.db.insert(outbox).values(to.map((addr, i) => ({
      kind: "acknowledgement", toAddress: addr, subject: `Stop ${i}`, textBody: "Thank you.", messageId: `<stop${i}.${driver}@tidings.test>`,
    }))).returning({ id: outbox.id });
    const stopping = new AbortController();
    // The process is told to stop while the first mail is on the wire.
    onMail = () => stopping.abort();
    try {
      expect(await sendBatch(t.deps, transport, 1, stopping.signal)).toBe(10);
    } finally {
      onMail = () => {};
    }
    const after = await t.deps.db.select().from(outbox).where(inArray(outbox.id, rows.map((r) => r.id)));
    const sent = after.filter((r) => r.status === "sent");
    expect(sent).toHaveLength(1);
    expect(received.filter((a) => a.startsWith("stop") && a.endsWith(`-${driver}@kunde.example`))).toEqual(sent.map((r) => r.toAddress));
    const handedBack = after.filter((r) => r.status !== "sent");
    expect(handedBack).toHaveLength(9);
    expect(handedBack.every((r) => r.status === "pending" && r.leaseUntil === null && r.attempts === 0)).toBe(true);
  });
});
