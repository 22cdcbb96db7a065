/**
 * Day one without a mail server (issue 13, acceptance 4): with no SMTP_URL every mail waits in the
 * outbox, and an admin reads it in the console. A client asks for a sign-in link in the portal;
 * the admin opens that mail in the console's outbox and follows the link it holds; nothing else
 * (no database query, no log) gives the test the link.
 */
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { describeBrowser } from "../support/browser";
import { browserSuite, screenshotsDir, signInToConsole, STAFF_PASSWORD } from "../support/browser-suite";
import { adminHeaders } from "../support/test-app";
import { seriousViolations } from "./axe";

const SHOTS = screenshotsDir("CONSOLE_SCREENSHOTS");
const CLIENT = "first-day@client.test";

describeBrowser("trying the portal without a mail server", () => {
  const s = browserSuite();
  let client: Page;
  let admin: Page;

  beforeAll(async () => {
    expect(s.tidings.t.deps.config.smtpUrl).toBeUndefined();
    await addStaff(s.tidings.t.deps, { email: "admin@support.test", role: "admin", password: STAFF_PASSWORD });
    const res = await fetch(`${s.tidings.url}/api/v1/tickets`, {
      method: "POST", headers: { ...adminHeaders, "Content-Type": "application/json" },
      body: JSON.stringify({ email: CLIENT, description: "The export button does nothing" }),
    });
    expect(res.status).toBe(201);
    const context = (locale: string) => s.browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: "Europe/Berlin" });
    client = await (await context("en-GB")).newPage();
    admin = await (await context("en-GB")).newPage();
  });

  test("the client signs in with the link the admin reads in the console's outbox", async () => {
    await client.goto(`${s.tidings.url}/portal/`);
    await client.getByLabel("Email").fill(CLIENT);
    await client.getByRole("button", { name: "Send me a sign-in link" }).click();
    await client.getByRole("heading", { name: "Check your mail" }).waitFor();

    await signInToConsole(admin, `${s.tidings.url}/console/`, "admin@support.test", STAFF_PASSWORD);
    await admin.getByRole("navigation").getByRole("link", { name: "Outbox", exact: true }).click();
    await admin.getByRole("heading", { name: "Outbox", level: 1 }).waitFor();
    // No mail server: the page says so, and shows what waits without being asked.
    await admin.getByText("No mail server is set up (SMTP_URL)").waitFor();
    expect(await admin.getByRole("radio", { name: "Waiting" }).isChecked()).toBe(true);
    const row = admin.getByRole("row").filter({ hasText: CLIENT }).filter({ hasText: "Sign-in link" });
    await row.getByRole("button", { name: /^Read/ }).click();
    const mail = admin.getByRole("region", { name: `Mail to ${CLIENT}` });
    await mail.getByRole("heading", { name: "Your sign-in link for support" }).waitFor();
    expect(await mail.getByRole("heading").evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await seriousViolations(admin)).toEqual([]);
    if (SHOTS) await admin.screenshot({ path: path.join(SHOTS, "console-outbox-read.png"), fullPage: true });
    const href = await mail.getByRole("link", { name: /\/portal\/sign-in\?token=/ }).getAttribute("href");
    expect(href).toMatch(new RegExp(`^${s.tidings.url}/portal/sign-in\\?token=[A-Za-z0-9_-]+$`));

    await client.goto(href!);
    await client.getByRole("button", { name: "Sign in", exact: true }).click();
    await client.getByRole("heading", { name: "My tickets", level: 1 }).waitFor();
    await client.getByText("The export button does nothing").waitFor();
  });
});
