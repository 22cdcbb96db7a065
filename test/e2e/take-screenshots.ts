/**
 * Regenerates docs/screenshots/: the demo control panel with the dialog open in English, in
 * German, at 320 px wide, and after sending. Not a test; run it after changing how the widget
 * looks, then look at the pictures:  npx tsx test/e2e/take-screenshots.ts
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { png } from "../fixtures/files";
import { launchChromium } from "../support/browser";
import { startTidings } from "./servers";

const OUT = path.resolve(import.meta.dirname, "../../docs/screenshots");

async function shoot(browser: Browser, url: string, file: string, opts: { locale: string; width: number; height: number; send?: boolean; lower?: boolean }) {
  const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height }, locale: opts.locale });
  await page.goto(url);
  await page.locator("tidings-widget").getByRole("button").first().click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  const de = opts.locale.startsWith("de");
  await dialog.locator("#tdg-description").fill(de ? "Die Bestellliste zeigt nach dem Update Fehler 500." : "The order list shows error 500 since the update.");
  await dialog.locator("#tdg-steps").fill(de ? "1. Bestellungen öffnen\n2. Nach Status filtern" : "1. Open Orders\n2. Filter by status");
  await dialog.locator("#tdg-phpinfo").check();
  await dialog.locator(".php span").first().waitFor();
  await dialog.locator("#tdg-description").focus();
  if (opts.lower) {
    // The lower half of the form: the phpinfo review, an attachment, the file buttons.
    const chooser = page.waitForEvent("filechooser");
    await dialog.locator(".group .buttons button").first().click();
    await (await chooser).setFiles([{ name: "Fehler-500.png", mimeType: "image/png", buffer: png() }]);
    await dialog.locator(".files li").waitFor();
    await dialog.locator(".php summary").click();
    await dialog.locator("#tdg-urgent").evaluate((el) => el.scrollIntoView({ block: "start" }));
  }
  if (opts.send) {
    await dialog.locator("button[type=submit]").click();
    await dialog.locator(".tid").waitFor();
  }
  await page.screenshot({ path: path.join(OUT, file) });
  await page.close();
  console.log(`docs/screenshots/${file}`);
}

const tidings = await startTidings();
const browser = await launchChromium();
try {
  fs.mkdirSync(OUT, { recursive: true });
  const url = `${tidings.url}/`;
  await shoot(browser, url, "widget-en.png", { locale: "en-GB", width: 960, height: 700 });
  await shoot(browser, url, "widget-de.png", { locale: "de-DE", width: 960, height: 700, lower: true });
  await shoot(browser, url, "widget-320.png", { locale: "en-GB", width: 320, height: 640 });
  await shoot(browser, url, "widget-sent.png", { locale: "en-GB", width: 960, height: 700, send: true });
} finally {
  await browser.close();
  await tidings.close();
}
