/**
 * Issue 14, acceptance 3, in real Chromium: an error thrown and requests that fail on the host page
 * before the widget is opened are in the ticket's browser details; with "Include browser details"
 * unticked no environment is stored. Staff see the details as tables in the console.
 * With TIDINGS_SCREENSHOTS=dir it also saves the form with the disclosure open and the console's
 * tables there, to be looked at.
 */
import http from "node:http";
import path from "node:path";
import { once } from "node:events";
import { afterAll, beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { tickets } from "../../server/db/schema";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { describeBrowser, launchChromium } from "../support/browser";
import { freePort } from "../support/server-process";
import { adminHeaders } from "../support/test-app";
import { signInToConsole, STAFF_PASSWORD } from "../support/browser-suite";
import { createSite, startTidings, type TidingsServer } from "./servers";

const STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
const SECRETS = ["qs_secret_123", "tok_never_sent", STRIPE_KEY, "ops@acme.example"];
const shots = process.env.TIDINGS_SCREENSHOTS;

describeBrowser("the browser details of a report, from the host page to the console", () => {
  let tidings: TidingsServer;
  let browser: Browser;
  let site: http.Server;
  let origin = "";
  let refusingPort = 0;
  let siteKey = "";

  beforeAll(async () => {
    [tidings, browser, refusingPort] = await Promise.all([startTidings(), launchChromium(), freePort()]);
    const port = await freePort();
    origin = `http://localhost:${port}`;
    // The customer's page: its own script fails in three ways and two of its requests fail, all
    // after widget.js has run (deferred scripts run before "load") and before anyone opens it.
    site = http.createServer((req, res) => {
      if (req.url?.startsWith("/api/")) return void res.writeHead(404, { "Content-Type": "application/json" }).end('{"error":"no such order"}');
      if (req.url === "/favicon.ico") return void res.writeHead(204).end();
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme orders</title>
<script src="${tidings.url}/widget.js" data-site="${siteKey}" data-lang="en" defer></script>
<script>
addEventListener("load", () => {
  console.error("Cart failed to render", new TypeError("cart is null"));
  setTimeout(() => { throw new Error("Checkout exploded for ops@acme.example"); });
  Promise.reject(new Error("payment promise rejected"));
  Promise.allSettled([
    fetch("http://127.0.0.1:${refusingPort}/collect?token=tok_never_sent"),
    fetch("/api/orders/${STRIPE_KEY}?session=qs_secret_123").then((r) => r.status),
  ]).then(() => setTimeout(() => { document.body.dataset.settled = "yes"; }, 50));
});
</script></head><body><h1>Acme orders</h1><p>12 orders are waiting.</p></body></html>`);
    });
    site.listen(port, "127.0.0.1");
    await once(site, "listening");
    siteKey = await createSite(tidings, origin);
    await addStaff(tidings.t.deps, { email: "agent@support.test", role: "agent", password: STAFF_PASSWORD });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => site?.close(r));
    await tidings?.close();
  });

  const staffEnvironment = async (tid: string) =>
    ((await (await tidings.t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders })).json()) as { environment: Record<string, unknown> | null }).environment;

  async function report(page: Page, description: string, opts: { untick?: boolean } = {}): Promise<string> {
    const dialog = page.getByRole("dialog", { name: "Contact support" });
    await dialog.getByLabel("Email").fill("buyer@acme.example");
    await dialog.getByLabel("Describe the problem").fill(description);
    const box = dialog.getByRole("checkbox", { name: "Include browser details" });
    expect(await box.isChecked()).toBe(true);
    if (opts.untick) await box.uncheck();
    await dialog.getByRole("button", { name: "Send" }).click();
    const tid = await dialog.getByText(/^TID#\d{7,}$/).textContent({ timeout: 20_000 });
    return tid!.replace("TID#", "");
  }

  test("errors and failed requests before opening are in the ticket, redacted; unticked, nothing is stored", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
    const page = await ctx.newPage();
    await page.goto(`${origin}/orders?customer=42`);
    await page.waitForFunction(() => document.body.dataset.settled === "yes");

    await page.getByRole("button", { name: "Support" }).click();
    const dialog = page.getByRole("dialog", { name: "Contact support" });
    await dialog.waitFor();
    // What will be sent is there to read before sending, already redacted.
    await dialog.getByText("Review the browser details").click();
    const preview = dialog.getByLabel("Include browser details", { exact: true }).and(page.locator("pre"));
    await expect.poll(() => preview.textContent()).toContain("Checkout exploded");
    for (const secret of SECRETS) expect(await preview.textContent()).not.toContain(secret);
    if (shots) {
      await preview.evaluate((el) => el.scrollIntoView({ block: "center" }));
      await dialog.screenshot({ path: path.join(shots, "widget-environment.png") });
    }

    const tid = await report(page, "The checkout page breaks");
    const env = (await staffEnvironment(tid))!;
    expect(env).toBeTruthy();
    const errors = env.errors as { kind: string; message: string; stack?: string }[];
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: "console", message: "Cart failed to render TypeError: cart is null" }),
      expect.objectContaining({ kind: "error", message: "Error: Checkout exploded for [REDACTED]" }),
      expect.objectContaining({ kind: "rejection", message: "Error: payment promise rejected" }),
    ]));
    expect(errors.find((e) => e.kind === "error")!.stack).toMatch(new RegExp(`^at .*${origin.replace(/[/.]/g, "\\$&")}/orders:\\d+:\\d+\\)?$`));
    const requests = env.requests as { method: string; url: string; status: number }[];
    expect(requests.map(({ method, url, status }) => ({ method, url, status }))).toEqual(expect.arrayContaining([
      { method: "GET", url: `http://127.0.0.1:${refusingPort}/collect`, status: 0 },
      { method: "GET", url: `${origin}/api/orders/[REDACTED]`, status: 404 },
    ]));
    expect(env).toMatchObject({
      page: `${origin}/orders`,
      viewport: { width: 1100, height: 900, pixelRatio: 1 },
      languages: ["en-GB"],
      timeZone: "Europe/Berlin",
      os: { name: "Linux" },
    });
    expect((env.browser as { name: string }).name).toMatch(/Chrom/);
    for (const secret of [...SECRETS, "customer=42"]) expect(JSON.stringify(env)).not.toContain(secret);

    // A second report from the same page, with the box unticked: nothing of it is stored.
    await dialog.getByRole("button", { name: "Report another problem" }).click();
    const second = await report(page, "Another problem, no details please", { untick: true });
    const [row] = await tidings.t.deps.db.select({ environment: tickets.environment }).from(tickets).where(eq(tickets.tid, second));
    expect(row!.environment).toBeNull();
    expect(await staffEnvironment(second)).toBeNull();

    // Staff read the details as tables in the console.
    const consolePage = await ctx.newPage();
    await signInToConsole(consolePage, `${tidings.url}/console/`, "agent@support.test", STAFF_PASSWORD);
    await consolePage.goto(`${tidings.url}/console/tickets/${tid}`);
    const panel = consolePage.getByRole("region", { name: "Browser details" });
    await panel.waitFor();
    const requestsTable = panel.getByRole("table", { name: "2 failed requests" });
    await expect.poll(() => requestsTable.getByRole("row").count()).toBe(3);
    expect(await requestsTable.getByRole("row").filter({ hasText: "/collect" }).getByRole("cell").last().textContent()).toBe("no answer");
    expect(await panel.getByRole("table", { name: /recent errors on the page/ }).getByText("Unhandled rejection").count()).toBe(1);
    expect(await panel.getByRole("table", { name: "Browser and page" }).getByRole("row", { name: /Time zone/ }).textContent()).toContain("Europe/Berlin");
    if (shots) await panel.screenshot({ path: path.join(shots, "console-environment.png") });
    await ctx.close();
  });
});
