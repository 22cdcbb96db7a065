import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { isValidTid } from "../../shared/tid";
import { inboundMails, outbox, requesters, ticketEvents, tickets } from "../../server/db/schema";
import { parseMail } from "../../server/mail/parse";
import { createDeliveryBatcher } from "../../server/services/mail/inbound-batcher";
import { receiveMail, receiveParsed } from "../../server/services/mail/inbound-mail";
import { storeDeliveries, type Delivery } from "../../server/services/mail/inbound-store";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Mail that arrives together is written together (services/mail/inbound-store.ts, inbound-batcher.ts):
 * one transaction per batch, yet every mail gets its own answer, duplicates are recognised inside
 * the batch and against earlier mail, the per-recipient cap counts mail of the same batch, and a
 * batch that fails costs its other mails nothing.
 */
describe.each(drivers())("inbound mail in batches on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver, { MAIL_FROM: "support@tidings.test" }); });
  afterAll(async () => { await t?.close(); });

  let n = 0;
  const raw = (o: { from: string; subject?: string; messageId?: string; text?: string }) => Buffer.from([
    `From: ${o.from}`, "To: support@tidings.test", `Subject: ${o.subject ?? `Batch ${++n}`}`,
    `Message-ID: ${o.messageId ?? `<batch.${driver}.${++n}@client.test>`}`, "Content-Type: text/plain; charset=utf-8", "", o.text ?? "Something is broken.", "",
  ].join("\r\n"));

  /** What receiveParsed hands to storage, captured instead of stored. */
  async function delivery(mail: Buffer): Promise<Delivery> {
    let got: Delivery | undefined;
    await receiveParsed(t.deps, mail, await parseMail(mail), { mailFrom: null }, {}, (d) => { got = d; return Promise.resolve({ outcome: "ticket" }); });
    if (!got) throw new Error("the mail was not a delivery");
    return got;
  }

  test("one call writes many mails, each answered for itself; duplicates inside the batch and from before are recognised", async () => {
    const earlier = raw({ from: "early@kunde.example", messageId: `<early.${driver}@client.test>` });
    expect(await receiveMail(t.deps, earlier, { mailFrom: null })).toMatchObject({ outcome: "ticket" });

    const twice = `<twice.${driver}@client.test>`;
    const second = raw({ from: "bob@kunde.example", subject: "Second", messageId: twice });
    const list = await Promise.all([
      delivery(raw({ from: "Ann <ann@kunde.example>", subject: "First" })),
      delivery(second),
      delivery(raw({ from: "Ann Smith <ann@kunde.example>", subject: "Third" })),
      delivery(second),
      delivery(earlier),
      delivery(raw({ from: "cleo@kunde.example", subject: "Fifth" })),
      // The same Message-ID on another mail: a new mail, not a copy of "Second".
      delivery(raw({ from: "bob@kunde.example", subject: "Second, but another mail", messageId: twice })),
    ]);
    const results = await storeDeliveries(t.deps, list);

    expect(results.map((r) => r.outcome)).toEqual(["ticket", "ticket", "ticket", "ticket", "ticket", "ticket", "ticket"]);
    expect(results.map((r) => Boolean(r.duplicate))).toEqual([false, false, false, true, true, false, false]);
    const tids = [results[0], results[1], results[2], results[5], results[6]].map((r) => r!.tid!);
    expect(tids.every(isValidTid)).toBe(true);
    expect(new Set(tids).size).toBe(5);
    // TIDs are drawn in the order the mails came.
    expect([...tids].sort()).toEqual(tids);

    const rows = await t.deps.db.select({ tid: tickets.tid, subject: tickets.subject }).from(tickets).where(inArray(tickets.tid, tids));
    expect(Object.fromEntries(rows.map((r) => [r.tid, r.subject]))).toEqual({
      [tids[0]!]: "First", [tids[1]!]: "Second", [tids[2]!]: "Third", [tids[3]!]: "Fifth", [tids[4]!]: "Second, but another mail",
    });
    // One requester row per address, with the name it sent last.
    const ann = await t.deps.db.select().from(requesters).where(eq(requesters.email, "ann@kunde.example"));
    expect(ann.map((r) => r.name)).toEqual(["Ann Smith"]);
    // Every new ticket has its acknowledgement and its inbound_mails row; the duplicates have neither.
    const acks = await t.deps.db.select().from(outbox).where(inArray(outbox.toAddress, ["ann@kunde.example", "bob@kunde.example", "cleo@kunde.example"]));
    expect(acks).toHaveLength(5);
    const logged = await t.deps.db.select().from(inboundMails).where(eq(inboundMails.messageId, twice)).orderBy(inboundMails.id);
    expect(logged.map((r) => [r.subject, r.messageIdReused])).toEqual([["Second", false], ["Second, but another mail", true]]);
    expect(logged[1]!.reason).toMatch(/Message-ID already used by another mail/);
  });

  test("the per-recipient cap counts the mails of the same batch, in order", async () => {
    const list = await Promise.all(Array.from({ length: 12 }, () => delivery(raw({ from: "flood@kunde.example" }))));
    const results = await storeDeliveries(t.deps, list);
    expect(results.every((r) => r.outcome === "ticket")).toBe(true);
    const acks = await t.deps.db.select().from(outbox).where(eq(outbox.toAddress, "flood@kunde.example"));
    expect(acks).toHaveLength(10);
    const ids = (await t.deps.db.select({ id: tickets.id, tid: tickets.tid }).from(tickets).where(inArray(tickets.tid, results.map((r) => r.tid!))))
      .sort((a, b) => a.tid.localeCompare(b.tid)).map((r) => r.id);
    const events = await t.deps.db.select().from(ticketEvents).where(inArray(ticketEvents.ticketId, ids));
    const mailOf = new Map(events.filter((e) => e.type === "created").map((e) => [e.ticketId, (e.data as { mail: string }).mail]));
    expect(ids.map((id) => mailOf.get(id))).toEqual([...Array<string>(10).fill("queued"), "capped", "capped"]);
  });

  test("a batch that fails is written mail by mail: only the bad mail is refused, nothing of it is half stored", async () => {
    const good = await Promise.all([1, 2, 3, 4].map((i) => delivery(raw({ from: `good${i}@kunde.example`, subject: `Good ${i}` }))));
    const bad: Delivery = { ...(await delivery(raw({ from: "bad@kunde.example", subject: "Bad" }))), thread: { kind: "ticket", ticketId: 987_654_321, tid: "0", via: "subject" } };
    const before = await count();
    // Together, the bad mail fails the whole transaction: nothing of the batch stays.
    await expect(storeDeliveries(t.deps, [...good, bad])).rejects.toThrow();
    expect(await count()).toBe(before);

    const store = createDeliveryBatcher(t.deps);
    const settled = await Promise.allSettled([...good.slice(0, 2), bad, ...good.slice(2)].map((d) => store(d)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // Four tickets, each with its inbound_mails row and its acknowledgement.
    expect(await count()).toBe(before + 4 * 3);
  });

  test("the batcher answers every mail of a burst with its own ticket", async () => {
    const store = createDeliveryBatcher(t.deps, { maxBatch: 5, concurrency: 1 });
    const list = await Promise.all(Array.from({ length: 23 }, (_, i) => delivery(raw({ from: `burst${i}@kunde.example`, subject: `Burst ${i}` }))));
    const results = await Promise.all(list.map((d) => store(d)));
    expect(results.every((r) => r.outcome === "ticket" && isValidTid(r.tid!))).toBe(true);
    expect(new Set(results.map((r) => r.tid)).size).toBe(23);
    const subjects = await t.deps.db.select({ tid: tickets.tid, subject: tickets.subject }).from(tickets).where(inArray(tickets.tid, results.map((r) => r.tid!)));
    const byTid = new Map(subjects.map((s) => [s.tid, s.subject]));
    expect(results.map((r) => byTid.get(r.tid!))).toEqual(list.map((_, i) => `Burst ${i}`));
  });

  async function count(): Promise<number> {
    const rows = await t.deps.db.execute(sql`select (select count(*) from tickets)::int + (select count(*) from inbound_mails)::int + (select count(*) from outbox)::int as n`);
    const r = (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0] as { n: number };
    return Number(r.n);
  }
});
