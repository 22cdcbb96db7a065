/**
 * The staff console end to end, in real Chromium against the real app (issue 7, acceptance 1 and
 * 2): an agent signs in and works the queue and tickets, a supervisor sees an escalation, an admin
 * adds a holiday, a site and a closure; axe on every page; hostile text stays text. The server's clock and
 * the browser's are pinned together (a Monday in December, inside business hours), so due times
 * are exact and the pause of a waiting ticket can be measured.
 *
 * `CONSOLE_SCREENSHOTS=1 npx vitest run test/e2e/console.test.ts` also writes
 * docs/screenshots/console-*.png; look at them after changing how the console looks.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { closures, outbox, sites, holidays } from "../../server/db/schema";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { ticketToken } from "../../server/services/accounts/signed-links";
import { receiveMail } from "../../server/services/mail/inbound-mail";
import { png } from "../fixtures/files";
import { describeBrowser, launchChromium } from "../support/browser";
import { seriousViolations } from "./axe";
import { startTidings, type TidingsServer } from "./servers";
import { adminHeaders } from "../support/test-app";

const SHOTS = process.env.CONSOLE_SCREENSHOTS === "1" ? path.resolve(import.meta.dirname, "../../docs/screenshots") : null;
const PASSWORD = "correct horse battery";
const HOUR = 3_600_000;
/** Monday 7 December 2026, 11:00 in Berlin. */
const T0 = Date.parse("2026-12-07T10:00:00Z");

/** Markup a client might send; none of it may become markup or run in the console. */
const XSS = {
  subject: `<img src=x onerror="window.__xss='subject'">Checkout broken`,
  description: `<script>window.__xss='description'</script><b>bold?</b> The checkout page is blank.`,
  fileName: `<img src=x onerror="window.__xss='file'">.png`,
  phpinfo: `phpinfo()\nPHP Version => 8.2.12\n\nCore\n\nDirective => Local Value => Master Value\nmemory_limit => 256M => 128M\nxss_probe => <script>window.__xss='php'</script> => <img src=x onerror="window.__xss='php2'">\n`,
  mail: `<svg onload="window.__xss='mail'"></svg><iframe src="javascript:window.__xss='mail2'"></iframe> Still broken after the update.`,
  reason: `<img src=x onerror="window.__xss='escalation'">Nobody answers`,
};

describeBrowser("the staff console", () => {
  let tidings: TidingsServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clock = T0;
  const pageErrors: string[] = [];
  const tids = { old: "", hostile: "", urgent: "" };

  /** Moves the server's and the browser's clock together. */
  const at = async (ms: number) => {
    clock = ms;
    await page.clock.setFixedTime(new Date(ms));
  };

  const request = (url: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set("Content-Type", "application/json");
    return tidings.t.app.request(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  };

  const createTicket = async (fields: Record<string, string>, file?: { name: string; bytes: Buffer }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.append("attachments", new Blob([new Uint8Array(file.bytes)], { type: "image/png" }), file.name);
    const res = await request("/api/v1/tickets", { method: "POST", body: form });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { tid: string }).tid;
  };

  const shot = async (name: string) => {
    if (!SHOTS) return;
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur?.();
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`) });
  };

  /** axe on the page as it is now: no serious or critical violation. */
  const axe = async (name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await shot(name);
  };

  const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name });

  const signIn = async (email: string) => {
    await page.goto(`${tidings.url}/console/`);
    await heading("Sign in to the support console").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await heading("Queue").waitFor();
  };

  const signOut = async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await heading("Sign in to the support console").waitFor();
  };

  const dueInstant = async () => page.getByTestId("sla-due").locator("time").getAttribute("datetime");

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
    tidings.t.deps.now = () => new Date(clock);
    for (const [email, role] of [["agent@support.test", "agent"], ["lead@support.test", "supervisor"], ["admin@support.test", "admin"]] as const) {
      await addStaff(tidings.t.deps, { email, role, password: PASSWORD, name: role === "agent" ? "Alex Agent" : undefined });
    }
    // First come: an ordinary question, then the hostile one, then an urgent recovery last.
    clock = T0 - 2 * HOUR;
    tids.old = await createTicket({ email: "first@client.test", subject: "How do I export orders?", description: "I need a CSV of last month's orders." });
    clock = T0 - HOUR;
    tids.hostile = await createTicket(
      { email: "mallory@client.test", subject: XSS.subject, description: XSS.description, phpinfo: XSS.phpinfo, edition: "cloud", productVersion: "24.100.0" },
      { name: XSS.fileName, bytes: png() },
    );
    clock = T0;
    tids.urgent = await createTicket({ email: "down@client.test", subject: "Our shop is down", description: "Every page answers 500 since the update.", urgent: "true" });

    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
    // A short poll keeps the live-update checks quick.
    await context.addInitScript(() => {
      try {
        localStorage.setItem("tidings.console.pollMs", "1000");
      } catch {
        /* about:blank has no storage */
      }
    });
    page = await context.newPage();
    await page.clock.setFixedTime(new Date(clock));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // A 4xx the page expects (a wrong password, a ticket without phpinfo) is logged by Chromium too.
    page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && pageErrors.push(m.text()));
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await tidings?.close();
  });

  test("an agent signs in and sees the urgent ticket above older ones, with time left to target and maximum", async () => {
    const res = await page.goto(`${tidings.url}/console/`);
    // The console runs under the pages' strict policy: scripts only from our files, Trusted Types.
    const csp = (await res!.allHeaders())["content-security-policy"]!;
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).toContain("require-trusted-types-for 'script'");
    await heading("Sign in to the support console").waitFor();
    await axe("sign-in");
    await page.getByLabel("Email").fill("agent@support.test");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "The email address or the password is not right." }).waitFor();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await heading("Queue").waitFor();

    const rows = page.locator("table.queue tbody tr");
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-tid")))).toEqual([tids.urgent, tids.old, tids.hostile]);
    await expect.poll(() => rows.first().getByText("Urgent").count()).toBe(1);
    // Received at 11:00 on non-commercial self-hosted (24/48 business hours): due next week.
    expect(await rows.first().locator("td").nth(6).innerText()).toMatch(/^in \d+ d( \d+ h)?$/);
    expect(await rows.first().locator("td").nth(7).innerText()).toMatch(/^in \d+ d( \d+ h)?$/);
    // Markup in a subject is text in the queue.
    expect(await rows.nth(2).locator(".subject").innerText()).toBe(XSS.subject);
    await axe("queue");
  });

  test("the queue updates itself when a ticket arrives, and filters and search narrow it", async () => {
    const before = await page.locator("table.queue tbody tr").count();
    clock += 60_000;
    const late = await createTicket({ email: "late@client.test", subject: "Invoice template question", description: "Where is the invoice template stored?" });
    await page.locator(`table.queue tbody tr[data-tid="${late}"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator("table.queue tbody tr").count()).toBe(before + 1);

    await page.getByLabel("Search").fill("invoice");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.locator("table.queue tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-tid")))).toEqual([late]);
    expect(page.url()).toContain("q=invoice");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("Channel").selectOption("api");
    await expect.poll(() => page.locator("table.queue tbody tr").count()).toBe(before + 1);
    await page.getByRole("button", { name: "Clear filters" }).click();
  });

  test("j/k and Enter open a ticket; r replies and the client is mailed", async () => {
    // The filters were just cleared: wait for the whole queue, not the filtered list still shown.
    await expect.poll(() => page.locator("table.queue tbody tr").nth(1).getAttribute("data-tid")).toBe(tids.old);
    // Start from the page's heading, as a keyboard user arriving on the queue does (not from the filter controls just used).
    await page.locator("main h1").focus();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-tid"))).toBe(tids.old);
    await page.keyboard.press("Enter");
    await heading(/How do I export orders\?/).waitFor();
    expect(page.url()).toBe(`${tidings.url}/console/tickets/${tids.old}`);

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await axe("shortcuts");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    await page.keyboard.press("r");
    const box = page.getByLabel("Reply (mailed to the client)");
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill("Orders › Export › CSV. See https://docs.example.com/orders/export");
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Reply sent; the client gets it by mail.").waitFor();
    await page.getByRole("heading", { name: "Reply by agent@support.test" }).waitFor();
    await page.getByTestId("sla-due").getByText(/Answered/).waitFor();

    const [mail] = await tidings.t.deps.db.select().from(outbox).where(and(eq(outbox.kind, "staff-reply"), eq(outbox.toAddress, "first@client.test")));
    expect(mail?.textBody).toContain("https://docs.example.com/orders/export");
    expect(mail?.subject).toContain(`[TID#${tids.old}]`);

    await page.keyboard.press("n");
    await page.getByLabel("Internal note (only staff see it)").fill("Client is on the old export module.");
    await page.getByRole("button", { name: "Save internal note" }).click();
    await page.getByText("Internal note saved.").waitFor();
    await page.locator("article.message.internal").getByText("Client is on the old export module.").waitFor();
    await page.keyboard.press("a");
    await page.locator(".assign").getByText("agent@support.test").waitFor();
    await axe("ticket");
  });

  test("requesting information stops the due time; the client's reply starts it again where it stood", async () => {
    await page.goto(`${tidings.url}/console/tickets/${tids.urgent}`);
    await heading(/Our shop is down/).waitFor();
    const due = await dueInstant();
    expect(due).not.toBeNull();

    await at(clock + HOUR);
    await page.keyboard.press("i");
    await page.getByRole("checkbox", { name: "The license key" }).check();
    await page.getByLabel("Message to the client").fill("Which license does the shop run on?");
    await page.getByRole("button", { name: "Ask the client" }).click();
    await page.getByTestId("sla-due").getByText("Paused: waiting for the client").waitFor();
    expect(await page.getByTestId("sla-due").locator("time").count()).toBe(0);
    await page.locator(".badges").getByText("Waiting for the client").waitFor();
    await axe("ticket-paused");
    const [asked] = await tidings.t.deps.db.select().from(outbox).where(and(eq(outbox.kind, "request-information"), eq(outbox.toAddress, "down@client.test")));
    expect(asked?.textBody).toContain("The license key");

    // Two business hours later the client answers through the link in their mail.
    await at(clock + 2 * HOUR);
    const form = new FormData();
    form.set("body", "License TD-1234, self-hosted.");
    const res = await request(`/api/v1/tickets/${tids.urgent}/messages`, { method: "POST", headers: { "X-Ticket-Token": ticketToken(tidings.t.deps.secret, tids.urgent) }, body: form });
    expect(res.status).toBe(201);

    // The page notices by itself; the maximum moved by exactly the time the clock stood still.
    await page.getByTestId("sla-due").locator("time").waitFor({ timeout: 15_000 });
    expect(Date.parse((await dueInstant())!) - Date.parse(due!)).toBe(2 * HOUR);
    await page.getByText("License TD-1234, self-hosted.").waitFor();
  });

  test("handing a ticket to development makes it due 14 calendar days after the hand-over; then it is resolved", async () => {
    await page.goto(`${tidings.url}/console/tickets/${tids.hostile}`);
    await page.locator("h1 .subject").waitFor();
    const handover = clock;
    await page.locator("summary", { hasText: "Change level" }).click();
    await page.getByLabel("New level").selectOption("development");
    // SLA 2.6: no propagation for a non-commercial client; the agent is told so before writing a reason.
    await page.getByText(/Propagation to the development department is for partners and commercial clients/).waitFor();
    expect(await page.locator("details.action button[type=submit]", { hasText: "Change level" }).isDisabled()).toBe(true);
    const licensed = await request("/api/v1/admin/licenses", { method: "POST", headers: adminHeaders, json: { key: "E2E-MALLORY", holder: "Mallory GmbH", category: "commercial", edition: "cloud", emails: ["mallory@client.test"] } });
    expect(licensed.status).toBe(201);
    await page.reload();
    await page.locator("h1 .subject").waitFor();
    await page.locator("summary", { hasText: "Change level" }).click();
    await page.getByLabel("New level").selectOption("development");
    await page.getByLabel("Target version").fill("24.200.0");
    await page.getByLabel("Reason").fill("Bug in the checkout renderer; fixed in the next update.");
    await page.locator("details.action button[type=submit]", { hasText: "Change level" }).click();
    await page.locator(".badges").getByText("In development").waitFor();
    await expect.poll(dueInstant).toBe(new Date(handover + 14 * 24 * HOUR).toISOString());
    await page.locator(".history").getByText(/Handed to development.*target version 24\.200\.0/).waitFor();

    await page.locator("summary", { hasText: "Resolve or close" }).click();
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await page.locator(".badges").getByText("Resolved").waitFor();
    await page.locator(".history").getByText(/Status changed.*In development → Resolved/).waitFor();
  });

  test("script and HTML in descriptions, mail bodies, file names and phpinfo show as text; nothing runs", async () => {
    const raw = [
      "From: Mallory <mallory@client.test>", "To: support@localhost", `Subject: Re: [TID#${tids.hostile}] checkout`,
      "Message-ID: <xss-1@client.test>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", XSS.mail, "",
    ].join("\r\n");
    const got = await receiveMail(tidings.t.deps, Buffer.from(raw), { mailFrom: "mallory@client.test" });
    expect(got.tid).toBe(tids.hostile);

    await page.goto(`${tidings.url}/console/tickets/${tids.hostile}`);
    await page.locator("h1 .subject").waitFor();
    expect(await page.locator("h1 .subject").innerText()).toBe(XSS.subject);
    await page.locator(".message .body").getByText(XSS.description, { exact: true }).waitFor();
    await page.locator(".message .body").getByText(XSS.mail, { exact: true }).waitFor();
    await page.getByRole("link", { name: XSS.fileName }).waitFor();
    await page.getByRole("img", { name: `Preview of ${XSS.fileName}` }).waitFor();
    await page.getByLabel("Search keys and values").fill("xss");
    const probe = page.locator("table.php tbody tr").filter({ hasText: "xss_probe" });
    expect(await probe.locator("td").allInnerTexts()).toEqual([`<script>window.__xss='php'</script>`, `<img src=x onerror="window.__xss='php2'">`]);
    await page.getByText(/^1 of \d+ entries match$/).waitFor();

    // Only our own elements: no <b>, <script>, <svg>, <iframe> from the client, and no img but the preview.
    expect(await page.locator("main b, main script, main svg, main iframe").count()).toBe(0);
    expect(await page.locator("main img").evaluateAll((imgs: Element[]) => imgs.map((i) => i.className))).toEqual(["thumb"]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    await axe("ticket-hostile");
  });

  test("German: the whole console switches language", async () => {
    await page.goto(`${tidings.url}/console/`);
    await heading("Queue").waitFor();
    await page.getByRole("button", { name: "Language: Deutsch" }).click();
    await heading("Warteschlange").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    await page.getByRole("columnheader", { name: "Maximum" }).waitFor();
    await axe("queue-de");
    await page.getByRole("button", { name: "Sprache: English" }).click();
    await heading("Queue").waitFor();
    await signOut();
  });

  test("a supervisor sees the client's escalation and marks it handled; breaches and reports", async () => {
    const res = await request(`/api/v1/tickets/${tids.urgent}/escalations`, {
      method: "POST", headers: { "X-Ticket-Token": ticketToken(tidings.t.deps.secret, tids.urgent) }, json: { target: "supervisor", reason: XSS.reason },
    });
    expect(res.status).toBe(201);
    await signIn("lead@support.test");
    await page.getByRole("link", { name: "Escalations" }).click();
    await heading("Escalations").waitFor();
    const row = page.locator("tbody tr").filter({ hasText: `TID#${tids.urgent}` });
    await row.getByText(XSS.reason, { exact: true }).waitFor();
    expect(await row.getByText("down@client.test").count()).toBe(1);
    await axe("escalations");
    await row.getByRole("button", { name: new RegExp(`^Mark handled\\s*: TID#${tids.urgent}$`) }).click();
    await page.getByText("No open escalations.").waitFor();

    await page.getByRole("link", { name: "Breaches" }).click();
    await heading("Breaches").waitFor();
    await axe("breaches");
    await page.getByRole("link", { name: "Reports" }).click();
    await heading("Reports").waitFor();
    await page.getByRole("img", { name: /^Open tickets per level:/ }).waitFor();
    expect(await page.getByRole("link", { name: /^Download CSV\s*: Backlog by level$/ }).getAttribute("href")).toBe("/api/v1/reports/backlog?format=csv");
    await axe("reports");
    await signOut();
  });

  test("an admin adds a holiday and a site (with its snippet), and every admin page passes axe", async () => {
    await signIn("admin@support.test");
    await page.getByRole("link", { name: "Holidays" }).click();
    await heading("Holidays").waitFor();
    await page.getByLabel("Date").fill("2026-12-28");
    await page.getByLabel("Name", { exact: true }).fill("Team offsite");
    await page.getByRole("button", { name: "Add holiday" }).click();
    await page.getByText(/^Team offsite on .*28 December 2026 added\.$/).waitFor();
    await page.getByRole("row", { name: /Team offsite/ }).getByText("Added by an admin").waitFor();
    expect(await tidings.t.deps.db.select().from(holidays).where(eq(holidays.date, "2026-12-28"))).toHaveLength(1);
    await axe("admin-holidays");

    await page.getByRole("link", { name: "Sites" }).click();
    await heading("Sites").waitFor();
    await page.getByLabel("Name").fill("Shop <b>example</b>");
    await page.getByLabel("Allowed origins").fill("https://shop.example.com");
    await page.getByRole("button", { name: "Add site" }).click();
    const snippet = page.getByRole("region", { name: "Widget snippet for Shop <b>example</b>" }).last();
    await snippet.waitFor();
    const [site] = await tidings.t.deps.db.select().from(sites).where(eq(sites.name, "Shop <b>example</b>"));
    expect(await snippet.innerText()).toContain(`data-site="${site!.siteKey}"`);
    await page.locator(".created").getByRole("button", { name: /^Copy/ }).click();
    await page.locator(".created").getByRole("button", { name: /^(Copied|Copy)/ }).waitFor();
    await axe("admin-sites");

    for (const [link, title] of [["Staff", "Staff"], ["Licenses", "Licenses"], ["Canned answers", "Canned answers"], ["Outbox", "Outbox"], ["Spam", "Spam"], ["Suppressions", "Suppressions"]] as const) {
      await page.getByRole("navigation").getByRole("link", { name: link, exact: true }).click();
      await heading(title).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), link).toEqual([]);
      // The suppressions picture, with a suppression and an alert on it, comes from suppressions.test.ts.
      if (link !== "Outbox" && link !== "Suppressions") await shot(`admin-${link.toLowerCase().replace(/ /g, "-")}`);
    }
    // Without SMTP the replies wait in the outbox, and the admin sees them there.
    await page.getByRole("navigation").getByRole("link", { name: "Outbox" }).click();
    await page.getByRole("radio", { name: "Waiting" }).check();
    await page.getByRole("row", { name: /first@client\.test/ }).first().waitFor();
    await axe("admin-outbox");
    expect(pageErrors).toEqual([]);
  });

  test("an admin in New York adds a closure on Berlin's clock and sees it listed; removing asks first", async () => {
    // The office moved in November; the API keeps it, the page lists it as past.
    const moved = await request("/api/v1/admin/closures", { method: "POST", headers: adminHeaders, json: { name: "Office move", startsAt: "2026-11-13T13:00:00+01:00", endsAt: "2026-11-13T18:00:00+01:00" } });
    expect(moved.status).toBe(201);
    // A browser far from the calendar's zone: what the admin types and reads is Berlin time all the same.
    const away = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB", timezoneId: "America/New_York" });
    const berlin = page;
    page = await away.newPage();
    try {
      await page.clock.setFixedTime(new Date(clock));
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await signIn("admin@support.test");
      await page.getByRole("navigation").getByRole("link", { name: "Closures", exact: true }).click();
      await heading("Closures").waitFor();
      const past = page.getByRole("region", { name: "Past" }).getByRole("row", { name: /Office move/ });
      expect(await past.locator("td time").allInnerTexts()).toEqual(["Fri, 13 Nov 2026, 13:00", "Fri, 13 Nov 2026, 18:00"]);

      await page.getByLabel("Name", { exact: true }).fill("Christmas closure");
      await page.getByLabel("Start date").fill("2026-12-24");
      await page.getByLabel("Start time").fill("00:00");
      await page.getByLabel("End date").fill("2026-12-23");
      await page.getByLabel("End time").fill("00:00");
      await page.getByRole("button", { name: "Add closure" }).click();
      await page.getByRole("alert").filter({ hasText: "The end must be after the start." }).waitFor();
      await page.getByLabel("End date").fill("2027-01-01");
      await page.getByRole("button", { name: "Add closure" }).click();
      await page.getByText("Christmas closure added: Thu, 24 Dec 2026, 00:00 to Fri, 1 Jan 2027, 00:00.").waitFor();
      const row = page.getByRole("region", { name: "Now and upcoming" }).getByRole("row", { name: /Christmas closure/ });
      // The list is reloaded after the success note: wait for the new row.
      await row.waitFor();
      expect(await row.locator("td time").allInnerTexts()).toEqual(["Thu, 24 Dec 2026, 00:00", "Fri, 1 Jan 2027, 00:00"]);
      const [saved] = await tidings.t.deps.db.select().from(closures).where(eq(closures.name, "Christmas closure"));
      expect([saved!.startsAt.toISOString(), saved!.endsAt.toISOString()]).toEqual(["2026-12-23T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
      await axe("admin-closures");

      const remove = page.getByRole("button", { name: /^Remove Office move,/ });
      await remove.click();
      const dialog = page.getByRole("alertdialog", { name: "Remove this closure?" });
      await dialog.waitFor();
      expect(await seriousViolations(page), "confirmation").toEqual([]);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(await remove.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      await dialog.getByRole("button", { name: "Remove closure" }).click();
      await page.getByText("Office move removed.").waitFor();
      await page.getByText("No closure has ended yet.").waitFor();
      expect(await tidings.t.deps.db.select().from(closures).where(eq(closures.name, "Office move"))).toHaveLength(0);
      expect(pageErrors).toEqual([]);
    } finally {
      page = berlin;
      await away.close();
    }
  });
});
