/**
 * Issue 16, acceptance 3, in real Chromium on a customer's page (another origin): typing a problem
 * into the widget shows a matching article; opened inside the dialog, "This solved my problem"
 * ends it without a ticket and the deflection is counted; another report is sent with the
 * articles it saw, and staff see them in the console's ticket view.
 * With TIDINGS_SCREENSHOTS=dir it also saves the suggestions and the opened article there.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { kbDeflections, tickets } from "../../server/db/schema";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { saveArticle } from "../../server/services/kb/articles";
import { ticketArticles } from "../../server/services/kb/feedback";
import { describeBrowser, launchChromium } from "../support/browser";
import { seriousViolations } from "./axe";
import { signInToConsole, STAFF_PASSWORD } from "../support/browser-suite";
import { createSite, startHostSite, startTidings, type TidingsServer } from "./servers";

const shots = process.env.TIDINGS_SCREENSHOTS;

describeBrowser("knowledge base suggestions in the widget", () => {
  let tidings: TidingsServer;
  let browser: Browser;
  let host: { origin: string; close(): Promise<void> };
  let siteKey = "";

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
    const save = (slug: string, title: string, body: string, visibility: "public" | "internal" = "public") =>
      saveArticle(tidings.t.deps, { slug, locale: "en", title, body, visibility, tags: [], category: "shop" }, "test");
    await save("renew-certificate", "Renew an expired TLS certificate",
      "When the browser warns that the shop's **certificate has expired**, renew it:\n\n1. Open *Settings → Security*.\n2. Choose **Renew certificate**.\n3. Reload the shop.\n\nThe warning disappears within a minute.");
    await save("export-orders", "Export orders as CSV", "Orders can be exported as CSV from the order list. Large exports arrive by mail.");
    await save("mail-delivery", "Order mails do not arrive", "Check the spam folder and the sender address in Settings → Mail.");
    await save("cert-internals", "Certificate renewal internals", "Only for staff: how the certificate job runs.", "internal");
    host = await startHostSite({
      html: ({ nonce, widget }) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme shop admin</title>
${widget ? `<script nonce="${nonce}" src="${tidings.url}/widget.js" data-site="${siteKey}" data-lang="en" data-product-version="24.100.0" data-edition="cloud" defer></script>` : ""}
</head><body><h1>Acme shop admin</h1><p>Orders, settings and mail.</p></body></html>`,
    });
    siteKey = await createSite(tidings, host.origin);
    await addStaff(tidings.t.deps, { email: "agent@support.test", role: "agent", password: STAFF_PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await tidings?.close();
  });

  test("suggestions while typing; solved ends without a ticket and counts; another report records what it saw, shown in the console", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "en-GB" });
    const page = await ctx.newPage();
    await page.goto(`${host.origin}/admin`);
    await page.getByRole("button", { name: "Support" }).click();
    const dialog = page.getByRole("dialog", { name: "Contact support" });
    await dialog.waitFor();
    await dialog.getByLabel("Email").fill("owner@acme.example");
    // Typed key by key, as a user does: the search waits for the pause.
    await dialog.getByLabel("Describe the problem").pressSequentially("My browser says the certificate of the shop has expired", { delay: 15 });
    const list = dialog.getByRole("list", { name: "These articles may already answer it:" });
    const first = list.getByRole("link").first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toBe("Renew an expired TLS certificate");
    // An internal article is never suggested to the public.
    expect(await list.getByText("Certificate renewal internals").count()).toBe(0);
    // Announced politely: the live region around the list says how many were found.
    const live = dialog.locator("[aria-live=polite]").filter({ hasText: /^\d articles? may answer your question\./ });
    expect(await live.getByRole("list", { name: "These articles may already answer it:" }).count()).toBe(1);
    expect(await dialog.getByLabel("Link to the documentation or discussion you already read").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    if (shots) await dialog.screenshot({ path: path.join(shots, "widget-suggestions.png") });

    // Keyboard: the suggestion opens with Enter, inside the dialog.
    await first.focus();
    await page.keyboard.press("Enter");
    const article = dialog.getByRole("region", { name: "Renew an expired TLS certificate" });
    await article.getByText("The warning disappears within a minute.").waitFor();
    expect(await article.locator("strong", { hasText: "Renew certificate" }).count()).toBe(1);
    expect(await dialog.getByLabel("Describe the problem").isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    if (shots) await dialog.screenshot({ path: path.join(shots, "widget-article.png") });

    // Back to the report: the words are still there.
    await article.getByRole("button", { name: "Back to my report" }).click();
    expect(await dialog.getByLabel("Describe the problem").inputValue()).toBe("My browser says the certificate of the shop has expired");
    await list.getByRole("link", { name: "Renew an expired TLS certificate" }).click();
    await article.getByRole("button", { name: "This solved my problem" }).click();
    await dialog.getByText("Your problem is solved, so no report was sent.").waitFor();
    if (shots) await dialog.screenshot({ path: path.join(shots, "widget-solved.png") });
    await dialog.getByRole("region", { name: "Glad it helped" }).getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(async () => (await tidings.t.deps.db.select({ n: count() }).from(kbDeflections))[0]!.n).toBe(1);
    const [deflection] = await tidings.t.deps.db.select().from(kbDeflections);
    expect(deflection!.siteId).not.toBeNull();
    expect((await tidings.t.deps.db.select({ n: count() }).from(tickets))[0]!.n).toBe(0);

    // Another problem: the articles are shown, one opened, and the report is sent anyway.
    await page.getByRole("button", { name: "Support" }).click();
    await dialog.waitFor();
    expect(await dialog.getByLabel("Describe the problem").inputValue()).toBe("");
    await dialog.getByLabel("Describe the problem").pressSequentially("The CSV export of my orders never arrives by mail", { delay: 15 });
    await list.getByRole("link", { name: "Export orders as CSV" }).click();
    await dialog.getByRole("region", { name: "Export orders as CSV" }).getByRole("button", { name: "Back to my report" }).click();
    await dialog.getByLabel("Link to the documentation or discussion you already read").fill("https://forum.acme.example/t/csv-export");
    await dialog.getByRole("button", { name: "Send" }).click();
    const tid = (await dialog.getByText(/^TID#\d{7,}$/).textContent({ timeout: 20_000 }))!.replace("TID#", "");
    const [row] = await tidings.t.deps.db.select({ id: tickets.id, docLink: tickets.docLink }).from(tickets).where(eq(tickets.tid, tid));
    expect(row!.docLink).toBe("https://forum.acme.example/t/csv-export");
    const refs = await ticketArticles(tidings.t.deps, row!.id);
    expect(refs.filter((r) => r.kind === "opened").map((r) => r.slug)).toEqual(["export-orders"]);
    expect(refs.filter((r) => r.kind === "shown").map((r) => r.slug)).toContain("export-orders");
    expect(refs.some((r) => r.slug === "renew-certificate")).toBe(false);

    // Staff see them in the ticket view.
    const consolePage = await ctx.newPage();
    await signInToConsole(consolePage, `${tidings.url}/console/`, "agent@support.test", STAFF_PASSWORD);
    await consolePage.goto(`${tidings.url}/console/tickets/${tid}`);
    const seen = consolePage.getByRole("region", { name: "Articles the client saw before writing" });
    await seen.waitFor();
    const opened = seen.getByRole("listitem").filter({ hasText: "Export orders as CSV" });
    expect(await opened.getByRole("link").getAttribute("href")).toBe("/help/en/export-orders");
    expect(await opened.textContent()).toContain("opened");
    expect(await seen.textContent()).toContain("https://forum.acme.example/t/csv-export");
    if (shots) await seen.screenshot({ path: path.join(shots, "console-seen-articles.png") });
    await ctx.close();
  }, 120_000);
});
