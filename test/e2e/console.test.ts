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
import { expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { outbox } from "../../server/db/schema";
import { ticketToken } from "../../server/services/accounts/signed-links";
import { receiveMail } from "../../server/services/mail/inbound-mail";
import { describeBrowser } from "../support/browser";
import { adminHeaders } from "../support/test-app";
import { consoleSuite, HOUR, PASSWORD, XSS } from "./console-suite";

describeBrowser("the staff console", () => {
  const { s, at, request, createTicket, axe, heading, signIn, signOut, dueInstant } = consoleSuite();

  test("an agent signs in and sees the urgent ticket above older ones, with time left to target and maximum", async () => {
    const res = await s.page.goto(`${s.tidings.url}/console/`);
    // The console runs under the pages' strict policy: scripts only from our files, Trusted Types.
    const csp = (await res!.allHeaders())["content-security-policy"]!;
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).toContain("require-trusted-types-for 'script'");
    await heading("Sign in to the support console").waitFor();
    await axe("sign-in");
    await s.page.getByLabel("Email").fill("agent@support.test");
    await s.page.getByLabel("Password").fill("wrong password");
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await s.page.getByRole("alert").filter({ hasText: "The email address or the password is not right." }).waitFor();
    await s.page.getByLabel("Password").fill(PASSWORD);
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await heading("Queue").waitFor();

    const rows = s.page.locator("table.queue tbody tr");
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-tid")))).toEqual([s.tids.urgent, s.tids.old, s.tids.hostile]);
    await expect.poll(() => rows.first().getByText("Urgent").count()).toBe(1);
    // Received at 11:00 on non-commercial self-hosted (24/48 business hours): due next week.
    expect(await rows.first().locator("td").nth(6).innerText()).toMatch(/^in \d+ d( \d+ h)?$/);
    expect(await rows.first().locator("td").nth(7).innerText()).toMatch(/^in \d+ d( \d+ h)?$/);
    // Markup in a subject is text in the queue.
    expect(await rows.nth(2).locator(".subject").innerText()).toBe(XSS.subject);
    await axe("queue");
  });

  test("the queue updates itself when a ticket arrives, and filters and search narrow it", async () => {
    const before = await s.page.locator("table.queue tbody tr").count();
    s.clock += 60_000;
    const late = await createTicket({ email: "late@client.test", subject: "Invoice template question", description: "Where is the invoice template stored?" });
    await s.page.locator(`table.queue tbody tr[data-tid="${late}"]`).waitFor({ timeout: 10_000 });
    expect(await s.page.locator("table.queue tbody tr").count()).toBe(before + 1);

    await s.page.getByLabel("Search").fill("invoice");
    await s.page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => s.page.locator("table.queue tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-tid")))).toEqual([late]);
    expect(s.page.url()).toContain("q=invoice");
    await s.page.getByRole("button", { name: "Clear filters" }).click();
    await s.page.getByLabel("Channel").selectOption("api");
    await expect.poll(() => s.page.locator("table.queue tbody tr").count()).toBe(before + 1);
    await s.page.getByRole("button", { name: "Clear filters" }).click();
  });

  test("j/k and Enter open a ticket; r replies and the client is mailed", async () => {
    // The filters were just cleared: wait for the whole queue, not the filtered list still shown.
    await expect.poll(() => s.page.locator("table.queue tbody tr").nth(1).getAttribute("data-tid")).toBe(s.tids.old);
    // Start from the page's heading, as a keyboard user arriving on the queue does (not from the filter controls just used).
    await s.page.locator("main h1").focus();
    await s.page.keyboard.press("j");
    await s.page.keyboard.press("j");
    expect(await s.page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-tid"))).toBe(s.tids.old);
    await s.page.keyboard.press("Enter");
    await heading(/How do I export orders\?/).waitFor();
    expect(s.page.url()).toBe(`${s.tidings.url}/console/tickets/${s.tids.old}`);

    await s.page.keyboard.press("?");
    const help = s.page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    await axe("shortcuts");
    await s.page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    await s.page.keyboard.press("r");
    const box = s.page.getByLabel("Reply (mailed to the client)");
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill("Orders › Export › CSV. See https://docs.example.com/orders/export");
    await s.page.getByRole("button", { name: "Send reply" }).click();
    await s.page.getByText("Reply sent; the client gets it by mail.").waitFor();
    await s.page.getByRole("heading", { name: "Reply by agent@support.test" }).waitFor();
    await s.page.getByTestId("sla-due").getByText(/Answered/).waitFor();

    const [mail] = await s.tidings.t.deps.db.select().from(outbox).where(and(eq(outbox.kind, "staff-reply"), eq(outbox.toAddress, "first@client.test")));
    expect(mail?.textBody).toContain("https://docs.example.com/orders/export");
    expect(mail?.subject).toContain(`[TID#${s.tids.old}]`);

    await s.page.keyboard.press("n");
    await s.page.getByLabel("Internal note (only staff see it)").fill("Client is on the old export module.");
    await s.page.getByRole("button", { name: "Save internal note" }).click();
    await s.page.getByText("Internal note saved.").waitFor();
    await s.page.locator("article.message.internal").getByText("Client is on the old export module.").waitFor();
    await s.page.keyboard.press("a");
    await s.page.locator(".assign").getByText("agent@support.test").waitFor();
    await axe("ticket");
  });

  test("requesting information stops the due time; the client's reply starts it again where it stood", async () => {
    await s.page.goto(`${s.tidings.url}/console/tickets/${s.tids.urgent}`);
    await heading(/Our shop is down/).waitFor();
    const due = await dueInstant();
    expect(due).not.toBeNull();

    await at(s.clock + HOUR);
    await s.page.keyboard.press("i");
    await s.page.getByRole("checkbox", { name: "The license key" }).check();
    await s.page.getByLabel("Message to the client").fill("Which license does the shop run on?");
    await s.page.getByRole("button", { name: "Ask the client" }).click();
    await s.page.getByTestId("sla-due").getByText("Paused: waiting for the client").waitFor();
    expect(await s.page.getByTestId("sla-due").locator("time").count()).toBe(0);
    await s.page.locator(".badges").getByText("Waiting for the client").waitFor();
    await axe("ticket-paused");
    const [asked] = await s.tidings.t.deps.db.select().from(outbox).where(and(eq(outbox.kind, "request-information"), eq(outbox.toAddress, "down@client.test")));
    expect(asked?.textBody).toContain("The license key");

    // Two business hours later the client answers through the link in their mail.
    await at(s.clock + 2 * HOUR);
    const form = new FormData();
    form.set("body", "License TD-1234, self-hosted.");
    const res = await request(`/api/v1/tickets/${s.tids.urgent}/messages`, { method: "POST", headers: { "X-Ticket-Token": ticketToken(s.tidings.t.deps.secret, s.tids.urgent) }, body: form });
    expect(res.status).toBe(201);

    // The page notices by itself; the maximum moved by exactly the time the clock stood still.
    await s.page.getByTestId("sla-due").locator("time").waitFor({ timeout: 15_000 });
    expect(Date.parse((await dueInstant())!) - Date.parse(due!)).toBe(2 * HOUR);
    await s.page.getByText("License TD-1234, self-hosted.").waitFor();
  });

  test("handing a ticket to development makes it due 14 calendar days after the hand-over; then it is resolved", async () => {
    await s.page.goto(`${s.tidings.url}/console/tickets/${s.tids.hostile}`);
    await s.page.locator("h1 .subject").waitFor();
    const handover = s.clock;
    await s.page.locator("summary", { hasText: "Change level" }).click();
    await s.page.getByLabel("New level").selectOption("development");
    // SLA 2.6: no propagation for a non-commercial client; the agent is told so before writing a reason.
    await s.page.getByText(/Propagation to the development department is for partners and commercial clients/).waitFor();
    expect(await s.page.locator("details.action button[type=submit]", { hasText: "Change level" }).isDisabled()).toBe(true);
    const licensed = await request("/api/v1/admin/licenses", { method: "POST", headers: adminHeaders, json: { key: "E2E-MALLORY", holder: "Mallory GmbH", category: "commercial", edition: "cloud", emails: ["mallory@client.test"] } });
    expect(licensed.status).toBe(201);
    await s.page.reload();
    await s.page.locator("h1 .subject").waitFor();
    await s.page.locator("summary", { hasText: "Change level" }).click();
    await s.page.getByLabel("New level").selectOption("development");
    await s.page.getByLabel("Target version").fill("24.200.0");
    await s.page.getByLabel("Reason").fill("Bug in the checkout renderer; fixed in the next update.");
    await s.page.locator("details.action button[type=submit]", { hasText: "Change level" }).click();
    await s.page.locator(".badges").getByText("In development").waitFor();
    await expect.poll(dueInstant).toBe(new Date(handover + 14 * 24 * HOUR).toISOString());
    await s.page.locator(".history").getByText(/Handed to development.*target version 24\.200\.0/).waitFor();

    await s.page.locator("summary", { hasText: "Resolve or close" }).click();
    await s.page.getByRole("button", { name: "Resolve", exact: true }).click();
    await s.page.locator(".badges").getByText("Resolved").waitFor();
    await s.page.locator(".history").getByText(/Status changed.*In development → Resolved/).waitFor();
  });

  test("script and HTML in descriptions, mail bodies, file names and phpinfo show as text; nothing runs", async () => {
    const raw = [
      "From: Mallory <mallory@client.test>", "To: support@localhost", `Subject: Re: [TID#${s.tids.hostile}] checkout`,
      "Message-ID: <xss-1@client.test>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", XSS.mail, "",
    ].join("\r\n");
    const got = await receiveMail(s.tidings.t.deps, Buffer.from(raw), { mailFrom: "mallory@client.test" });
    expect(got.tid).toBe(s.tids.hostile);

    await s.page.goto(`${s.tidings.url}/console/tickets/${s.tids.hostile}`);
    await s.page.locator("h1 .subject").waitFor();
    expect(await s.page.locator("h1 .subject").innerText()).toBe(XSS.subject);
    await s.page.locator(".message .body").getByText(XSS.description, { exact: true }).waitFor();
    await s.page.locator(".message .body").getByText(XSS.mail, { exact: true }).waitFor();
    await s.page.getByRole("link", { name: XSS.fileName }).waitFor();
    await s.page.getByRole("img", { name: `Preview of ${XSS.fileName}` }).waitFor();
    await s.page.getByLabel("Search keys and values").fill("xss");
    const probe = s.page.locator("table.php tbody tr").filter({ hasText: "xss_probe" });
    expect(await probe.locator("td").allInnerTexts()).toEqual([`<script>window.__xss='php'</script>`, `<img src=x onerror="window.__xss='php2'">`]);
    await s.page.getByText(/^1 of \d+ entries match$/).waitFor();

    // Only our own elements: no <b>, <script>, <svg>, <iframe> from the client, and no img but the preview.
    expect(await s.page.locator("main b, main script, main svg, main iframe").count()).toBe(0);
    expect(await s.page.locator("main img").evaluateAll((imgs: Element[]) => imgs.map((i) => i.className))).toEqual(["thumb"]);
    expect(await s.page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    await axe("ticket-hostile");
  });

  test("German: the whole console switches language", async () => {
    await s.page.goto(`${s.tidings.url}/console/`);
    await heading("Queue").waitFor();
    await s.page.getByRole("button", { name: "Language: Deutsch" }).click();
    await heading("Warteschlange").waitFor();
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe("de");
    await s.page.getByRole("columnheader", { name: "Maximum" }).waitFor();
    await axe("queue-de");
    await s.page.getByRole("button", { name: "Sprache: English" }).click();
    await heading("Queue").waitFor();
    await signOut();
  });

  test("a supervisor sees the client's escalation and marks it handled; breaches and reports", async () => {
    const res = await request(`/api/v1/tickets/${s.tids.urgent}/escalations`, {
      method: "POST", headers: { "X-Ticket-Token": ticketToken(s.tidings.t.deps.secret, s.tids.urgent) }, json: { target: "supervisor", reason: XSS.reason },
    });
    expect(res.status).toBe(201);
    await signIn("lead@support.test");
    await s.page.getByRole("link", { name: "Escalations" }).click();
    await heading("Escalations").waitFor();
    const row = s.page.locator("tbody tr").filter({ hasText: `TID#${s.tids.urgent}` });
    await row.getByText(XSS.reason, { exact: true }).waitFor();
    expect(await row.getByText("down@client.test").count()).toBe(1);
    await axe("escalations");
    await row.getByRole("button", { name: new RegExp(`^Mark handled\\s*: TID#${s.tids.urgent}$`) }).click();
    await s.page.getByText("No open escalations.").waitFor();

    await s.page.getByRole("link", { name: "Breaches" }).click();
    await heading("Breaches").waitFor();
    await axe("breaches");
    await s.page.getByRole("link", { name: "Reports" }).click();
    await heading("Reports").waitFor();
    await s.page.getByRole("img", { name: /^Open tickets per level:/ }).waitFor();
    expect(await s.page.getByRole("link", { name: /^Download CSV\s*: Backlog by level$/ }).getAttribute("href")).toBe("/api/v1/reports/backlog?format=csv");
    await axe("reports");
    await signOut();
  });

  test("the queue follows the server's events, and polls again when the event stream is refused", async () => {
    /** A console of its own, polling every `pollMs`, with the event stream refused when `refuseEvents`. */
    const consoleWith = async (pollMs: number, refuseEvents: boolean) => {
      const context = await s.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
      await context.addInitScript((ms) => { try { localStorage.setItem("tidings.console.pollMs", String(ms)); } catch { /* about:blank */ } }, pollMs);
      if (refuseEvents) await context.route("**/api/v1/queue/events", (r) => r.fulfill({ status: 503, contentType: "application/json", body: "{}" }));
      const page = await context.newPage();
      await page.goto(`${s.tidings.url}/console/`);
      await page.getByLabel("Email").fill("agent@support.test");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("table.queue tbody tr").first().waitFor();
      return { context, page };
    };
    // An hour between polls: only an event can bring the new ticket within the wait below.
    const live = await consoleWith(3_600_000, false);
    const fallback = await consoleWith(1000, true);
    try {
      s.clock += 60_000;
      const tid = await createTicket({ email: "live@client.test", subject: "Live queue", description: "Does the queue show me without a reload?" });
      await live.page.locator(`table.queue tbody tr[data-tid="${tid}"]`).waitFor({ timeout: 10_000 });
      await fallback.page.locator(`table.queue tbody tr[data-tid="${tid}"]`).waitFor({ timeout: 10_000 });
    } finally {
      await live.context.close();
      await fallback.context.close();
    }
  });
});
