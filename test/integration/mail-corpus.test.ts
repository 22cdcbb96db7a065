/**
 * Issue 5, acceptance 5: the hostile and odd mail corpus (test/fixtures/mail-corpus/corpus.ts),
 * each mail sent over a real SMTP connection (nodemailer) to our inbound listener. For every mail:
 *  - the listener answers (250 with its outcome, or the SMTP error the case names) and stays up:
 *    a plain mail sent right after it still becomes a ticket;
 *  - the mail ends as exactly one of: a ticket, a message on a ticket, or one `inbound_mails` row
 *    (ignored, rejected, spam, bounce) with a reason; nothing is half-stored: the row counts move
 *    together, the ticket has its first message, and every blob on disk is referenced by a row.
 * Every mail runs on both drivers; the heavy ones (20 MiB attachment, over the size limit) take
 * about 5 s and 3 s each and only get a longer timeout.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { asc, desc, eq, gt, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { attachments, inboundMails, messages, outbox, requesters, ticketEvents, ticketParticipants, tickets } from "../../server/db/schema";
import { referencedShas } from "../../server/services/tickets/blob-refs";
import { drivers, type Driver } from "../support/databases";
import { startMailApp, type MailApp } from "../support/mail-app";
import { CORPUS_MAX_BYTES, corpus, type CorpusCase, type Outcome } from "../fixtures/mail-corpus/corpus";

const SUPPORT = "support@tidings.test";

test("the corpus holds at least 30 mails with distinct names", () => {
  expect(corpus.length).toBeGreaterThanOrEqual(30);
  expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
});

describe.each(drivers())("the hostile mail corpus over SMTP on %s", (driver: Driver) => {
  let m: MailApp;
  let client: Transporter<SMTPTransport.SentMessageInfo>;
  let canaries = 0;

  beforeAll(async () => {
    // kunde.example is ours here too: the "200 recipients" case is about the recipient cap, not about whose addresses they are.
    m = await startMailApp(driver, { MAIL_MAX_BYTES: String(CORPUS_MAX_BYTES), MAIL_INBOUND_DOMAINS: "tidings.test,kunde.example" });
    client = nodemailer.createTransport({ host: "127.0.0.1", port: m.port, secure: false, ignoreTLS: true, socketTimeout: 120_000 });
  });
  afterAll(async () => {
    client?.close();
    await m?.close();
  });

  const db = () => m.t.deps.db;

  async function counts() {
    const [row] = await db().select({
      tickets: sql<number>`(select count(*) from ${tickets})::int`,
      messages: sql<number>`(select count(*) from ${messages})::int`,
      inbound: sql<number>`(select count(*) from ${inboundMails})::int`,
      lastInbound: sql<number>`(select coalesce(max(id), 0) from ${inboundMails})::int`,
    }).from(sql`(select 1) as one`);
    return row!;
  }

  /** Sends raw bytes over SMTP with the case's envelope; resolves with the server's answer. */
  const sendRaw = (c: CorpusCase, raw: Buffer) =>
    client.sendMail({ envelope: { from: c.envelope.from, to: c.envelope.to ?? [SUPPORT] }, raw });

  function answer(response: string): { outcome: Outcome; tid: string | null } {
    const r = /^250 .*Accepted: (\w+)(?: TID#(\d+))?/.exec(response);
    expect(r, `SMTP answer ${response}`).not.toBeNull();
    return { outcome: r![1] as Outcome, tid: r![2] ?? null };
  }

  /** Every blob on disk belongs to an attachment or a held raw mail: nothing half-stored. */
  async function expectNoOrphanBlobs() {
    const shas: string[] = [];
    for await (const b of m.t.deps.blobs.list()) shas.push(b.sha256);
    const kept = await referencedShas(db(), shas);
    expect(shas.filter((s) => !kept.has(s)), "blobs no row references").toEqual([]);
  }

  /** The listener is still up and still makes tickets. */
  async function expectCanary() {
    const n = ++canaries;
    const info = await m.send({ from: `canary-${n}@kunde.example`, subject: `Canary ${n}`, text: "Still alive?" });
    expect(info.response).toMatch(/^250 .*Accepted: ticket TID#\d+/);
  }

  async function ticketFacts(tid: string) {
    const [t] = await db().select({ id: tickets.id, subject: tickets.subject, channel: tickets.channel, email: requesters.email })
      .from(tickets).innerJoin(requesters, eq(requesters.id, tickets.requesterId)).where(eq(tickets.tid, tid));
    expect(t, `ticket ${tid}`).toBeTruthy();
    const msgs = await db().select().from(messages).where(eq(messages.ticketId, t!.id)).orderBy(asc(messages.id));
    const files = await db().select().from(attachments).where(eq(attachments.ticketId, t!.id));
    const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, t!.id));
    const people = await db().select().from(ticketParticipants).where(eq(ticketParticipants.ticketId, t!.id));
    const acks = await db().select({ id: outbox.id }).from(outbox).where(eq(outbox.ticketId, t!.id));
    return { ...t!, msgs, files, events, people, acks };
  }

  for (const c of corpus) {
    test(`${c.name}: ${c.what}`, async () => {
      const id = `<${c.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.${driver}@corpus.example>`;
      let tid: string | null = null;
      if (c.replyFrom) {
        const first = await m.send({ from: c.replyFrom, subject: "A ticket to reply to", text: "Opening." });
        tid = answer(first.response).tid;
        expect(tid).toBeTruthy();
      }
      const raw = c.raw({ id, tid });
      if ("duplicate" in c.expect) {
        const first = await sendRaw(c, raw);
        expect(answer(first.response).outcome).toBe("ticket");
      }

      const before = await counts();
      const newRows = () => db().select().from(inboundMails).where(gt(inboundMails.id, before.lastInbound)).orderBy(asc(inboundMails.id));

      if ("smtpCode" in c.expect) {
        const err = await sendRaw(c, raw).then(() => null, (e: { responseCode?: number; response?: string }) => e);
        expect(err, "the listener must refuse this mail").not.toBeNull();
        expect(err!.responseCode, err!.response).toBe(c.expect.smtpCode);
        expect(await counts()).toEqual(before);
        expect(m.t.logs.join("")).toMatch(/over the size limit/);
      } else {
        const info = await sendRaw(c, raw);
        const got = answer(info.response);
        expect(info.rejected.length, `refused recipients: ${info.rejected.join(", ")}`).toBe(c.rejectedRecipients ?? 0);
        const after = await counts();
        const rows = await newRows();

        if ("duplicate" in c.expect) {
          // Answered 250 (the mail is safe with us) and nothing is stored twice.
          expect(got.outcome).toBe("ticket");
          expect(after).toEqual(before);
        } else {
          const allowed = Array.isArray(c.expect.outcome) ? c.expect.outcome : [c.expect.outcome];
          expect(allowed, `outcome ${got.outcome}; row ${JSON.stringify(rows[0]?.reason)}`).toContain(got.outcome);
          expect(rows, "exactly one inbound_mails row").toHaveLength(1);
          const row = rows[0]!;
          expect(row.outcome).toBe(got.outcome);
          expect(row.size).toBeGreaterThan(0);
          if (c.expect.reason) expect(row.reason).toMatch(c.expect.reason);

          if (got.outcome === "ticket") {
            expect(after.tickets).toBe(before.tickets + 1);
            expect(after.messages).toBe(before.messages + 1);
            const t = await ticketFacts(got.tid!);
            expect(row.ticketId).toBe(t.id);
            expect(t.channel).toBe("email");
            expect(t.msgs).toHaveLength(1);
            expect(t.events.some((e) => e.type === "created")).toBe(true);
            expect(t.acks.length, "an acknowledgement in the outbox").toBeGreaterThanOrEqual(1);
            expect(t.subject.length).toBeGreaterThan(0);
            checkTicket(c, t, t.msgs[0]!.body);
          } else if (got.outcome === "message") {
            expect(got.tid).toBe(tid);
            expect(after.tickets).toBe(before.tickets);
            expect(after.messages).toBe(before.messages + 1);
            const t = await ticketFacts(tid!);
            expect(row.ticketId).toBe(t.id);
            expect(t.msgs).toHaveLength(2);
            checkTicket(c, t, t.msgs[1]!.body);
          } else {
            // Not a ticket: a logged row that says why, and nothing else.
            expect(after.tickets).toBe(before.tickets);
            expect(after.messages).toBe(before.messages);
            expect(row.reason, "a reason").toBeTruthy();
            if (got.outcome === "rejected" || got.outcome === "spam") {
              expect(row.rawSha256, "the raw mail is kept to be read").toBeTruthy();
              expect(await m.t.deps.blobs.exists(row.rawSha256!)).toBe(true);
            }
          }
        }
      }
      await expectNoOrphanBlobs();
      await expectCanary();
    }, c.heavy ? 180_000 : 60_000);
  }

  function checkTicket(c: CorpusCase, t: Awaited<ReturnType<typeof ticketFacts>>, body: string) {
    const x = c.ticket;
    expect(body.length).toBeGreaterThan(0);
    expect(body).not.toContain("\u0000");
    expect(t.subject).not.toContain("\u0000");
    if (!x) return;
    if (typeof x.subject === "string") expect(t.subject).toBe(x.subject);
    else if (x.subject) expect(t.subject).toMatch(x.subject);
    if (x.requester) expect(t.email).toBe(x.requester);
    for (const s of x.bodyIncludes ?? []) expect(body).toContain(s);
    for (const s of x.bodyExcludes ?? []) {
      if (typeof s === "string") expect(body).not.toContain(s);
      else expect(body).not.toMatch(s);
    }
    if (x.attachments !== undefined) {
      expect(t.files).toHaveLength(x.attachments);
      // eslint-disable-next-line no-control-regex -- a NUL in a stored file name is what this looks for
      for (const f of t.files) expect(f.fileName).not.toMatch(/[/\\\u0000]/);
    }
    if (x.refused) {
      const created = t.events.find((e) => e.type === "created")!;
      const refused = ((created.data as { refused?: { name: string; reason: string }[] }).refused ?? []);
      for (const r of x.refused) expect(refused.map((f) => `${f.name}: ${f.reason}`).join("\n")).toMatch(r);
      for (const f of refused) expect(f.reason.length).toBeGreaterThan(0);
    }
    if (x.created) expect(t.events.find((e) => e.type === "created")!.data).toMatchObject(x.created);
    if (x.maxCc !== undefined) expect(t.people.filter((p) => p.role === "cc").length).toBeLessThanOrEqual(x.maxCc);
  }

  test("no mail of the corpus made the listener fail: no 451 for a mail it could not store", async () => {
    const logs = m.t.logs.join("");
    expect(logs).not.toMatch(/inbound mail failed/);
    expect(logs).not.toMatch(/smtp listener error/);
    const last = await db().select().from(inboundMails).orderBy(desc(inboundMails.id)).limit(1);
    expect(last).toHaveLength(1);
  });
});
