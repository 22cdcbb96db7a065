/**
 * The widget on a customer's page of another origin, in real Chromium: acceptance 3 (a strict CSP
 * and hostile global CSS; the widget works and the page looks the same as without it) and 4 (the
 * network drops during submit; the draft is kept and exactly one ticket results).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { tickets } from "../../server/db/schema";
import { describeBrowser, launchChromium } from "../support/browser";
import { fillWidgetReport } from "../support/browser-suite";
import { createSite, startHostSite, startTidings, type TidingsServer } from "./servers";

const HOSTILE_CSS = `
* { all: revert; }
html { font-size: 48px; }
body { font: 2em/1.1 Georgia, serif; margin: 16px; color: #1a1a40; background: #fff8e1; letter-spacing: 2px; }
button { display: none; }
p, div, span, label, input, textarea { text-transform: uppercase; word-spacing: 12px; }
:focus { outline: none !important; }
[role="dialog"], dialog, form { display: none !important; }
`;

describeBrowser("the widget on a customer's page with a strict CSP and hostile CSS", () => {
  let tidings: TidingsServer;
  let host: Awaited<ReturnType<typeof startHostSite>>;
  let siteKey = "";
  let browser: Browser;

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
    host = await startHostSite({
      css: HOSTILE_CSS,
      // Scripts only with the nonce, styles only from files, connections only to Tidings.
      csp: (nonce) => `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${tidings.url}; base-uri 'none'; form-action 'none'`,
      html: ({ nonce, widget }) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme shop admin</title>
<link rel="stylesheet" href="/site.css">
${widget ? `<script nonce="${nonce}" src="${tidings.url}/widget.js" data-site="${siteKey}" data-product-version="7.2.0" data-edition="self-hosted" data-lang="en" defer></script>` : ""}
</head><body>
<h1>Acme shop admin</h1>
<p>Orders waiting: 12. Stock alerts: 3. This page's own stylesheet is hostile on purpose.</p>
<button type="button">A button the site hides</button>
<p>${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12)}</p>
</body></html>`,
    });
    siteKey = await createSite(tidings, host.origin);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await tidings?.close();
  });

  /** A page that records every CSP violation, from before its first script runs. */
  async function openPage(ctx: BrowserContext): Promise<Page> {
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return page;
  }
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  const ticketsWith = async (description: string) =>
    Number((await tidings.t.deps.db.select({ n: count() }).from(tickets).where(eq(tickets.description, description)))[0]!.n);

  test("the page looks the same with the widget, and the widget keeps its own looks and works", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await openPage(ctx);
    await page.goto(`${host.origin}/bare`);
    const bareHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    const shoot = (clip: { x: number; y: number; width: number; height: number }) => page.screenshot({ clip });

    await page.goto(`${host.origin}/`);
    const launcher = page.getByRole("button", { name: "Support" });
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    // Everything but the launcher's corner (with room for its shadow): above it, and left of it.
    const top = Math.floor(box.y) - 24;
    const above = { x: 0, y: 0, width: 1024, height: top };
    const left = { x: 0, y: top, width: Math.floor(box.x) - 24, height: 720 - top };
    const withWidget = [await shoot(above), await shoot(left)];
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(bareHeight);
    await page.goto(`${host.origin}/bare`);
    const without = [await shoot(above), await shoot(left)];
    expect(withWidget[0]!.equals(without[0]!), "the page above the launcher changed").toBe(true);
    expect(withWidget[1]!.equals(without[1]!), "the page left of the launcher changed").toBe(true);

    await page.goto(`${host.origin}/`);
    await launcher.waitFor();
    const looks = await launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, display: s.display, textTransform: s.textTransform, height: el.getBoundingClientRect().height };
    });
    expect(looks).toEqual({ fontSize: "15px", display: "flex", textTransform: "none", height: 44 });
    expect(await page.getByRole("button", { name: "A button the site hides" }).isVisible()).toBe(false);

    await launcher.click();
    const dialog = page.getByRole("dialog", { name: "Contact support" });
    await dialog.waitFor();
    const d = (await dialog.boundingBox())!;
    expect(d.x).toBeGreaterThanOrEqual(0);
    expect(d.x + d.width).toBeLessThanOrEqual(1024);
    expect(await dialog.getByLabel("Email").evaluate((el) => getComputedStyle(el).fontSize)).toBe("14px");
    await dialog.getByLabel("Email").fill("ops@acme.example");
    await dialog.getByLabel("Describe the problem").fill("Strict CSP page: the admin menu is empty");
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.getByText(/^TID#\d{7,}$/).waitFor({ timeout: 20_000 });
    expect(await ticketsWith("Strict CSP page: the admin menu is empty")).toBe(1);
    expect(await violations(page)).toEqual([]);
    await ctx.close();
  });

  test("the network drops during submit: the draft is kept, and back online exactly one ticket exists", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await openPage(ctx);
    const description = `Lost connection ${Date.now()}`;
    const dialog = await fillWidgetReport(page, `${host.origin}/`, "ops@acme.example", description);

    // The worst case: the server registers the ticket, but its answer never arrives.
    let registered = "";
    await page.route(`${tidings.url}/api/v1/tickets`, async (route) => {
      if (route.request().method() !== "POST" || registered) return route.continue();
      const answer = await route.fetch();
      registered = ((await answer.json()) as { tid: string }).tid;
      await ctx.setOffline(true);
      await route.abort("internetdisconnected");
    });
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.getByRole("status").filter({ hasText: "The connection was lost" }).waitFor();
    expect(registered).toMatch(/^\d{7,}$/);
    const stored = () => page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open("tidings-widget");
      open.onerror = () => reject(open.error ?? new Error("indexedDB.open failed"));
      open.onsuccess = () => {
        const req = open.result.transaction("drafts").objectStore("drafts").count();
        req.onsuccess = () => { open.result.close(); resolve(req.result); };
      };
    }));
    expect(await stored()).toBe(1);
    expect(await page.evaluate((k) => localStorage.getItem(`tidings:pending:${k}`), siteKey)).toBe("1");

    await page.unrouteAll();
    await ctx.setOffline(false);
    await dialog.getByText(`TID#${registered}`, { exact: true }).waitFor({ timeout: 20_000 });
    expect(await ticketsWith(description)).toBe(1);
    expect(await stored()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(`tidings:pending:${k}`), siteKey)).toBeNull();
    expect(await violations(page)).toEqual([]);
    await ctx.close();
  });

  test("a draft left by a closed page is sent by the next page load, once", async () => {
    const ctx = await browser.newContext();
    const page = await openPage(ctx);
    const description = `Sent after reload ${Date.now()}`;
    const dialog = await fillWidgetReport(page, `${host.origin}/`, "ops@acme.example", description);
    // The server cannot be reached at all for a while (the browser still thinks it is online).
    await page.route(`${tidings.url}/api/v1/tickets`, (route) => route.abort("connectionrefused"));
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.getByRole("status").filter({ hasText: "The connection was lost" }).waitFor();
    await page.unrouteAll();
    await page.close();
    expect(await ticketsWith(description)).toBe(0);

    const next = await openPage(ctx);
    const submitted = next.waitForEvent("console", { predicate: (m) => m.text().startsWith("submitted "), timeout: 20_000 });
    await next.addInitScript(() => {
      // widget.js defines window.Tidings; listen as soon as it exists.
      const id = setInterval(() => {
        const t = (window as unknown as { Tidings?: { on(e: string, cb: (d: { tid: string }) => void): void } }).Tidings;
        if (!t) return;
        clearInterval(id);
        t.on("submitted", (d) => console.log(`submitted ${d.tid}`));
      }, 5);
    });
    await next.goto(`${host.origin}/`);
    const tid = (await submitted).text().slice("submitted ".length);
    expect(tid).toMatch(/^\d{7,}$/);
    expect(await ticketsWith(description)).toBe(1);
    await next.getByRole("button", { name: "Support" }).click();
    await next.getByRole("dialog").getByText(`Your earlier report has now been sent: ticket number TID#${tid}.`).waitFor();
    await ctx.close();
  });
});
