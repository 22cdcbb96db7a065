/**
 * Admins change what they made (issue 13, acceptance 6), in real Chromium: an admin allows a new
 * origin for a site in the console, and the widget already pasted on that origin works without a
 * new snippet; a new key made in the console stops the old one, while the user's report is kept.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { describeBrowser, launchChromium } from "../support/browser";
import { fillWidgetReport, signInToConsole } from "../support/browser-suite";
import { answerOf } from "../support/answers";
import { siteListSchema, staffListSchema } from "../../shared/api/console-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { seriousViolations } from "./axe";
import { createSite, startHostSite, startTidings, type TidingsServer } from "./servers";

const PASSWORD = "correct horse battery";

describeBrowser("sites, licenses and staff changed in the console", () => {
  let tidings: TidingsServer;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let browser: Browser;
  let admin: Page;
  let siteKey = "";

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
    // The snippet as first pasted: the key never changes on this page.
    host = await startHostSite({
      html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New shop admin</title>
<script src="${tidings.url}/widget.js" data-site="${siteKey}" data-lang="en" defer></script></head><body><h1>New shop admin</h1></body></html>`,
    });
    siteKey = await createSite(tidings, "https://old-shop.example");
    await addStaff(tidings.t.deps, { email: "admin@support.test", role: "admin", password: PASSWORD });
    admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" })).newPage();
    await signInToConsole(admin, `${tidings.url}/console/`, "admin@support.test", PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await tidings?.close();
  });

  const report = async (description: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 720 } })).newPage();
    const dialog = await fillWidgetReport(page, `${host.origin}/`, "ops@new-shop.example", description);
    await dialog.getByRole("button", { name: "Send" }).click();
    return dialog;
  };

  test("a new allowed origin works at once; a new key stops the old tag", async () => {
    const refused = await report("Before the origin was allowed");
    await refused.getByRole("alert").waitFor({ timeout: 20_000 });

    await admin.getByRole("navigation").getByRole("link", { name: "Sites", exact: true }).click();
    const site = admin.getByRole("article", { name: "Customer site" });
    await site.getByRole("button", { name: "Edit Customer site" }).click();
    await site.getByLabel("Allowed origins").fill(`https://old-shop.example\n${host.origin}`);
    await site.getByRole("button", { name: "Save" }).click();
    await admin.getByText("Customer site is saved. The snippet on the pages stays as it is.").waitFor();
    await site.getByText(`https://old-shop.example, ${host.origin}`).waitFor();
    expect(JSON.stringify(await seriousViolations(admin))).toBe("[]");

    const sent = await report("After the origin was allowed");
    await sent.getByText(/^TID#\d{7,}$/).waitFor({ timeout: 20_000 });

    await site.getByRole("button", { name: "New key Customer site" }).click();
    const confirm = admin.getByRole("alertdialog", { name: "Give the site a new key?" });
    await confirm.getByRole("button", { name: "Make a new key" }).click();
    await admin.getByText("Customer site has a new key. Replace the snippet on its pages with the one shown.").waitFor();
    const [row] = (await answerOf(await tidings.t.app.request("/api/v1/admin/sites", { headers: { Authorization: "Bearer test-admin-token-0123456789" } }), siteListSchema)).items;
    expect(row!.siteKey).not.toBe(siteKey);
    expect(await admin.getByRole("region", { name: "Widget snippet for Customer site" }).first().innerText()).toContain(row!.siteKey);

    const stale = await report("With the old key");
    const alert = stale.getByRole("alert");
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain("This support form is not registered");
    // The report is kept for when the page has its new tag.
    expect(await stale.getByLabel("Describe the problem").inputValue()).toBe("With the old key");
  });

  test("a license's addresses and support end are changed in the console; the next ticket gets its level", async () => {
    const made = await tidings.t.app.request("/api/v1/admin/licenses", {
      method: "POST", headers: { Authorization: "Bearer test-admin-token-0123456789", "Content-Type": "application/json" },
      body: JSON.stringify({ key: "SHOP-E2E", holder: "Shop GmbH", category: "commercial", edition: "cloud", emails: ["boss@shop.example"], supportUntil: "2020-01-31" }),
    });
    expect(made.status).toBe(201);
    await admin.getByRole("navigation").getByRole("link", { name: "Licenses", exact: true }).click();
    await admin.getByRole("button", { name: "Edit SHOP-E2E" }).click();
    const form = admin.getByRole("region", { name: "Edit license SHOP-E2E" });
    await form.getByLabel("Email addresses").fill("boss@shop.example\ndev@shop.example");
    await form.getByLabel("Unlimited").check();
    await form.getByLabel("Account manager (email)").fill("am@vendor.example");
    await form.getByRole("button", { name: "Save" }).click();
    await admin.getByText("License SHOP-E2E is saved. New tickets from its addresses get the new terms.").waitFor();
    expect(JSON.stringify(await seriousViolations(admin))).toBe("[]");
    const ticket = await tidings.t.app.request("/api/v1/tickets", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "dev@shop.example", description: "Which level?", edition: "cloud" }),
    });
    expect((await answerOf(ticket, ticketCreatedSchema)).slaLevel).toBe("commercial-cloud");

    await addStaff(tidings.t.deps, { email: "colleague@support.test", role: "agent", password: PASSWORD });
    await admin.getByRole("navigation").getByRole("link", { name: "Staff", exact: true }).click();
    await admin.getByLabel("Role of colleague@support.test").selectOption("supervisor");
    await admin.getByText("colleague@support.test is now Supervisor.").waitFor();
    const staff = (await answerOf(await tidings.t.app.request("/api/v1/admin/staff", { headers: { Authorization: "Bearer test-admin-token-0123456789" } }), staffListSchema)).items;
    expect(staff.find((x) => x.email === "colleague@support.test")!.role).toBe("supervisor");
  });
});
