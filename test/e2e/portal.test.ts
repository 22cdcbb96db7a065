/**
 * The customer portal in real Chromium against the real server (issue 6, acceptance 2, 4 and 5):
 * a client signs in by the mailed link, sees the list, finds a ticket by TID (with the typo hint),
 * replies with a screenshot, hands over credentials, escalates, reopens a closed ticket, rates a
 * resolved one in two steps, and registers a new one; a used or an expired link gets a clear page;
 * hostile text in a description and in a mail body shows as text and runs nothing; axe finds no
 * serious or critical violation on any page, in English, German and at 320 px. One server and one
 * browser for the whole file, the tests in order (each continues where the last one stopped).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { escalations, loginLinks, outbox, ratings, tickets } from "../../server/db/schema";
import { receiveMail } from "../../server/services/mail/inbound-mail";
import { deriveSubject } from "../../shared/api/tickets";
import { isValidTid } from "../../shared/tid";
import { png } from "../fixtures/files";
import { describeBrowser, launchChromium } from "../support/browser";
import { adminHeaders } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { seriousViolations } from "./axe";
import { startTidings, type TidingsServer } from "./servers";
import { adminPost, CLIENT, DESCRIPTION_PAYLOAD, hostileReply, mailedSignInLink, MAIL_PAYLOAD, watchedPage } from "./portal-fixtures";


describeBrowser("the customer portal", () => {
  let tidings: TidingsServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const tid = { open: "", closed: "", resolved: "", hostile: "", mailed: "" };

  const admin = (path: string, body: unknown) => adminPost(tidings.url, path, body);
  const register = async (description: string, extra: Record<string, unknown> = {}) =>
    (await admin("/tickets", { email: CLIENT, description, edition: "cloud", ...extra })).tid as string;
  const ticketJson = async (t: string) => answerOf(await fetch(`${tidings.url}/api/v1/tickets/${t}`, { headers: adminHeaders }), ticketViewSchema);
  const idOf = async (t: string) => (await tidings.t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, t)))[0]!.id;
  const mailedLink = (email: string) => mailedSignInLink(tidings.t.deps.db, email);
  const axe = async (p: Page, where: string) => expect(await seriousViolations(p), where).toEqual([]);
  const h1 = (p: Page) => p.getByRole("heading", { level: 1 });

  const watched = (c: BrowserContext) => watchedPage(c, problems);

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
    tid.open = await register("Checkout fails with error 500 after the update", { productVersion: "24.100.0", url: "https://shop.example/cart" });
    tid.closed = await register("Invoices are sent twice");
    tid.resolved = await register("The search finds nothing");
    tid.hostile = await register(DESCRIPTION_PAYLOAD);
    await admin(`/tickets/${tid.closed}/status`, { status: "closed" });
    await admin(`/tickets/${tid.resolved}/status`, { status: "resolved" });
    tid.mailed = await register("The newsletter goes out without images");
    await admin(`/tickets/${tid.mailed}/status`, { status: "resolved" });
    // A mail answer full of markup, through the real inbound pipeline (threaded by the [TID#…] subject).
    expect(await receiveMail(tidings.t.deps, hostileReply(tid.hostile), { mailFrom: CLIENT })).toMatchObject({ outcome: "message", tid: tid.hostile });
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
    page = await watched(ctx);
  });
  afterAll(async () => {
    await browser?.close();
    await tidings?.close();
  });

  test("a client signs in by the mailed link; opening the link alone spends nothing", async () => {
    await page.goto(`${tidings.url}/portal/`);
    await h1(page).filter({ hasText: "Sign in" }).waitFor();
    const csp = (await page.request.get(`${tidings.url}/portal/`)).headers()["content-security-policy"]!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    await axe(page, "sign-in page");

    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    expect(await page.getByText("Please enter your email address.").isVisible()).toBe(true);
    await page.getByLabel("Email").fill(CLIENT);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your mail" }).waitFor();
    await axe(page, "link sent");

    const link = await mailedLink(CLIENT);
    // What a mail scanner does: fetch the link. The page is served; the token stays unspent.
    expect((await fetch(link)).status).toBe(200);
    await page.goto(link);
    await h1(page).filter({ hasText: "Finish signing in" }).waitFor();
    await axe(page, "sign-in link page");
    const [row] = await tidings.t.deps.db.select().from(loginLinks).where(eq(loginLinks.email, CLIENT)).orderBy(desc(loginLinks.createdAt)).limit(1);
    expect(row!.usedAt).toBeNull();

    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await h1(page).filter({ hasText: "My tickets" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/");
    expect(await page.getByText(`Signed in as ${CLIENT}`).isVisible()).toBe(true);
  });

  test("my tickets: number, subject, status and level in words, the response time", async () => {
    const rows = page.getByRole("table").getByRole("row");
    await rows.nth(5).waitFor();
    expect(await rows.count()).toBe(6);
    const openRow = rows.filter({ hasText: `TID#${tid.open}` });
    expect(await openRow.getByRole("cell").allInnerTexts()).toEqual([
      "Checkout fails with error 500 after the update", "New", "Non-commercial, cloud", expect.stringMatching(/^Answer due .+ \(by .+\)$/),
    ]);
    expect(await rows.filter({ hasText: `TID#${tid.closed}` }).getByRole("cell").nth(1).innerText()).toBe("Closed");
    expect(await rows.filter({ hasText: `TID#${tid.resolved}` }).getByRole("cell").nth(1).innerText()).toBe("Resolved");
    await axe(page, "my tickets");
  });

  test("find by TID: a wrong check digit gets the typo hint with the meant ticket; a right one opens it", async () => {
    const last = Number(tid.open.at(-1));
    const typo = tid.open.slice(0, -1) + String((last + 1) % 10);
    expect(isValidTid(typo)).toBe(false);
    await page.getByLabel("Ticket number").fill(`TID#${typo}`);
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByText(`TID#${typo} has a typing mistake`).waitFor();
    expect(await page.getByText("Did you mean:").isVisible()).toBe(true);
    await axe(page, "find result");
    await page.getByRole("region", { name: "Find a ticket by its number" }).getByRole("link", { name: `TID#${tid.open}` }).click();
    await h1(page).filter({ hasText: "Checkout fails with error 500" }).waitFor();
    // Focus moves to the new page's heading.
    await page.waitForFunction(() => document.activeElement?.tagName === "H1", undefined, { timeout: 5_000 });

    await page.goBack();
    await h1(page).filter({ hasText: "My tickets" }).waitFor();
    await page.getByLabel("Ticket number").fill(tid.closed);
    await page.getByRole("button", { name: "Find" }).click();
    await h1(page).filter({ hasText: "Invoices are sent twice" }).waitFor();
  });

  test("on an open ticket: reply with a screenshot, hand over server access, escalate to the supervisor", async () => {
    await page.goto(`${tidings.url}/portal/t/${tid.open}`);
    await h1(page).filter({ hasText: "Checkout fails" }).waitFor();
    await axe(page, "ticket page");

    const reply = page.getByRole("region", { name: "Reply" });
    await reply.getByLabel("Your message").fill("Here is the error page.\n<b>not bold</b>");
    const chooser = page.waitForEvent("filechooser");
    await reply.getByRole("button", { name: "Attach files" }).click();
    await (await chooser).setFiles([{ name: "error-500.png", mimeType: "image/png", buffer: png() }]);
    await reply.getByText("error-500.png").waitFor();
    await reply.getByRole("button", { name: "Send reply" }).click();
    await reply.getByText("Your reply was added to the ticket.").waitFor();
    const conversation = page.getByRole("region", { name: "Conversation" });
    await conversation.getByText("<b>not bold</b>").waitFor();
    const download = conversation.getByRole("link", { name: /^Download error-500\.png/ });
    expect(await download.getAttribute("href")).toMatch(new RegExp(`^/api/v1/tickets/${tid.open}/attachments/`));
    const bytes = Buffer.from(await (await page.request.get(`${tidings.url}${await download.getAttribute("href")}`)).body());
    expect(bytes.equals(png())).toBe(true);

    const vault = page.getByRole("region", { name: "Server access for support" });
    expect(await vault.getByText("destroyed when the ticket is resolved or closed").isVisible()).toBe(true);
    await vault.getByLabel("Kind of access").selectOption("ftp");
    await vault.getByLabel("Name", { exact: true }).fill("Production FTP");
    await vault.getByLabel("Host or address").fill("ftp.kunde.example");
    await vault.getByLabel("User name").fill("web1");
    await vault.getByLabel("Password or key").fill("Sup3r-S3cret-pa55");
    await vault.getByRole("button", { name: "Hand over securely" }).click();
    await vault.getByText("“Production FTP” was handed over securely.").waitFor();
    await vault.getByRole("listitem").filter({ hasText: "Production FTP" }).waitFor();
    expect(await page.content()).not.toContain("Sup3r-S3cret-pa55");

    const esc = page.getByRole("region", { name: "Ask a supervisor" });
    await esc.getByRole("radio", { name: "The support supervisor" }).check();
    await esc.getByLabel("Why should they look at it?").fill("Our shop cannot take orders since Monday.");
    await esc.getByRole("button", { name: "Send request" }).click();
    await esc.getByText("Your request went to the support supervisor.").waitFor();
    const rows = await tidings.t.deps.db.select().from(escalations).where(eq(escalations.ticketId, await idOf(tid.open)));
    expect(rows.map((r) => [r.target, r.reason])).toEqual([["supervisor", "Our shop cannot take orders since Monday."]]);
    await axe(page, "ticket page after the actions");
  });

  test("a closed ticket is reopened with a reason; its clock starts again", async () => {
    await page.goto(`${tidings.url}/portal/t/${tid.closed}`);
    const reopen = page.getByRole("region", { name: "Reopen this ticket" });
    await reopen.waitFor();
    await reopen.getByRole("button", { name: "Reopen ticket" }).click();
    await reopen.getByText("Please say in a few words what is still wrong.").waitFor();
    await reopen.getByLabel("What is still wrong?").fill("Invoices still go out twice for orders paid by card.");
    await reopen.getByRole("button", { name: "Reopen ticket" }).click();
    await page.getByText(/^The ticket is open again\. We answer by /).waitFor();
    await page.getByRole("region", { name: "About this ticket" }).getByText("Open", { exact: true }).waitFor();
    expect(await reopen.count()).toBe(0);
    const after = await ticketJson(tid.closed);
    expect(after.status).toBe("open");
    expect(new Date(after.responseDueAt!).getTime()).toBeGreaterThan(Date.now());
  });

  test("a resolved ticket is rated in two steps; only the confirmation counts", async () => {
    await page.goto(`${tidings.url}/portal/t/${tid.resolved}?rate=1`);
    const rate = page.getByRole("region", { name: "Rate our support" });
    await rate.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "rate-1", undefined, { timeout: 5_000 });
    await rate.getByRole("radio", { name: "4, good" }).check();
    await rate.getByLabel("Comment (optional)").fill("Quick and friendly.");
    await rate.getByRole("button", { name: "Continue" }).click();
    await rate.getByRole("heading", { name: "Please confirm your rating" }).waitFor();
    expect(await rate.getByText("You rate our support 4 of 5 (4, good).").isVisible()).toBe(true);
    await axe(page, "rating confirmation");
    const id = await idOf(tid.resolved);
    expect((await tidings.t.deps.db.select().from(ratings).where(eq(ratings.ticketId, id)))[0]).toMatchObject({ score: 4, confirmedAt: null });
    await rate.getByRole("button", { name: "Confirm rating" }).click();
    await rate.getByText("Thank you. Your rating (4 of 5) is saved.").waitFor();
    const [vote] = await tidings.t.deps.db.select().from(ratings).where(eq(ratings.ticketId, id));
    expect(vote).toMatchObject({ score: 4, comment: "Quick and friendly." });
    expect(vote!.confirmedAt).toBeInstanceOf(Date);
  });

  test("a new ticket from the portal: the widget's fields and attachment rules", async () => {
    await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Report a problem" }).click();
    await h1(page).filter({ hasText: "Report a problem" }).waitFor();
    await axe(page, "new ticket form");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByText("Please describe the problem.").waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "nt-description", undefined, { timeout: 5_000 });
    await page.getByLabel("Describe the problem").fill("The product list is empty after the import.");
    await page.getByLabel("Steps to reproduce").fill("1. Import products.csv\n2. Open Catalog");
    await page.getByLabel("Edition").selectOption("self-hosted");
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Attach files" }).click();
    await (await chooser).setFiles([
      { name: "catalog.png", mimeType: "image/png", buffer: png() },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("plain text") },
    ]);
    await page.getByText(/"notes\.txt" is not a file type we accept/).waitFor();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await h1(page).filter({ hasText: "The product list is empty after the import." }).waitFor();
    const newTid = /\/portal\/t\/(\d+)$/.exec(page.url())![1]!;
    const created = await ticketJson(newTid);
    expect(created).toMatchObject({ channel: "portal", edition: "self-hosted", requester: { email: CLIENT } });
    expect(created.attachments.map((a) => a.fileName)).toEqual(["catalog.png"]);
  });

  test("script and HTML in a description and in a mail body show as text; nothing runs", async () => {
    await page.goto(`${tidings.url}/portal/`);
    await page.getByRole("link", { name: `TID#${tid.hostile}` }).waitFor();
    const subject = deriveSubject(DESCRIPTION_PAYLOAD);
    expect(await page.getByRole("table").getByText(subject).isVisible()).toBe(true);
    await page.getByRole("link", { name: `TID#${tid.hostile}` }).click();
    await h1(page).filter({ hasText: subject }).waitFor();
    const conversation = page.getByRole("region", { name: "Conversation" });
    const bodies = await conversation.locator(".body").allInnerTexts();
    expect(bodies).toEqual([DESCRIPTION_PAYLOAD, expect.stringContaining(MAIL_PAYLOAD)]);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img, main svg, main iframe, main script").count()).toBe(0);
    await axe(page, "ticket with hostile text");
  });

  test("a used link and an expired link are refused with a clear page that offers a new one", async () => {
    const other = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: "en-GB" });
    try {
      const p = await watched(other);
      const used = await mailedLink(CLIENT);
      await p.goto(used);
      await p.getByRole("button", { name: "Sign in", exact: true }).click();
      await h1(p).filter({ hasText: "This sign-in link no longer works" }).waitFor();
      expect(await p.getByText("this link has already been used or has expired").isVisible()).toBe(true);
      await p.waitForFunction(() => document.activeElement?.tagName === "H1", undefined, { timeout: 5_000 });
      await axe(p, "refused link");

      // A new link from the refusal page, then let it expire unused.
      await p.getByLabel("Email").fill(CLIENT);
      await p.getByRole("button", { name: "Send me a new link" }).click();
      await p.getByRole("heading", { name: "Check your mail" }).waitFor();
      const fresh = await mailedLink(CLIENT);
      expect(fresh).not.toBe(used);
      await tidings.t.deps.db.update(loginLinks).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(loginLinks.email, CLIENT));
      await p.goto(fresh);
      await p.getByRole("button", { name: "Sign in", exact: true }).click();
      await h1(p).filter({ hasText: "This sign-in link no longer works" }).waitFor();
      // Still signed out: the list asks to sign in.
      await p.goto(`${tidings.url}/portal/`);
      await p.getByText("Please sign in to see your tickets.").waitFor();
    } finally {
      await other.close();
    }
  });

  test("from the mails, without signing in: the acknowledgement's link opens the ticket, the rating link rates", async () => {
    const mailText = async (kind: string) => {
      const [m] = await tidings.t.deps.db.select().from(outbox).where(and(eq(outbox.ticketId, await idOf(tid.mailed)), eq(outbox.kind, kind))).orderBy(desc(outbox.id)).limit(1);
      return m!.textBody;
    };
    const ackLink = new RegExp(`https?://\\S+/portal/t/${tid.mailed}\\?token=[A-Za-z0-9_-]+`).exec(await mailText("acknowledgement"))![0];
    const rateLink = new RegExp(`https?://\\S+/portal/t/${tid.mailed}\\?token=[A-Za-z0-9_-]+&rate=1`).exec(await mailText("resolved"))![0];
    const other = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: "en-GB" });
    try {
      const p = await watched(other);
      await p.goto(ackLink);
      await h1(p).filter({ hasText: "The newsletter goes out without images" }).waitFor();
      expect(await p.getByText("You opened this ticket from the link in our mail.").isVisible()).toBe(true);
      await p.goto(rateLink);
      const rate = p.getByRole("region", { name: "Rate our support" });
      await rate.getByRole("radio", { name: "5, excellent" }).check();
      // Following the links stored nothing; choosing stores an unconfirmed vote; confirming counts it.
      const id = await idOf(tid.mailed);
      expect(await tidings.t.deps.db.select().from(ratings).where(eq(ratings.ticketId, id))).toEqual([]);
      await rate.getByRole("button", { name: "Continue" }).click();
      await rate.getByRole("button", { name: "Confirm rating" }).click();
      await rate.getByText("Thank you. Your rating (5 of 5) is saved.").waitFor();
      expect((await tidings.t.deps.db.select().from(ratings).where(eq(ratings.ticketId, id)))[0]!.confirmedAt).toBeInstanceOf(Date);
    } finally {
      await other.close();
    }
  });

  test("in German, at 320 px, and on a wrong address the pages stay usable and accessible", async () => {
    await page.goto(`${tidings.url}/portal/`);
    await page.getByRole("button", { name: "Language: Deutsch" }).click();
    await h1(page).filter({ hasText: "Meine Tickets" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    await page.getByRole("heading", { name: "Support-Zeiten" }).waitFor();
    await axe(page, "my tickets in German");
    await page.goto(`${tidings.url}/portal/t/${tid.open}`);
    await page.getByRole("heading", { name: "Antworten", exact: true }).waitFor();
    await axe(page, "ticket page in German");
    await page.getByRole("button", { name: "Sprache: English" }).click();
    await h1(page).filter({ hasText: "Checkout fails" }).waitFor();

    await page.setViewportSize({ width: 320, height: 700 });
    for (const path of ["/portal/", `/portal/t/${tid.open}`, "/portal/new"]) {
      await page.goto(`${tidings.url}${path}`);
      await h1(page).waitFor();
      await page.getByRole("heading", { name: "Support hours" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      await axe(page, `${path} at 320 px`);
    }
    await page.goto(`${tidings.url}/portal/no-such-page`);
    await h1(page).filter({ hasText: "Page not found" }).waitFor();
    await axe(page, "not found");
    expect(problems).toEqual([]);
  });
});
