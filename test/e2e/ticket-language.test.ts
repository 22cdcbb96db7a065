/**
 * Issue 13, acceptance 3: the German widget (a browser set to de-DE) makes a German ticket, and its
 * acknowledgement arrives in German at a real SMTP server, sent by the real outbox sender.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { outboxSenderJob } from "../../server/jobs/outbox-sender";
import { startJobs } from "../../server/jobs/runner";
import { describeBrowser, launchChromium } from "../support/browser";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { adminHeaders } from "../support/test-app";
import { startTidings, type TidingsServer } from "./servers";

describeBrowser("the ticket speaks the widget's language", () => {
  let sink: SmtpSink;
  let tidings: TidingsServer;
  let browser: Browser;
  let page: Page;
  let jobs: { stop(): Promise<void> };
  let sender: ReturnType<typeof outboxSenderJob>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    [tidings, browser] = await Promise.all([startTidings({ SMTP_URL: sink.url, MAIL_FROM: "support@tidings.test" }), launchChromium()]);
    sender = outboxSenderJob(sink.url, 100);
    jobs = startJobs(tidings.t.deps, [sender]);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "de-DE" });
  });
  afterAll(async () => {
    await jobs?.stop();
    sender?.close();
    await browser?.close();
    await tidings?.close();
    await sink?.stop();
  });

  test("a report from the German widget gets a German acknowledgement by mail", async () => {
    await page.goto(`${tidings.url}/`);
    await page.getByRole("button", { name: "Support" }).click();
    const dialog = page.getByRole("dialog", { name: "Support kontaktieren" });
    await dialog.waitFor();
    await dialog.getByLabel("E-Mail").fill("kunde@beispiel.example");
    await dialog.getByLabel("Problem beschreiben").fill("Die Bestellübersicht zeigt Fehler 500");
    await dialog.getByRole("button", { name: "Senden" }).click();
    const tid = (await dialog.getByText(/^TID#\d{7,}$/).textContent({ timeout: 20_000 }))!.slice(4);

    const ticket = await (await fetch(`${tidings.url}/api/v1/tickets/${tid}`, { headers: adminHeaders })).json();
    expect(ticket).toMatchObject({ channel: "widget", locale: "de" });
    const [ack] = await sink.waitFor((all) => all.some((m) => m.subject?.includes(`[TID#${tid}]`)), 15_000);
    expect(ack!.to && "text" in ack!.to ? ack!.to.text : "").toContain("kunde@beispiel.example");
    expect(ack!.text).toContain("vielen Dank für Ihre Anfrage");
    expect(ack!.text).toContain("Antwort fällig");
    expect(ack!.text).not.toContain("Thank you");
  });
});
