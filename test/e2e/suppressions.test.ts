/**
 * Issue 12, acceptance 3, in real Chromium: a client's address is suppressed by a real 550 5.1.1
 * from the relay, an admin finds it on the console's Suppressions page (with the mail setup
 * alerts above it), lifts it by keyboard through the confirmation dialog, and the held-back
 * acknowledgement and the client's next one are delivered. axe on the page and the dialog.
 *
 * `CONSOLE_SCREENSHOTS=1` also writes docs/screenshots/console-admin-suppressions.png.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { mailSuppressions, outbox } from "../../server/db/schema";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { describeBrowser } from "../support/browser";
import { browserSuite, screenshotsDir } from "../support/browser-suite";
import { adminHeaders } from "../support/test-app";
import { answerOf } from "../support/answers";
import { suppressionListSchema } from "../../shared/api/console-responses";
import { seriousViolations } from "./axe";

const SHOTS = screenshotsDir("CONSOLE_SCREENSHOTS");
const PASSWORD = "correct horse battery";

describeBrowser("the suppression list in the console", () => {
  /** The relay refuses these, as Postfix does; the test "fixes" an address by taking it out. */
  const unknown = new Set(["gone@client.test"]);
  const s = browserSuite({
    mail: {
      answers: {
        rcpt: (a) => (unknown.has(a) ? { code: 550, text: `5.1.1 <${a}>: Recipient address rejected: User unknown in local recipient table` }
          : a === "shop@client.test" ? { code: 554, text: `5.7.1 <${a}>: Relay access denied` } : null),
        data: () => null,
      },
    },
  });
  let page: Page;
  const pageErrors: string[] = [];

  const ticketFor = async (email: string, description: string) => {
    const res = await s.tidings.t.app.request("/api/v1/tickets", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, description }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { tid: string }).tid;
  };
  const statuses = async (email: string) => (await s.tidings.t.deps.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(outbox.id)).map((r) => r.status);

  beforeAll(async () => {
    await addStaff(s.tidings.t.deps, { email: "admin@support.test", role: "admin", password: PASSWORD });
    page = await s.browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "en-GB" });
    s.onEnd(() => page.close());
    page.on("pageerror", (e) => pageErrors.push(e.message));
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  });

  test("an admin lists a suppression, lifts it, and the client's next acknowledgement is delivered", async () => {
    // The first acknowledgement meets the 550 5.1.1 and suppresses the address; the second is held back.
    await ticketFor("gone@client.test", "The first one: its acknowledgement bounces.");
    await expect.poll(async () => (await s.tidings.t.deps.db.select().from(mailSuppressions).where(eq(mailSuppressions.email, "gone@client.test"))).length, { timeout: 10_000 }).toBe(1);
    const heldTid = await ticketFor("gone@client.test", "Written while suppressed: held back.");
    expect(await statuses("gone@client.test")).toEqual(["failed", "suppressed"]);
    // A relay that does not trust us: the mail fails, nobody is suppressed, the page shows the alert.
    await ticketFor("shop@client.test", "The relay refuses us for this one.");
    await expect.poll(() => statuses("shop@client.test"), { timeout: 10_000 }).toEqual(["failed"]);

    await page.goto(`${s.tidings.url}/console/`);
    await page.getByRole("heading", { level: 1, name: "Sign in to the support console" }).waitFor();
    await page.getByLabel("Email").fill("admin@support.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Queue" }).waitFor();
    await page.getByRole("link", { name: "Suppressions" }).click();
    await page.getByRole("heading", { level: 1, name: "Suppressions" }).waitFor();

    const alerts = page.getByRole("region", { name: "Mail setup alerts" });
    await alerts.waitFor();
    expect(await alerts.innerText()).toContain("554 5.7.1 <shop@client.test>: Relay access denied");
    expect(await alerts.getByRole("row").filter({ hasText: "shop@client.test" }).innerText()).toContain("Our setup");
    const row = page.getByRole("table", { name: "Suppressions" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "gone@client.test" }) });
    await row.waitFor();
    expect(await row.getByRole("cell").allInnerTexts()).toEqual(expect.arrayContaining(["5.1.1", "1"]));
    expect(await row.innerText()).toContain("User unknown in local recipient table");
    expect(await row.innerText()).toContain("Acknowledgement");
    expect(await seriousViolations(page), "suppressions page").toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "console-admin-suppressions.png"), fullPage: true });

    // By keyboard: the row's button, then the dialog (focus starts on Cancel; Tab to Lift).
    await row.getByRole("button", { name: "Lift gone@client.test" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Lift this suppression?" });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("Automatic mail goes to gone@client.test again, and 1 held-back mail goes out now.");
    expect(await seriousViolations(page), "lift dialog").toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    unknown.delete("gone@client.test");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Lift");
    await page.keyboard.press("Enter");
    await page.locator("main").getByRole("status").filter({ hasText: "gone@client.test is no longer suppressed; 1 held-back mail is queued again." }).waitFor();
    await page.getByText("No address is suppressed.").waitFor();

    await s.sink.waitFor((all) => all.some((m) => m.subject?.includes(heldTid)));
    const nextTid = await ticketFor("gone@client.test", "After the lift: acknowledged again.");
    await s.sink.waitFor((all) => all.some((m) => m.subject?.includes(nextTid)));
    expect(await statuses("gone@client.test")).toEqual(["failed", "sent", "sent"]);
    const lifts = await answerOf(await s.tidings.t.app.request("/api/v1/admin/suppressions", { headers: adminHeaders }), suppressionListSchema);
    expect(lifts.items).toEqual([]);
    expect(await statuses("shop@client.test")).toEqual(["failed"]);
    expect(pageErrors).toEqual([]);
  });
});
