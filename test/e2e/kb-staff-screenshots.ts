/**
 * Pictures of the console's knowledge base pages (issue 16, "Staff"): the article editor with its
 * live preview, and the composer with an article link inserted. Not a test; run it after changing
 * how they look, then look at the pictures:
 *   npx tsx test/e2e/kb-staff-screenshots.ts [OUT_DIR]
 */
import fs from "node:fs";
import path from "node:path";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { saveArticle } from "../../server/services/kb/articles";
import { launchChromium } from "../support/browser";
import { adminHeaders, postJson } from "../support/test-app";
import { KB_CORPUS } from "../fixtures/kb-corpus";
import { seriousViolations } from "./axe";
import { startTidings } from "./servers";

const OUT = path.resolve(process.argv[2] ?? path.resolve(import.meta.dirname, "../../docs/screenshots"));
const PASSWORD = "correct horse battery";

const tidings = await startTidings();
const browser = await launchChromium();
try {
  fs.mkdirSync(OUT, { recursive: true });
  const deps = tidings.t.deps;
  await addStaff(deps, { email: "editor@support.test", role: "editor", password: PASSWORD, name: "Edda Editor" });
  // The relevance test's corpus: search weighs words by rarity, so it needs a knowledge base of some size.
  for (const a of KB_CORPUS) await saveArticle(deps, a, "import");
  await saveArticle(deps, {
    slug: "renew-ssl-certificate", locale: "en", title: "Renew an expired SSL certificate", category: "security", tags: ["ssl", "tls", "https"],
    editions: ["self-hosted"], versions: ["24.*"], visibility: "public", translationKey: "ssl-renew",
    body: "When browsers warn that **the connection is not private**, the certificate has expired.\n\n## Steps\n\n1. Open *Settings → Security*.\n2. Click **Renew certificate**.\n3. Reload the shop.\n\n```sh\ntidings cert renew --domain shop.example\n```\n\n| Edition | Renews itself |\n|:--|:-:|\n| Cloud | yes |\n| Self-hosted | no |\n\nSee also [the TLS guide](https://docs.example/tls).",
  }, "staff:editor@support.test");
  await saveArticle(deps, { slug: "ssl-internals", locale: "en", title: "Expired certificate warnings: how support checks the store", body: "Support checks the certificate store on the host when visitors see a warning that the certificate expired.", visibility: "internal", tags: ["ssl"] }, "staff:editor@support.test");
  const created = await postJson(tidings.t, "/api/v1/tickets", { email: "chris@shop.example", subject: "Browser says our SSL certificate expired", description: "Since this morning every visitor sees a warning that the certificate has expired." });
  const { tid } = (await created.json()) as { tid: string };
  await postJson(tidings.t, `/api/v1/tickets/${tid}/messages`, { body: "Renew it under Settings → Security." }, adminHeaders);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await page.goto(`${tidings.url}/console/`);
  await page.getByLabel("Email").fill("editor@support.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Queue" }).waitFor();

  // The editor: the Markdown changed, so the preview shows the server's rendering of the new text.
  await page.getByRole("link", { name: "Articles" }).click();
  await page.getByRole("link", { name: "Renew an expired SSL certificate" }).click();
  const body = page.getByLabel("Text (Markdown)");
  await body.waitFor();
  await body.fill(`${await body.inputValue()}\n\n> Tip: cloud shops renew by themselves.`);
  await page.locator(".kb-preview blockquote").waitFor();
  await page.screenshot({ path: path.join(OUT, "kb-editor.png"), fullPage: true });
  const axe = async (name: string) => console.log(`axe, serious or critical, ${name}:`, JSON.stringify(await seriousViolations(page)));
  await axe("editor");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved as revision 2.").waitFor();
  await page.getByRole("region", { name: "Revisions" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, "kb-editor-saved.png"), fullPage: true });

  await page.getByRole("link", { name: "All articles" }).click();
  await page.getByRole("link", { name: "Renew an expired SSL certificate" }).waitFor();
  await axe("article list");

  // The composer: search, an internal result that is not linked, a public one inserted.
  await page.goto(`${tidings.url}/console/tickets/${tid}`);
  const reply = page.getByLabel("Reply (mailed to the client)");
  await reply.fill("Hello Chris,\n\nthe certificate can be renewed in two clicks:");
  await page.getByRole("button", { name: "Insert article link" }).click();
  await page.getByLabel("Search articles").fill("visitors see a warning that the certificate expired");
  await page.locator(".kb-link-results").waitFor();
  await page.getByRole("button", { name: /Insert link.*Renew an expired/ }).click();
  await page.waitForFunction(() => (document.querySelector("#compose-body") as HTMLTextAreaElement).value.includes("/help/en/renew-ssl-certificate"));
  await page.locator(".composer").scrollIntoViewIfNeeded();
  await page.locator(".composer").screenshot({ path: path.join(OUT, "kb-composer-link.png") });
  await axe("composer with the article search open");
  await page.screenshot({ path: path.join(OUT, "kb-composer-page.png"), fullPage: true });
  console.log(`wrote ${OUT}/kb-editor.png, kb-editor-saved.png, kb-composer-link.png, kb-composer-page.png`);
} finally {
  await browser.close();
  await tidings.close();
}
