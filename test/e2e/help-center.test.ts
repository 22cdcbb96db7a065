/**
 * The help center in real Chromium (issue 16, acceptance 5): the index, an article and a search
 * page pass axe with no serious or critical finding in both languages; the keyboard reaches the
 * skip link first and sees where the focus is; "Did this help?" works as the plain form it is (the
 * browser's own Origin passes the same-origin check); the language switch leads to the translation.
 *
 * `HELP_SCREENSHOTS=1 npx vitest run test/e2e/help-center.test.ts` also writes
 * docs/screenshots/help-*.png; look at them after changing how the help center looks.
 */
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { kbArticles, kbCategories, kbVotes } from "../../server/db/schema";
import { importFolder } from "../../server/services/kb/folder";
import { writeHelpCorpus } from "../fixtures/help-corpus";
import { describeBrowser } from "../support/browser";
import { browserSuite, screenshotsDir } from "../support/browser-suite";
import { seriousViolations } from "./axe";

const SHOTS = screenshotsDir("HELP_SCREENSHOTS");

/** A longer article, so the page shows how real text reads: headings, a list, code, a table, a quote. */
const LONG = `---
slug: move-to-new-server
title: Moving your shop to a new server
locale: en
category: hosting
visibility: public
translationKey: move-server
---
Moving takes about an hour. Your shop stays online until the last step.

## Before you start

- Make a **full backup** (Settings › Backups).
- Note your current PHP version: \`php -v\`.
- Lower the DNS TTL to 300 seconds a day before.

## Copy the files

\`\`\`sh
rsync -avz /var/www/shop/ new-host:/var/www/shop/
\`\`\`

| Setting | Old server | New server |
|:--|:--|:--|
| PHP | 8.1 | 8.2 |
| Memory limit | 128M | 256M |

> If the new server runs a different PHP version, test the checkout before you switch DNS.

Read [the hosting checklist](https://docs.example/hosting) for the details.
`;
const MEMORY = `---
slug: php-memory-limit
title: Raising the PHP memory limit
locale: en
category: hosting
visibility: public
---
Set \`memory_limit = 256M\` in your php.ini and restart PHP.
`;
const LONG_DE = LONG.replace("slug: move-to-new-server", "slug: umzug-auf-neuen-server").replace("title: Moving your shop to a new server", "title: Den Shop auf einen neuen Server umziehen").replace("locale: en", "locale: de");

describeBrowser("the help center", () => {
  const suite = browserSuite();
  let base = "";

  beforeAll(async () => {
    base = suite.tidings.url;
    const deps = suite.tidings.t.deps;
    await importFolder(deps, writeHelpCorpus({ "en/move.md": LONG, "de/move.md": LONG_DE, "en/memory.md": MEMORY }), "test");
    await deps.db.insert(kbCategories).values([
      { slug: "certificates", locale: "en", title: "Certificates", description: "HTTPS and renewals.", position: 1 },
      { slug: "hosting", locale: "en", title: "Hosting and servers", description: "Moving, PHP versions, limits.", position: 2 },
      { slug: "certificates", locale: "de", title: "Zertifikate", description: "HTTPS und Erneuerung.", position: 1 },
      { slug: "hosting", locale: "de", title: "Hosting und Server", description: "Umzug, PHP-Versionen, Limits.", position: 2 },
    ]);
  });

  const open = async (url: string, locale = "en-GB", javaScriptEnabled = false): Promise<Page> => {
    const context = await suite.browser.newContext({ viewport: { width: 1100, height: 800 }, locale, javaScriptEnabled });
    suite.onEnd(() => context.close());
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };

  test.each([
    ["index", "/help/en/", "How can we help?"],
    ["article", "/help/en/move-to-new-server", "Moving your shop to a new server"],
    ["search", "/help/en/search?q=certificate%20renewal", "Search"],
    ["index-de", "/help/de/", "Wie können wir helfen?"],
    ["article-de", "/help/de/zertifikat-erneuern", "Zertifikatsverlängerung schlägt fehl"],
    ["not-found", "/help/en/cron-draft", "Page not found"],
  ])("the %s page reads without JavaScript and passes axe", async (name, url, heading) => {
    const page = await open(base + url);
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `help-${name}.png`), fullPage: true });
    // axe itself is a script: it runs in a second context that allows scripts (the page has none of its own).
    const checked = await open(base + url, "en-GB", true);
    expect(await seriousViolations(checked), name).toEqual([]);
  });

  test.each([["index", "/help/en/"], ["article", "/help/en/move-to-new-server"]])("the %s fits a 360 px phone without sideways scrolling", async (name, url) => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-GB" });
    suite.onEnd(() => context.close());
    const page = await context.newPage();
    await page.goto(base + url);
    // The code block and the table scroll inside themselves; the page does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `help-${name}-phone.png`), fullPage: true });
  });

  test("the browser's language picks the help center's; the switch leads to the translation", async () => {
    const page = await open(`${base}/help/`, "de-DE");
    await page.getByRole("heading", { name: "Wie können wir helfen?", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/help/de/");
    await page.getByRole("link", { name: "Hosting und Server" }).click();
    await page.getByRole("link", { name: "Den Shop auf einen neuen Server umziehen" }).click();
    await page.getByRole("link", { name: "Sprache: English" }).click();
    await page.getByRole("heading", { name: "Moving your shop to a new server", level: 1 }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
  });

  test("the keyboard starts at the skip link, which shows where the focus is and leads to the content", async () => {
    const page = await open(`${base}/help/en/ssl-renewal`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0).toBe(true);
    expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#main");
  });

  test("\"Did this help?\" is sent as a plain form and thanks the reader; the vote is recorded", async () => {
    const page = await open(`${base}/help/en/ssl-renewal`);
    const sent = page.waitForRequest((r) => r.method() === "POST");
    await page.getByRole("button", { name: "Yes" }).click();
    // The page's Referrer-Policy lets the browser name its origin, so the check does not rest on Sec-Fetch-Site alone.
    expect((await (await sent).allHeaders()).origin).toBe(base);
    await page.getByRole("status").filter({ hasText: "Thank you for telling us." }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/help/en/ssl-renewal");
    const deps = suite.tidings.t.deps;
    const [{ id }] = await deps.db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, "ssl-renewal")) as [{ id: number }];
    expect(await deps.db.select({ helpful: kbVotes.helpful }).from(kbVotes).where(eq(kbVotes.articleId, id))).toEqual([{ helpful: true }]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "help-voted.png") });
  });
});
