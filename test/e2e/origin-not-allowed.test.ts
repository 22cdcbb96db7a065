/**
 * The widget pasted on a host its site does not allow, in real Chromium against the real server:
 * the user reads why nothing can be sent (instead of "the connection was lost" and a retry that
 * never ends), keeps what they typed, and the site admin finds one warning in the browser console.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { tickets } from "../../server/db/schema";
import { describeBrowser, launchChromium } from "../support/browser";
import { fillWidgetReport } from "../support/browser-suite";
import { adminHeaders } from "../support/test-app";
import { createSite, startHostSite, startTidings, type TidingsServer } from "./servers";

const MESSAGE = "The help desk isn't set up for this page yet, so your report could not be sent. Please contact the site's administrator.";

describeBrowser("the widget on a page whose origin its site does not allow", () => {
  let tidings: TidingsServer;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let browser: Browser;
  let siteKey = "";
  /** The key the page's tag names; the tests below point it at other sites. */
  let tagKey = "";

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
    host = await startHostSite({
      csp: (nonce) => `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; connect-src 'self' ${tidings.url}`,
      html: ({ nonce }) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Staging shop admin</title>
<script nonce="${nonce}" src="${tidings.url}/widget.js" data-site="${tagKey || siteKey}" data-lang="en" defer></script>
</head><body><h1>Staging shop admin</h1></body></html>`,
    });
    // The site allows its live address only; the snippet was pasted on another host as well.
    siteKey = await createSite(tidings, "https://shop.example");
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await tidings?.close();
  });

  /** What reached the server for POST /api/v1/tickets, from its one log line per request. */
  const intakeRequests = () =>
    tidings.t.logs
      .map((line) => JSON.parse(line) as { msg?: string; method?: string; path?: string; status?: number })
      .filter((l) => l.msg === "request" && l.path === "/api/v1/tickets")
      .map((l) => `${l.method} ${l.status}`);
  const ticketsWith = async (description: string) =>
    Number((await tidings.t.deps.db.select({ n: count() }).from(tickets).where(eq(tickets.description, description)))[0]!.n);

  test("the user reads why, the draft stays, nothing retries, and the console names the origin once", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await ctx.newPage();
    const warnings: string[] = [];
    const pageErrors: string[] = [];
    page.on("console", (m) => m.type() === "warning" && m.text().startsWith("Tidings:") && warnings.push(m.text()));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Time is ours to move: every pause the outbox might wait before a retry can be skipped.
    await page.clock.install();
    const description = `Wrong host ${Date.now()}`;

    const dialog = await fillWidgetReport(page, `${host.origin}/`, "ops@shop.example", description);
    await dialog.getByRole("button", { name: "Send" }).click();

    const alert = dialog.getByRole("alert");
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toBe(MESSAGE);
    expect(await dialog.getByRole("status").textContent()).toBe(MESSAGE);
    expect(await dialog.getByText(/The connection was lost/).count()).toBe(0);
    // What the user typed is still there, and they can still edit and send it.
    expect(await dialog.getByLabel("Describe the problem").inputValue()).toBe(description);
    expect(await dialog.getByLabel("Describe the problem").isEditable()).toBe(true);
    expect(await dialog.getByRole("button", { name: "Send" }).isEnabled()).toBe(true);

    expect(intakeRequests()).toEqual(["OPTIONS 204", "POST 403"]);
    expect(warnings).toEqual([
      `Tidings: this page's origin ${host.origin} is not an allowed origin of site ${siteKey}, so no report can be sent from it. Add ${host.origin} to the site's allowed origins in the Tidings console (Admin → Sites).`,
    ]);

    // Half an hour later, and the browser announcing it is back online: still one attempt.
    await page.clock.fastForward("30:00");
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForTimeout(500);
    expect(intakeRequests()).toEqual(["OPTIONS 204", "POST 403"]);

    const drafts = await page.evaluate(() => new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open("tidings-widget");
      open.onerror = () => reject(open.error ?? new Error("indexedDB.open failed"));
      open.onsuccess = () => {
        const req = open.result.transaction("drafts").objectStore("drafts").getAll();
        req.onsuccess = () => { open.result.close(); resolve((req.result as { fields: { description: string } }[]).map((d) => d.fields.description)); };
      };
    }));
    expect(drafts).toEqual([description]);
    expect(await page.evaluate((k) => localStorage.getItem(`tidings:pending:${k}`), siteKey)).toBeNull();

    // The next page load does not send it behind the user's back either.
    await page.reload();
    await page.getByRole("button", { name: "Support" }).waitFor();
    await page.waitForTimeout(500);
    expect(intakeRequests()).toEqual(["OPTIONS 204", "POST 403"]);
    expect(await ticketsWith(description)).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await ctx.close();
  });

  /** Issue 13: the dialog asks on opening whether this page may send, and says so before the user writes. */
  test("on opening, before anything is typed, the dialog says why no report can be sent from here", async () => {
    const allowed = await createSite(tidings, host.origin);
    const switchedOff = await createSite(tidings, host.origin);
    const off = await tidings.t.app.request(`/api/v1/admin/sites/${switchedOff}`, {
      method: "PATCH", headers: { ...adminHeaders, "Content-Type": "application/json" }, body: JSON.stringify({ disabled: true }),
    });
    expect(off.status).toBe(200);
    const cases: [key: string, alert: string | null][] = [
      [siteKey, MESSAGE],
      ["site_nobody-registered-this", "This support form is not registered. Please tell the site's administrator."],
      [switchedOff, "This support form is switched off for now. Please tell the site's administrator."],
      [allowed, null],
    ];
    for (const [key, expected] of cases) {
      tagKey = key;
      const ctx = await browser.newContext({ viewport: { width: 1024, height: 720 } });
      const page = await ctx.newPage();
      await page.goto(`${host.origin}/`);
      const checked = page.waitForResponse((r) => r.url().includes("/api/v1/widget/config"));
      await page.getByRole("button", { name: "Support" }).click();
      const dialog = page.getByRole("dialog", { name: "Contact support" });
      const answer = await checked;
      expect(answer.headers()["access-control-allow-origin"], key).toBe(host.origin);
      expect(answer.headers()["access-control-allow-credentials"], key).toBeUndefined();
      if (expected) {
        await dialog.getByRole("alert").waitFor();
        expect(await dialog.getByRole("alert").textContent(), key).toBe(expected);
        expect(await dialog.getByLabel("Describe the problem").inputValue()).toBe("");
      } else {
        expect(answer.status()).toBe(200);
        await dialog.getByLabel("Describe the problem").waitFor();
        expect(await dialog.getByRole("alert").count(), key).toBe(0);
      }
      await ctx.close();
    }
    tagKey = "";
  });
});
