import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { inboundMails, mailSuppressions, messages, outbox, ticketEvents, tickets } from "../../server/db/schema";
import { backends, storeEnv } from "../support/stores";
import { startMailApp, type MailApp } from "../support/mail-app";
import { adminHeaders, postJson } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { heldMailListSchema, spamReleasedSchema } from "../../shared/api/console-responses";

const tidOf = (subject: string | undefined) => /\[TID#(\d+)\]/.exec(subject ?? "")?.[1];

describe.each(backends())("the mail channel over real sockets on %s with %s storage", (driver, store) => {
  let m: MailApp;
  beforeAll(async () => { m = await startMailApp(driver, storeEnv(store)); });
  afterAll(async () => { await m?.close(); });

  const ticket = async (tid: string) => answerOf(await m.t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);

  test("a new mail gives a ticket and an acknowledgement carrying [TID#…] and the level", async () => {
    const info = await m.send({ from: "Erika Muster <erika@kunde.example>", subject: "Shop zeigt Fehler 500", text: "Seit dem Update.\n1. Shop öffnen" });
    expect(info.response).toMatch(/^250 .*Accepted: ticket TID#\d+/);
    const [ack] = await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Shop zeigt Fehler 500")), 5000);
    const got = m.sink.received.find((x) => x.subject?.includes("Shop zeigt Fehler 500"))!;
    expect(ack).toBeTruthy();
    const tid = tidOf(got.subject)!;
    expect(got.subject).toContain(`[TID#${tid}]`);
    expect(got.text).toContain(`TID#${tid}`);
    expect(got.text).toMatch(/Non-commercial, self-hosted/);
    expect(got.headers.get("auto-submitted")).toBe("auto-replied");
    const view = await ticket(tid);
    expect(view).toMatchObject({ channel: "email", requester: { email: "erika@kunde.example", name: "Erika Muster" }, subject: "Shop zeigt Fehler 500" });
  });

  test("replies thread by In-Reply-To, by the subject TID from the requester; strangers and typos open new tickets", async () => {
    await m.send({ from: "anna@kunde.example", cc: "chef@kunde.example", subject: "Login broken", text: "Cannot log in." });
    const ack = (await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Login broken"))), m.sink.received.find((x) => x.subject?.includes("Login broken"))!);
    const tid = tidOf(ack.subject)!;

    const r1 = await m.send({ from: "anna@kunde.example", subject: "whatever", text: "More details by In-Reply-To", inReplyTo: ack.messageId, references: [ack.messageId!] });
    expect(r1.response).toContain(`Accepted: message TID#${tid}`);
    const r2 = await m.send({ from: "anna@kunde.example", subject: `Re: [TID#${tid}] Login broken`, text: "Details by subject" });
    expect(r2.response).toContain(`Accepted: message TID#${tid}`);
    const r3 = await m.send({ from: "chef@kunde.example", subject: `AW: [TID#${tid}] Login broken`, text: "The copied boss answers" });
    expect(r3.response).toContain(`Accepted: message TID#${tid}`);
    const stranger = await m.send({ from: "mallory@evil.example", subject: `[TID#${tid}] let me in`, text: "Add me to that ticket" });
    expect(stranger.response).toMatch(/Accepted: ticket TID#(\d+)/);
    expect(stranger.response).not.toContain(`TID#${tid}`);
    const typo = tid.slice(0, -1) + String((Number(tid.at(-1)) + 1) % 10);
    const typoMail = await m.send({ from: "anna@kunde.example", subject: `Re: [TID#${typo}] Login broken`, text: "Mistyped TID" });
    expect(typoMail.response).toMatch(/Accepted: ticket /);
    const forged = await m.send({ from: "mallory@evil.example", subject: "x", text: "Forged reference", inReplyTo: `<t${tid}.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA@tidings.test>` });
    expect(forged.response).toMatch(/Accepted: ticket /);

    const view = await ticket(tid);
    expect(view.messages.map((x) => x.body)).toEqual(["Cannot log in.", "More details by In-Reply-To", "Details by subject", "The copied boss answers"]);
    const strangerTid = /TID#(\d+)/.exec(stranger.response)![1]!;
    const [row] = await m.t.deps.db.select().from(tickets).where(eq(tickets.tid, strangerTid));
    const [created] = await m.t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, row!.id));
    expect(created!.data).toMatchObject({ namedTid: tid });
  });

  test("a reply resumes a ticket waiting on the client; a reply to a resolved ticket reopens it", async () => {
    await m.send({ from: "resume@kunde.example", subject: "Pause me", text: "Start" });
    const ack = (await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Pause me"))), m.sink.received.find((x) => x.subject?.includes("Pause me"))!);
    const tid = tidOf(ack.subject)!;
    await postJson(m.t, `/api/v1/tickets/${tid}/status`, { status: "pending-client" }, adminHeaders);
    await m.send({ from: "resume@kunde.example", subject: `Re: [TID#${tid}] Pause me`, text: "Here is the info" });
    expect((await ticket(tid)).status).toBe("open");
    await postJson(m.t, `/api/v1/tickets/${tid}/status`, { status: "resolved" }, adminHeaders);
    await m.send({ from: "resume@kunde.example", subject: `Re: [TID#${tid}] Pause me`, text: "Still broken" });
    expect((await ticket(tid)).status).toBe("open");
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes(`[TID#${tid}]`) && /reopened/i.test(x.subject ?? "")), 5000);
  });

  test("auto-replies, bulk mail and our own looped mail get no answer", async () => {
    const before = m.sink.received.length;
    await m.send({ from: "ooo@kunde.example", subject: "Out of office", text: "I am away", headers: { "Auto-Submitted": "auto-replied" } });
    await m.send({ from: "news@shop.example", subject: "Newsletter", text: "Buy", headers: { Precedence: "bulk" } });
    await m.send({ from: "robot@kunde.example", subject: "Autoreply", text: "x", headers: { "X-Autoreply": "yes" } });
    await m.send({ from: "ex@kunde.example", subject: "Exchange", text: "x", headers: { "X-Auto-Response-Suppress": "All" } });
    await m.send({ from: "MAILER-DAEMON@mx.example", subject: "Hello", text: "x" });
    const ours = m.sink.received.find((x) => x.messageId?.endsWith("@tidings.test>"))!;
    await m.sendRaw("somebody@kunde.example", `From: somebody@kunde.example\r\nTo: support@tidings.test\r\nMessage-ID: ${ours.messageId}\r\nSubject: looped\r\n\r\nOur own mail back\r\n`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(m.sink.received.length).toBe(before);
    const outcomes = await m.t.deps.db.select({ outcome: inboundMails.outcome, reason: inboundMails.reason }).from(inboundMails);
    expect(outcomes.filter((o) => o.outcome === "ignored").length).toBeGreaterThanOrEqual(6);
    expect(outcomes.some((o) => o.reason?.includes("loop"))).toBe(true);
  });

  test("50 mails in a burst from one address get no more automatic answers than the cap", async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => m.send({ from: "burst@kunde.example", subject: `Burst ${i}`, text: `Mail ${i}` })));
    const queued = await m.t.deps.db.select().from(outbox).where(eq(outbox.toAddress, "burst@kunde.example"));
    expect(queued.length).toBe(10);
    const created = await m.t.deps.db.select({ n: tickets.id }).from(tickets).where(eq(tickets.subject, "Burst 0"));
    expect(created.length).toBe(1); // every mail still became a ticket
  });

  test("a bounce is linked to the message it bounces and stops automatic mail to that address", async () => {
    await m.send({ from: "gone@kunde.example", subject: "Will bounce", text: "x" });
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Will bounce")));
    const ack = m.sink.received.find((x) => x.subject?.includes("Will bounce"))!;
    const dsn = [
      "From: MAILER-DAEMON@mx.kunde.example", "To: support@tidings.test", "Subject: Undelivered Mail Returned to Sender",
      "MIME-Version: 1.0", 'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"', "", "--BB", "Content-Type: text/plain", "",
      "The mail could not be delivered.", "--BB", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.kunde.example", "",
      "Final-Recipient: rfc822; gone@kunde.example", "Action: failed", "Status: 5.1.1", "--BB", "Content-Type: text/rfc822-headers", "",
      `Message-ID: ${ack.messageId}`, `Subject: ${ack.subject}`, "--BB--", "",
    ].join("\r\n");
    const r = await m.sendRaw("", dsn);
    expect(r.response).toMatch(/Accepted: bounce/);
    const tid = tidOf(ack.subject)!;
    const [row] = await m.t.deps.db.select().from(tickets).where(eq(tickets.tid, tid));
    const events = await m.t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, row!.id));
    expect(events.find((e) => e.type === "mail-bounced")!.data).toMatchObject({ to: "gone@kunde.example", status: "5.1.1", permanent: true });
    expect(await m.t.deps.db.select().from(mailSuppressions).where(eq(mailSuppressions.email, "gone@kunde.example"))).toHaveLength(1);
    await m.send({ from: "gone@kunde.example", subject: "Second try", text: "x" });
    // The second acknowledgement is held back, not sent: lifting the suppression would re-queue it.
    const second = await m.t.deps.db.select().from(outbox).where(eq(outbox.toAddress, "gone@kunde.example")).orderBy(outbox.id);
    expect(second.map((r) => r.status)).toEqual(["failed", "suppressed"]);
    expect((await m.t.deps.db.select().from(messages)).length).toBeGreaterThan(0);
  });

  test("a refused attachment does not drop the mail: the ticket is made and the sender told", async () => {
    await m.send({
      from: "files@kunde.example", subject: "With files", text: "See attached",
      attachments: [{ filename: "virus.exe", content: Buffer.from("MZ\x90\x00 this is not an image") }, { filename: "winmail.dat", content: Buffer.from([0x78, 0x9f, 0x3e, 0x22]), contentType: "application/ms-tnef" }],
    });
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("With files")));
    const ack = m.sink.received.find((x) => x.subject?.includes("With files"))!;
    expect(ack.text).toContain("virus.exe");
    expect(ack.text).toContain("winmail.dat");
  });
});

// A held mail is kept whole as a blob and read back on release: on both stores.
describe.each(["fs", "s3"] as const)("the spam folder with %s storage", (store) => {
  let m: MailApp;
  beforeAll(async () => { m = await startMailApp("pglite", storeEnv(store)); });
  afterAll(async () => { await m?.close(); });

  test("upstream spam gets no TID and no answer until staff release it", async () => {
    const r = await m.send({ from: "maybe@kunde.example", subject: "Cheap pills or real bug?", text: "It is a real bug", headers: { "X-Spam-Flag": "YES" } });
    expect(r.response).toMatch(/Accepted: spam$/);
    await new Promise((res) => setTimeout(res, 500));
    expect(m.sink.received).toHaveLength(0);
    const held = await answerOf(await m.t.app.request("/api/v1/admin/mail/inbound?outcome=spam", { headers: adminHeaders }), heldMailListSchema);
    expect(held.items).toHaveLength(1);
    expect(held.items[0]).toMatchObject({ from: "maybe@kunde.example", reason: "X-Spam-Flag: YES" });
    const released = await postJson(m.t, `/api/v1/admin/mail/spam/${held.items[0]!.id}/release`, {}, adminHeaders);
    expect(released.status).toBe(200);
    const body = await answerOf(released, spamReleasedSchema);
    expect(body.outcome).toBe("ticket");
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes(`[TID#${body.tid}]`)), 5000);
    expect((await m.t.app.request(`/api/v1/admin/mail/spam/${held.items[0]!.id}/release`, { method: "POST", headers: adminHeaders })).status).toBe(404);
  });

  test("a release that fails leaves the mail in the spam folder, to be released again", async () => {
    await m.send({ from: "held@kunde.example", subject: "Held but real", text: "Please look", headers: { "X-Spam-Flag": "YES" } });
    const spam = async () => (await answerOf(await m.t.app.request("/api/v1/admin/mail/inbound?outcome=spam", { headers: adminHeaders }), heldMailListSchema)).items
      .filter((i) => i.from === "held@kunde.example");
    const [held] = await spam();
    const calendar = m.t.deps.calendar;
    m.t.deps.calendar = () => Promise.reject(new Error("the calendar is not there"));
    try {
      const failed = await postJson(m.t, `/api/v1/admin/mail/spam/${held!.id}/release`, {}, adminHeaders);
      expect(failed.status).toBe(500);
    } finally {
      m.t.deps.calendar = calendar;
    }
    expect((await spam()).map((i) => i.id)).toEqual([held!.id]);
    const again = await postJson(m.t, `/api/v1/admin/mail/spam/${held!.id}/release`, {}, adminHeaders);
    expect(again.status).toBe(200);
    expect((await answerOf(again, spamReleasedSchema)).outcome).toBe("ticket");
  });
});
