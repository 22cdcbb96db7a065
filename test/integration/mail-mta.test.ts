/**
 * Issue 12, acceptance 5: the delivery cases through a real Postfix (Debian's 3.7) on loopback,
 * in front of the inbound port and behind SMTP_URL: the internet → Postfix → Tidings, and
 * Tidings → Postfix → the client's server (a sink answering Postfix's own replies). Postfix's own
 * refusals, DSNs and delay notices are the real ones here, not built by hand.
 *
 * Optional: `MAIL_MTA_TEST=1 npx vitest run test/integration/mail-mta.test.ts` as root with the
 * postfix package installed; without MAIL_MTA_TEST=1 vitest.config.ts leaves the file out, so CI
 * does not run it (docs/mail.md). With it, a missing Postfix fails the run instead of skipping.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { mailAlerts, mailSuppressions, outbox } from "../../server/db/schema";
import { startMailApp, type MailApp } from "../support/mail-app";
import { hasPostfix, startPostfix } from "../support/postfix";
import { postfixLikeRelay } from "../support/postfix-replies";
import { freePort } from "../support/server-process";

if (!hasPostfix()) throw new Error("MAIL_MTA_TEST=1 needs root and the postfix package (apt-get install postfix)");

describe("mail through a real Postfix on loopback", () => {
  let m: MailApp;
  let postfix: Awaited<ReturnType<typeof startPostfix>>;
  let internet: Transporter;
  const fixed = new Set<string>();

  beforeAll(async () => {
    const port = await freePort();
    // busy@ is refused 4 times: long enough in Postfix's queue for its delay notice (1 s).
    m = await startMailApp("pglite", { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_EHLO_NAME: "desk.tidings.test" }, postfixLikeRelay(fixed, 4));
    postfix = await startPostfix({ port, routes: { "tidings.test": m.port, "kunde.example": m.sink.port, "other.example": m.port }, delayWarning: "1s" });
    internet = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  }, 60_000);
  afterAll(async () => {
    internet?.close();
    await m?.close();
    await postfix?.stop();
  });

  const db = () => m.t.deps.db;
  const last = async (to: string) => (await db().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.id)).at(-1);
  const until = async <T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(v)}\n${postfix.log().split("\n").slice(-15).join("\n")}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const suppressed = async (to: string) => (await db().select().from(mailSuppressions).where(eq(mailSuppressions.email, to))).length > 0;
  const mailFrom = (from: string, subject: string) => internet.sendMail({ from, to: "support@tidings.test", subject, text: "x" });

  test("mail to the support address through Postfix opens a ticket; the acknowledgement goes out through Postfix", async () => {
    await mailFrom("anna@kunde.example", "Through Postfix");
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Through Postfix") && /TID#/.test(x.subject ?? "")), 30_000);
    expect(postfix.log()).toMatch(/client=localhost\[127\.0\.0\.1\]|connect from/);
  });

  test("an address that is not ours, relayed to Tidings by mistake: Tidings' 550 5.1.1 comes back to the sender as Postfix's DSN", async () => {
    await internet.sendMail({ from: "x@kunde.example", to: "info@other.example", subject: "Not ours", text: "x" });
    const dsn = await m.sink.waitFor((all) => all.some((x) => x.to && JSON.stringify(x.to).includes("x@kunde.example") && /Undelivered/i.test(x.subject ?? "")), 30_000);
    const report = m.sink.raw.find((r) => r.includes("info@other.example") && /Action: failed/.test(r))!;
    expect(dsn.length).toBeGreaterThan(0);
    expect(report).toMatch(/Status: 5\.1\.1/);
    expect(report).toMatch(/550 5\.1\.1 <info@other\.example>: Recipient address\s+rejected: not a mailbox of this support desk/);
  });

  test("Postfix's own 554 5.7.1 Relay access denied fails the mail, alerts, and suppresses nobody", async () => {
    await mailFrom("client@nottrusted.example", "Relay denied");
    const row = await until("relay refusal", () => last("client@nottrusted.example"), (r) => r?.status === "failed");
    expect(row!.lastError).toMatch(/^our-setup: 554 5\.7\.1 <client@nottrusted\.example>: Relay access denied/);
    expect(await suppressed("client@nottrusted.example")).toBe(false);
    expect(await db().select().from(mailAlerts).where(eq(mailAlerts.toAddress, "client@nottrusted.example"))).toHaveLength(1);
  });

  test("a 550 5.1.1 behind Postfix returns as Postfix's DSN: the mail bounces and the address is suppressed", async () => {
    await mailFrom("gone@kunde.example", "Gone behind Postfix");
    await until("suppression", () => suppressed("gone@kunde.example"), (s) => s);
    expect(await last("gone@kunde.example")).toMatchObject({ status: "failed" });
    expect((await last("gone@kunde.example"))!.lastError).toMatch(/^bounced: mailbox/);
  });

  test("a 552 5.3.4 after DATA behind Postfix bounces without suppressing", async () => {
    await mailFrom("big@kunde.example", "Big behind Postfix");
    const row = await until("552 bounce", () => last("big@kunde.example"), (r) => r?.status === "failed");
    expect(row!.lastError).toMatch(/^bounced: system/);
    expect(await suppressed("big@kunde.example")).toBe(false);
  });

  test("451 4.3.0 behind Postfix: Postfix retries, its delay notice changes nothing, the mail arrives", async () => {
    await mailFrom("busy@kunde.example", "Busy behind Postfix");
    await m.sink.waitFor((all) => all.some((x) => x.subject?.includes("Busy behind Postfix") && JSON.stringify(x.to).includes("busy@")), 60_000);
    const row = await until("delay note", () => last("busy@kunde.example"), (r) => Boolean(r?.note), 20_000).catch(() => null);
    const now = await last("busy@kunde.example");
    expect(now).toMatchObject({ status: "sent", lastError: null });
    // Postfix sends its delay notice only when a queue run finds the mail older than delay_warning_time.
    if (row) expect(row.note).toMatch(/^delayed 4\./);
    else console.warn("no delay notice from Postfix within 20 s: only the retry was checked");
    expect(await suppressed("busy@kunde.example")).toBe(false);
  });
});
