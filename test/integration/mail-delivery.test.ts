import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { mailAlerts, mailSuppressionLifts, mailSuppressions, outbox, ticketEvents } from "../../server/db/schema";
import { drivers } from "../support/databases";
import { enqueueMails } from "../../server/services/mail/outbox";
import { startMailApp, type MailApp } from "../support/mail-app";
import { postfixLikeRelay } from "../support/postfix-replies";
import { adminHeaders } from "../support/test-app";
import { answerOf } from "../support/answers";
import { mailAlertListSchema, suppressionListSchema } from "../../shared/api/console-responses";

/**
 * Issue 12 over real sockets: our outbound transport against a relay (smtp-server) that refuses
 * per recipient with the very lines Postfix 3.7 gave, inbound DSNs built like Postfix's, and the
 * inbound listener's RCPT check. Recipients are named for what the relay says to them
 * (test/support/postfix-replies.ts); test/integration/mail-mta.test.ts runs the same through a real Postfix.
 */
describe.each(drivers())("delivery failures read by their codes, on %s", (driver) => {
  let m: MailApp;
  /** Recipients the relay has been fixed for; "busy" gets two 451s and then a 250. */
  const fixed = new Set<string>();

  beforeAll(async () => {
    m = await startMailApp(driver, { MAIL_FROM_NAME: "Tidings Support", SMTP_EHLO_NAME: "desk.tidings.test" }, postfixLikeRelay(fixed));
  });
  afterAll(async () => { await m?.close(); });

  const db = () => m.t.deps.db;
  const rowsTo = (to: string) => db().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.id);
  async function settled(to: string, status: "failed" | "sent", ms = 10_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const rows = await rowsTo(to);
      if (rows.length && rows.at(-1)!.status === status) return rows.at(-1)!;
      if (Date.now() > deadline) throw new Error(`mail to ${to} did not become ${status}: ${JSON.stringify(rows.map((r) => [r.status, r.lastError]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const suppressed = async (to: string) => (await db().select().from(mailSuppressions).where(eq(mailSuppressions.email, to))).length > 0;
  const alertsFor = (to: string) => db().select().from(mailAlerts).where(eq(mailAlerts.toAddress, to));

  /** A mail from `from` whose one attempt fails with `lastError`, its address not suppressed. */
  const failsAtOnce = async (from: string, subject: string, lastError: string) => {
    await m.send({ from, subject, text: "x" });
    const row = await settled(from, "failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe(lastError);
    expect(await suppressed(from)).toBe(false);
  };

  test("554 5.7.1 Relay access denied: failed at once, no suppression, an operator alert; no DATA, and QUIT", async () => {
    await failsAtOnce("relay@kunde.example", "Relay case", "our-setup: 554 5.7.1 <relay@kunde.example>: Relay access denied");
    expect(await alertsFor("relay@kunde.example")).toMatchObject([{ kind: "our-setup", code: "5.7.1", reply: "554 5.7.1 <relay@kunde.example>: Relay access denied" }]);
    const session = m.sink.sessions.find((s) => s.some((c) => c.includes("RCPT TO:<relay@kunde.example>")))!;
    // The outbox row is written as QUIT goes out: give the sink a moment to read it.
    for (let i = 0; i < 40 && session.at(-1) !== "QUIT"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(session[0]).toBe("EHLO desk.tidings.test");
    expect(session).not.toContain("DATA");
    expect(session.at(-1)).toBe("QUIT");
    const alerts = await answerOf(await m.t.app.request("/api/v1/admin/mail/alerts", { headers: adminHeaders }), mailAlertListSchema);
    expect(alerts.items.some((a) => a.to === "relay@kunde.example" && a.kind === "our-setup")).toBe(true);

    // Once the relay trusts us, the client's next mail goes out: they were never suppressed.
    fixed.add("relay@kunde.example");
    await m.send({ from: "relay@kunde.example", subject: "Relay fixed", text: "x" });
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Relay fixed")));
    const got = m.sink.received.find((x) => x.subject?.includes("Relay fixed"))!;
    expect(got.from?.value[0]).toEqual({ name: "Tidings Support", address: "support@tidings.test" });
  });

  test("553 5.7.1 Sender address rejected: the same, the client stays mailable", async () => {
    await m.send({ from: "notowned@kunde.example", subject: "Sender case", text: "x" });
    await settled("notowned@kunde.example", "failed");
    expect(await suppressed("notowned@kunde.example")).toBe(false);
    expect(await alertsFor("notowned@kunde.example")).toMatchObject([{ kind: "our-setup", code: "5.7.1" }]);
    fixed.add("notowned@kunde.example");
    await m.send({ from: "notowned@kunde.example", subject: "Sender fixed", text: "x" });
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Sender fixed")));
  });

  test("550 5.1.1 User unknown suppresses; later mail is held back; an admin lists and lifts it and the held mail goes out", async () => {
    await m.send({ from: "gone@kunde.example", subject: "Gone case", text: "x" });
    const first = await settled("gone@kunde.example", "failed");
    expect(await suppressed("gone@kunde.example")).toBe(true);
    expect(await alertsFor("gone@kunde.example")).toEqual([]);
    await m.send({ from: "gone@kunde.example", subject: "Gone again", text: "x" });
    const held = (await rowsTo("gone@kunde.example")).at(-1)!;
    expect(held.status).toBe("suppressed");

    const list = await answerOf(await m.t.app.request("/api/v1/admin/suppressions?q=gone", { headers: adminHeaders }), suppressionListSchema);
    expect(list.items).toMatchObject([{ email: "gone@kunde.example", code: "5.1.1", heldBack: 1, cause: { outboxId: first.id, kind: "acknowledgement" } }]);
    expect(list.items[0]!.reason).toContain("User unknown");

    fixed.add("gone@kunde.example");
    const lifted = await m.t.app.request("/api/v1/admin/suppressions/gone%40kunde.example", { method: "DELETE", headers: adminHeaders });
    expect(await lifted.json()).toEqual({ email: "gone@kunde.example", requeued: 1, notRequeued: 0 });
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Gone again")));
    expect(await suppressed("gone@kunde.example")).toBe(false);
    expect(await db().select().from(mailSuppressionLifts).where(eq(mailSuppressionLifts.email, "gone@kunde.example"))).toMatchObject([{ liftedBy: "admin", requeued: 1, code: "5.1.1", outboxId: first.id }]);
    const again = await m.t.app.request("/api/v1/admin/suppressions/gone%40kunde.example", { method: "DELETE", headers: adminHeaders });
    expect(again.status).toBe(404);
  });

  test("automatic mail written in a batch (as mail intake writes it) to a suppressed address is held back too", async () => {
    await db().insert(mailSuppressions).values({ email: "held@kunde.example", reason: "mailbox: 550 5.1.1", code: "5.1.1" });
    const mail = (to: string, subject: string) => ({ mail: { ticketId: null, tid: null, kind: "acknowledgement", to, subject, text: "x" } });
    const r = await enqueueMails(db(), m.t.deps, [mail("held@kunde.example", "Batch held"), mail("fine@kunde.example", "Batch fine"), mail("Held@kunde.example", "Batch held 2")]);
    expect(r.map((x) => x.queued)).toEqual([false, true, false]);
    expect((await rowsTo("held@kunde.example")).map((x) => x.status)).toEqual(["suppressed", "suppressed"]);
    const lifted = await m.t.app.request("/api/v1/admin/suppressions/held@kunde.example", { method: "DELETE", headers: adminHeaders });
    expect(await lifted.json()).toEqual({ email: "held@kunde.example", requeued: 2, notRequeued: 0 });
    // Newest first: the later mail is due a moment before the earlier one.
    const [older, newer] = await rowsTo("held@kunde.example");
    expect(newer!.nextAttemptAt.getTime()).toBeLessThan(older!.nextAttemptAt.getTime());
  });

  test("451 4.3.0 is retried with backoff until the relay takes it", async () => {
    await m.send({ from: "busy@kunde.example", subject: "Busy case", text: "x" });
    const row = await settled("busy@kunde.example", "sent");
    expect(row.attempts).toBe(3);
    expect(await suppressed("busy@kunde.example")).toBe(false);
  });

  test("552 5.3.4 after DATA fails the mail at once, without suppressing", async () => {
    await failsAtOnce("big@kunde.example", "Big case", "system: 552 5.3.4 Error: message file too big");
    expect(await alertsFor("big@kunde.example")).toMatchObject([{ kind: "system", code: "5.3.4" }]);
  });

  /** A DSN as Postfix's bounce(8) builds it for one of our sent mails. */
  function postfixDsn(messageId: string, to: string, action: "delayed" | "failed", status: string, diagnostic: string) {
    return [
      "From: MAILER-DAEMON@relay.tidings.test (Mail Delivery System)", "To: support@tidings.test",
      action === "delayed" ? "Subject: Delayed Mail (still being retried)" : "Subject: Undelivered Mail Returned to Sender",
      `Message-Id: <20261201221004.${action}.${to.split("@")[0]}@relay.tidings.test>`, "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0", 'Content-Type: multipart/report; report-type=delivery-status; boundary="4Fq2Zk1x9Mz3wPd.1764627004/relay.tidings.test"',
      "", "This is a MIME-encapsulated message.", "", "--4Fq2Zk1x9Mz3wPd.1764627004/relay.tidings.test",
      "Content-Description: Notification", "Content-Type: text/plain; charset=us-ascii", "",
      "This is the mail system at host relay.tidings.test.", "",
      action === "delayed" ? "####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################" : "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.",
      "", "--4Fq2Zk1x9Mz3wPd.1764627004/relay.tidings.test", "Content-Description: Delivery report", "Content-Type: message/delivery-status", "",
      "Reporting-MTA: dns; relay.tidings.test", "X-Postfix-Queue-ID: 4Fq2Zk1x9Mz3wPd", "X-Postfix-Sender: rfc822; support@tidings.test",
      "Arrival-Date: Tue,  1 Dec 2026 22:10:04 +0000 (UTC)", "",
      `Final-Recipient: rfc822; ${to}`, `Original-Recipient: rfc822;${to}`, `Action: ${action}`, `Status: ${status}`,
      "Remote-MTA: dns; mx.kunde.example", `Diagnostic-Code: smtp; ${diagnostic}`,
      ...(action === "delayed" ? ["Will-Retry-Until: Fri,  4 Dec 2026 22:10:04 +0000 (UTC)"] : []), "",
      "--4Fq2Zk1x9Mz3wPd.1764627004/relay.tidings.test", "Content-Description: Undelivered Message Headers", "Content-Type: text/rfc822-headers", "",
      "From: Tidings Support <support@tidings.test>", `To: ${to}`, "Subject: Received", `Message-ID: ${messageId}`, "",
      "--4Fq2Zk1x9Mz3wPd.1764627004/relay.tidings.test--", "",
    ].join("\r\n");
  }

  test("a Postfix delay notice (delayed, 4.4.1) changes no row's state; the failure (failed, 5.1.1) bounces and suppresses", async () => {
    await m.send({ from: "late@kunde.example", subject: "Late case", text: "x" });
    const sent = await settled("late@kunde.example", "sent");
    const eventsBefore = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, sent.ticketId!));

    const delayed = await m.sendRaw("", postfixDsn(sent.messageId!, "late@kunde.example", "delayed", "4.4.1", "connect to mx.kunde.example[192.0.2.9]:25: Connection timed out"));
    expect(delayed.response).toMatch(/^250 2\.\d\.0 Accepted: bounce/);
    const afterDelay = (await rowsTo("late@kunde.example")).at(-1)!;
    expect(afterDelay).toMatchObject({ status: "sent", lastError: null, attempts: sent.attempts });
    expect(afterDelay.note).toMatch(/^delayed 4\.4\.1/);
    expect(await suppressed("late@kunde.example")).toBe(false);
    expect(await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, sent.ticketId!))).toHaveLength(eventsBefore.length);

    await m.sendRaw("", postfixDsn(sent.messageId!, "late@kunde.example", "failed", "5.1.1", "550 5.1.1 <late@kunde.example>: Recipient address rejected: User unknown in local recipient table"));
    expect((await rowsTo("late@kunde.example")).at(-1)).toMatchObject({ status: "failed" });
    expect(await suppressed("late@kunde.example")).toBe(true);
    const bounced = await db().select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, sent.ticketId!), eq(ticketEvents.type, "mail-bounced")));
    expect(bounced[0]!.data).toMatchObject({ status: "5.1.1", kind: "mailbox", suppressed: true });
  });

  test("RCPT TO an address that is not ours gets 550 5.1.1; mail to the support address still opens a ticket", async () => {
    const client = nodemailer.createTransport({ host: "127.0.0.1", port: m.port, secure: false, ignoreTLS: true });
    try {
      const err = await client.sendMail({ envelope: { from: "x@kunde.example", to: ["x@elsewhere.example"] }, raw: "Subject: hi\r\n\r\nhi\r\n" }).then(() => null, (e: { responseCode?: number; response?: string }) => e);
      expect(err?.responseCode).toBe(550);
      expect(err?.response).toMatch(/^550 5\.1\.1 <x@elsewhere\.example>: Recipient address rejected/);
      const both = await client.sendMail({ envelope: { from: "mixed@kunde.example", to: ["support@tidings.test", "x@elsewhere.example"] }, raw: "From: mixed@kunde.example\r\nSubject: Mixed\r\n\r\nhi\r\n" });
      expect(both.rejected).toEqual(["x@elsewhere.example"]);
      expect(both.response).toMatch(/^250 2\.\d\.0 Accepted: ticket TID#\d+/);
    } finally {
      client.close();
    }
  });
});
