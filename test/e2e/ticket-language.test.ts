/**
 * Issue 13, acceptance 3: the German widget (a browser set to de-DE) makes a German ticket, and its
 * acknowledgement arrives in German at a real SMTP server, sent by the real outbox sender.
 */
import { beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { describeBrowser } from "../support/browser";
import { browserSuite } from "../support/browser-suite";
import { adminHeaders } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketViewSchema } from "../../shared/api/ticket-view";

describeBrowser("the ticket speaks the widget's language", () => {
  const s = browserSuite({ env: { MAIL_FROM: "support@tidings.test" }, mail: { serverSends: true } });
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "de-DE" });
  });

  test("a report from the German widget gets a German acknowledgement by mail", async () => {
    await page.goto(`${s.tidings.url}/`);
    await page.getByRole("button", { name: "Support" }).click();
    const dialog = page.getByRole("dialog", { name: "Support kontaktieren" });
    await dialog.waitFor();
    await dialog.getByLabel("E-Mail").fill("kunde@beispiel.example");
    await dialog.getByLabel("Problem beschreiben").fill("Die Bestellübersicht zeigt Fehler 500");
    await dialog.getByRole("button", { name: "Senden" }).click();
    const tid = (await dialog.getByText(/^TID#\d{7,}$/).textContent({ timeout: 20_000 }))!.slice(4);

    const ticket = await answerOf(await fetch(`${s.tidings.url}/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    expect(ticket).toMatchObject({ channel: "widget", locale: "de" });
    const [ack] = await s.sink.waitFor((all) => all.some((m) => m.subject?.includes(`[TID#${tid}]`)), 15_000);
    expect(ack!.to && "text" in ack!.to ? ack!.to.text : "").toContain("kunde@beispiel.example");
    expect(ack!.text).toContain("vielen Dank für Ihre Anfrage");
    expect(ack!.text).toContain("Antwort fällig");
    expect(ack!.text).not.toContain("Thank you");
  });
});
