/**
 * Issue 11, acceptance 4, over real SMTP sockets on both drivers: a Message-ID seen before no
 * longer makes a mail a duplicate. Two different mails with one Message-ID give two tickets; the
 * very same mail delivered again (through relays that add their trace fields anew) gives one.
 * Mail from an address with a trailing dot belongs to the address without it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { asc, eq } from "drizzle-orm";
import { inboundMails, requesters, tickets } from "../../server/db/schema";
import { drivers } from "../support/databases";
import { startMailApp, type MailApp } from "../support/mail-app";

const tidOf = (response: string) => /Accepted: (\w+)(?: TID#(\d+))?/.exec(response);

/** A plain mail as a mail program writes it. */
function authored(o: { from: string; subject: string; id: string; text: string; date?: string; extra?: string[] }): string {
  return [
    `From: ${o.from}`, "To: support@tidings.test", `Subject: ${o.subject}`, `Date: ${o.date ?? "Tue, 01 Dec 2026 10:00:00 +0100"}`,
    `Message-ID: ${o.id}`, ...(o.extra ?? []), "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", o.text, "",
  ].join("\r\n");
}

/** The same mail as a second pass through the relays delivers it: new trace and verdict fields on top. */
function relayedAgain(mail: string, pass: number): string {
  return [
    `Return-Path: <bounces+${pass}@kunde.example>`, "Delivered-To: support@tidings.test", "X-Original-To: support@tidings.test",
    `Received: from mx${pass}.relay.example (mx${pass}.relay.example [192.0.2.${pass}]) by in.tidings.test with ESMTPS id Q${pass}X; Tue, 1 Dec 2026 10:0${pass}:00 +0100`,
    `Received: from mail.kunde.example by mx${pass}.relay.example with ESMTP id R${pass}Y; Tue, 1 Dec 2026 10:0${pass}:00 +0100`,
    `Authentication-Results: mx${pass}.relay.example; spf=pass smtp.mailfrom=kunde.example`,
    `ARC-Seal: i=${pass}; a=rsa-sha256; t=17${pass}; cv=none; d=relay.example; s=arc; b=abc${pass}`,
    `DKIM-Signature: v=1; a=rsa-sha256; d=relay.example; s=s${pass}; t=17${pass}; bh=x; b=sig${pass}`,
    `X-Spam-Score: 0.${pass}`, `X-Rspamd-Queue-Id: ${pass}F00D${pass}`,
    mail,
  ].join("\r\n");
}

describe.each(drivers())("reused Message-IDs and redeliveries over SMTP on %s", (driver) => {
  let m: MailApp;
  beforeAll(async () => { m = await startMailApp(driver); });
  afterAll(async () => { await m?.close(); });
  const db = () => m.t.deps.db;

  const deliver = async (envelopeFrom: string, raw: string) => {
    const info = await m.sendRaw(envelopeFrom, raw);
    const r = tidOf(info.response);
    expect(r, info.response).not.toBeNull();
    return { outcome: r![1], tid: r![2] ?? null };
  };

  test("two different mails with one Message-ID give two tickets; the same mail delivered twice gives one", async () => {
    const id = `<reused.${driver}@mua.example>`;
    const first = authored({ from: "Ann <ann@kunde.example>", subject: "Printer on fire", id, text: "The printer is on fire." });
    const a = await deliver("ann@kunde.example", relayedAgain(first, 1));
    expect(a).toMatchObject({ outcome: "ticket" });
    expect(a.tid).toBeTruthy();

    // The sending server missed our 250 and sends its queued copy again, through other relays.
    expect(await deliver("bounces+2@kunde.example", relayedAgain(first, 2))).toEqual({ outcome: "ticket", tid: null });
    expect(await deliver("ann@kunde.example", first)).toEqual({ outcome: "ticket", tid: null });

    // Another sender's mail under the same Message-ID (a broken mail program, a copied fixture).
    const b = await deliver("bob@other.example", authored({ from: "bob@other.example", subject: "Invoice missing", id, text: "Where is my invoice?" }));
    // The same sender, another mail: other text, other date.
    const c = await deliver("ann@kunde.example", authored({ from: "Ann <ann@kunde.example>", subject: "Printer on fire", id, text: "It is still burning.", date: "Tue, 01 Dec 2026 11:00:00 +0100" }));
    expect([b.outcome, c.outcome]).toEqual(["ticket", "ticket"]);
    expect(new Set([a.tid, b.tid, c.tid]).size).toBe(3);

    const rows = await db().select().from(inboundMails).where(eq(inboundMails.messageId, id)).orderBy(asc(inboundMails.id));
    expect(rows.map((r) => [r.fromAddress, r.messageIdReused])).toEqual([["ann@kunde.example", false], ["bob@other.example", true], ["ann@kunde.example", true]]);
    expect(rows[1]!.reason).toMatch(new RegExp(`Message-ID already used by another mail \\(inbound #${rows[0]!.id}\\)`));
    const [bob] = await db().select({ email: requesters.email, subject: tickets.subject }).from(tickets)
      .innerJoin(requesters, eq(requesters.id, tickets.requesterId)).where(eq(tickets.tid, b.tid!));
    expect(bob).toEqual({ email: "bob@other.example", subject: "Invoice missing" });
    // Each of the three tickets is acknowledged, the redeliveries are not.
    await m.sink.waitFor((all) => [a, b, c].every((x) => all.some((y) => y.subject?.includes(`[TID#${x.tid}]`))));
    expect(m.sink.received.filter((x) => x.subject?.includes(`[TID#${a.tid}]`))).toHaveLength(1);
  });

  test("a mail with a reused Message-ID is threaded by the usual rules", async () => {
    const id = `<thread.${driver}@mua.example>`;
    const opened = await deliver("cleo@kunde.example", authored({ from: "cleo@kunde.example", subject: "Export broken", id, text: "The export fails." }));
    const reply = await deliver("cleo@kunde.example", authored({ from: "cleo@kunde.example", subject: `Re: [TID#${opened.tid}] Export broken`, id, text: "More about the export." }));
    expect(reply).toEqual({ outcome: "message", tid: opened.tid });
    const rows = await db().select().from(inboundMails).where(eq(inboundMails.messageId, id)).orderBy(asc(inboundMails.id));
    expect(rows.map((r) => [r.outcome, r.messageIdReused])).toEqual([["ticket", false], ["message", true]]);
  });

  test("a sender address with a trailing dot is the same person as without it", async () => {
    const t = await deliver("dot@kunde.example.", authored({ from: "Dot <Dot@Kunde.Example.>", subject: "Trailing dot", id: `<dot1.${driver}@mua.example>`, text: "Hello." }));
    const [row] = await db().select({ email: requesters.email }).from(tickets).innerJoin(requesters, eq(requesters.id, tickets.requesterId)).where(eq(tickets.tid, t.tid!));
    expect(row!.email).toBe("dot@kunde.example");
    // Known by the subject TID from the address without the dot, and from the envelope alone.
    const byHeader = await deliver("dot@kunde.example", authored({ from: "dot@kunde.example", subject: `Re: [TID#${t.tid}]`, id: `<dot2.${driver}@mua.example>`, text: "Again." }));
    expect(byHeader).toEqual({ outcome: "message", tid: t.tid });
    const noFrom = ["To: support@tidings.test", `Subject: Re: [TID#${t.tid}]`, `Message-ID: <dot3.${driver}@mua.example>`, "", "No From header.", ""].join("\r\n");
    expect(await deliver("dot@kunde.example.", noFrom)).toEqual({ outcome: "message", tid: t.tid });
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes(`[TID#${t.tid}]`)));
    const ack = m.sink.received.find((x) => x.subject?.includes(`[TID#${t.tid}]`))!;
    expect((Array.isArray(ack.to) ? ack.to[0] : ack.to)!.value[0]!.address).toBe("dot@kunde.example");
  });
});
