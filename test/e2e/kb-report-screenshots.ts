/**
 * The knowledge base's reports section of the console's reports page, on a seeded fortnight, in
 * English and German. Not a test; run it after changing how the section looks, then look at the
 * pictures:  npx tsx test/e2e/kb-report-screenshots.ts [OUT_DIR]
 */
import fs from "node:fs";
import path from "node:path";
import { saveArticle } from "../../server/services/kb/articles";
import { recordDeflection, recordTicketArticles, recordVote } from "../../server/services/kb/feedback";
import { searchArticles } from "../../server/services/kb/search";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { eq } from "drizzle-orm";
import { tickets } from "../../server/db/schema";
import { launchChromium } from "../support/browser";
import { createSite, startTidings } from "./servers";

const OUT = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "../../docs/screenshots"));
const PASSWORD = "correct horse battery";
const DAY = 86_400_000;

const tidings = await startTidings();
const browser = await launchChromium();
try {
  const { deps } = tidings.t;
  const realNow = Date.now();
  let now = realNow - 20 * DAY;
  deps.now = () => new Date(now);
  const id = async (slug: string, title: string, locale: "en" | "de" = "en") =>
    (await saveArticle(deps, { slug, locale, title, body: `${title}.`, visibility: "public" }, "seed")).article.id;
  const ssl = await id("ssl-certificate", "Renew the SSL certificate");
  const dns = await id("dns-records", "DNS records for your domain");
  const mail = await id("mail-not-sent", "Mail is not sent");
  const de = await id("zertifikat-erneuern", "Das Zertifikat erneuern", "de");
  const siteKey = await createSite(tidings, "https://shop.example");
  const ticket = async (widget: boolean) => {
    const r = await tidings.t.app.request("/api/v1/tickets", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(widget ? { "X-Tidings-Site": siteKey, Origin: "https://shop.example" } : {}) },
      body: JSON.stringify({ email: "reader@example.org", description: "It does not work", subject: "Help" }),
    });
    const { tid } = (await r.json()) as { tid: string };
    return (await deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid)))[0]!.id;
  };
  for (let day = 0; day < 20; day++) {
    now = realNow - (20 - day) * DAY;
    for (let i = 0; i < (day % 3) + 1; i++) await recordDeflection(deps, { articleId: [ssl, dns, mail][i % 3]!, siteId: null, locale: "en" });
    if (day % 2 === 0) {
      const t = await ticket(true);
      await deps.db.transaction((tx) => recordTicketArticles(tx, t, [{ articleId: ssl, kind: "shown" }, { articleId: day % 4 ? dns : mail, kind: "opened" }], deps.now()));
    }
    if (day % 5 === 0) await ticket(false);
    await recordVote(deps, [ssl, dns, mail, de][day % 4]!, day % 3 !== 0, `voter-${day}`);
  }
  const searches = ["Backup failed!", "backup failed", "restore from backup", "Sicherung schlägt fehl", "cron job does not run", "backup failed", "PHP memory limit", "cron job does not run"];
  for (const [i, q] of searches.entries()) {
    now = realNow - (8 - i) * DAY;
    await searchArticles(deps, { q, locale: /ä/.test(q) ? "de" : "en", limit: 5 }, "public", { source: "widget" });
  }
  deps.now = () => new Date();
  await addStaff(deps, { email: "lead@support.example", role: "supervisor", password: PASSWORD });

  fs.mkdirSync(OUT, { recursive: true });
  for (const locale of ["en-GB", "de-DE"]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale });
    await page.goto(`${tidings.url}/console/`);
    await page.locator("input[type=email]").fill("lead@support.example");
    await page.locator("input[type=password]").fill(PASSWORD);
    await page.locator("button[type=submit]").click();
    // Signed in once the sign-in form is gone (the queue or the password change follows).
    await page.locator("input[type=password]").waitFor({ state: "detached" });
    await page.goto(`${tidings.url}/console/reports`);
    const section = page.locator("section.kb-reports");
    await section.locator("table:visible").first().waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(OUT, "kb-reports-failed.png"), fullPage: true });
      throw e;
    });
    const file = path.join(OUT, `kb-reports-${locale.slice(0, 2)}.png`);
    await section.screenshot({ path: file });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
  await tidings.close();
}
