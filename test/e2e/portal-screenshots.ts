/**
 * Regenerates docs/screenshots/portal-*.png: each portal page in English, the list and a ticket in
 * German, and the list and a ticket at 320 px. Not a test; run it after changing how the portal
 * looks, then look at the pictures:  npx tsx test/e2e/portal-screenshots.ts
 */
import fs from "node:fs";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { loginLinks, outbox } from "../../server/db/schema";
import { png } from "../fixtures/files";
import { launchChromium } from "../support/browser";
import { adminHeaders } from "../support/test-app";
import { jsonOf } from "../support/answers";
import { startTidings, type TidingsServer } from "./servers";

const OUT = path.resolve(import.meta.dirname, "../../docs/screenshots");
const CLIENT = "anna.schmidt@kunde.example";

async function post(s: TidingsServer, p: string, body: unknown) {
  const res = await fetch(`${s.url}/api/v1${p}`, { method: "POST", headers: { ...adminHeaders, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return jsonOf(res);
}

async function link(s: TidingsServer): Promise<string> {
  const [mail] = await s.t.deps.db.select().from(outbox).where(and(eq(outbox.toAddress, CLIENT), eq(outbox.kind, "sign-in"))).orderBy(desc(outbox.id)).limit(1);
  return /https?:\/\/\S+\/portal\/sign-in\?token=[A-Za-z0-9_-]+/.exec(mail!.textBody)![0];
}

async function signedIn(browser: Browser, s: TidingsServer, o: { locale: string; width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: o.width, height: o.height }, locale: o.locale, timezoneId: "Europe/Berlin" });
  await page.goto(`${s.url}/portal/sign-in`);
  await page.locator("#signin-email").fill(CLIENT);
  await page.locator("form button[type=submit]").click();
  await page.locator("#sent-title").waitFor();
  await page.goto(await link(s));
  await page.locator("button.primary.big").click();
  await page.locator("table.tickets").waitFor();
  return page;
}

async function shot(page: Page, file: string, fullPage = false) {
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, file), fullPage });
  console.log(`docs/screenshots/${file}`);
}

const s = await startTidings();
const browser = await launchChromium();
try {
  fs.mkdirSync(OUT, { recursive: true });
  const form = new FormData();
  const fields = { email: CLIENT, description: "Checkout fails with error 500 after the update to 24.100\n\nThe payment step shows a blank page.", steps: "1. Add any product to the cart\n2. Go to checkout\n3. Choose card payment", url: "https://shop.kunde.example/checkout", productVersion: "24.100.0", edition: "cloud", urgent: "true" };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append("attachments", new Blob([new Uint8Array(png())], { type: "image/png" }), "checkout-blank.png");
  const t1 = ((await (await fetch(`${s.url}/api/v1/tickets`, { method: "POST", body: form })).json()) as { tid: string }).tid;
  const t2 = (await post(s, "/tickets", { email: CLIENT, description: "Invoices are sent twice to some customers", edition: "cloud" })).tid as string;
  const t3 = (await post(s, "/tickets", { email: CLIENT, description: "How do I move the site to a new server?", edition: "self-hosted" })).tid as string;
  await post(s, `/tickets/${t1}/messages`, { body: "Hello Anna,\n\nthank you for the report. Could you send us a screenshot of the browser console on the payment page?\n\nBest regards,\nSupport" });
  await post(s, `/tickets/${t2}/status`, { status: "pending-client" });
  await post(s, `/tickets/${t3}/messages`, { body: "Please follow the migration guide in the documentation; the backup tool moves files and database together." });
  await post(s, `/tickets/${t3}/status`, { status: "resolved" });

  // Signed out: the sign-in page, the link page, and a refused link.
  const anon = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale: "en-GB" });
  await anon.goto(`${s.url}/portal/sign-in`);
  await anon.locator("#signin-email").waitFor();
  await shot(anon, "portal-sign-in.png");
  await anon.locator("#signin-email").fill(CLIENT);
  await anon.locator("form button[type=submit]").click();
  await anon.locator("#sent-title").waitFor();
  await shot(anon, "portal-link-sent.png");
  const first = await link(s);
  await anon.goto(first);
  await anon.locator("button.primary.big").waitFor();
  await shot(anon, "portal-link.png");
  await s.t.deps.db.update(loginLinks).set({ usedAt: new Date() }).where(eq(loginLinks.email, CLIENT));
  await anon.locator("button.primary.big").click();
  await anon.locator("#signin-email").waitFor();
  await shot(anon, "portal-link-refused.png");
  await anon.close();

  const en = await signedIn(browser, s, { locale: "en-GB", width: 1200, height: 1100 });
  await en.locator("#find-tid").fill(`TID#${t1.slice(0, -1)}${(Number(t1.at(-1)) + 1) % 10}`);
  await en.locator(".find button[type=submit]").click();
  await en.locator(".find-result .alert").waitFor();
  await shot(en, "portal-tickets.png");
  await en.goto(`${s.url}/portal/t/${t1}`);
  await en.locator("#reply-body").fill("Here is the console output.");
  const chooser = en.waitForEvent("filechooser");
  await en.locator("#reply-files + button").click();
  await (await chooser).setFiles([{ name: "console-error.png", mimeType: "image/png", buffer: png() }]);
  await en.locator("#reply-files ~ .files li").waitFor();
  await en.locator("#reply-body").fill("");
  await en.evaluate(() => window.scrollTo(0, 0));
  await shot(en, "portal-ticket.png");
  await en.goto(`${s.url}/portal/t/${t3}?rate=1`);
  await en.locator("#rate-4").check();
  await en.locator("#rate-comment").fill("Clear answer, thank you.");
  await en.locator("#rate-title ~ form button[type=submit]").click();
  await en.locator(".confirm h3").waitFor();
  await en.evaluate(() => window.scrollTo(0, 0));
  await shot(en, "portal-rate.png");
  await en.goto(`${s.url}/portal/new`);
  await en.locator("#nt-description").waitFor();
  await shot(en, "portal-new.png", true);
  await en.close();

  const de = await signedIn(browser, s, { locale: "de-DE", width: 1200, height: 860 });
  await shot(de, "portal-tickets-de.png");
  await de.goto(`${s.url}/portal/t/${t1}`);
  await de.locator("#reply-body").waitFor();
  await shot(de, "portal-ticket-de.png");
  await de.close();

  const narrow = await signedIn(browser, s, { locale: "en-GB", width: 320, height: 640 });
  await shot(narrow, "portal-tickets-320.png", true);
  await narrow.goto(`${s.url}/portal/t/${t1}`);
  await narrow.locator("#reply-body").waitFor();
  await shot(narrow, "portal-ticket-320.png");
  await narrow.close();
} finally {
  await browser.close();
  await s.close();
}
