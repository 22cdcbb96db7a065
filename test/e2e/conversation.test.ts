/**
 * Issue 13, acceptance 1 (SLA 4.5, the full correspondence), in real Chromium against the real
 * server: an agent asks for information with a text in the console; the client reads it in the
 * portal's conversation, reopens the resolved ticket with a reason and escalates with a text; the
 * agent reads both in the console's conversation; the API returns all of them as messages.
 * `CONVERSATION_SCREENSHOTS=1` also writes docs/screenshots/{portal,console}-conversation.png.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { ticketToken } from "../../server/services/accounts/signed-links";
import { describeBrowser } from "../support/browser";
import { browserSuite, screenshotsDir, signInToConsole, STAFF_PASSWORD } from "../support/browser-suite";
import { adminHeaders } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { seriousViolations } from "./axe";

const SHOTS = screenshotsDir("CONVERSATION_SCREENSHOTS");
const ASK = "Which PHP version does the shop run on, and since when do the invoices go out twice?";
const REASON = "The invoices went out twice again this morning, after your fix.";
const ESCALATION = "We lose customers over this; please have a senior look at it today.";

describeBrowser("the whole correspondence in portal and console", () => {
  const s = browserSuite();
  let staffCtx: BrowserContext;
  let clientCtx: BrowserContext;
  let agent: Page;
  let client: Page;
  let tid = "";
  const problems: string[] = [];
  const watch = (p: Page) => {
    p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    p.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(`console: ${m.text()}`));
    return p;
  };
  const h1 = (p: Page) => p.getByRole("heading", { level: 1 });
  const shot = async (p: Page, name: string) => {
    if (!SHOTS) return;
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
    await p.getByRole("heading", { name: "Conversation", exact: true }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };

  beforeAll(async () => {
    await addStaff(s.tidings.t.deps, { email: "alex@support.test", role: "agent", password: STAFF_PASSWORD, name: "Alex Agent" });
    const res = await fetch(`${s.tidings.url}/api/v1/tickets`, {
      method: "POST", headers: { ...adminHeaders, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "client@kunde.example", name: "Kim Kunde", subject: "Invoices are sent twice", description: "Since the update every invoice mail goes out twice.", edition: "cloud" }),
    });
    expect(res.status).toBe(201);
    tid = ((await res.json()) as { tid: string }).tid;
    staffCtx = await s.browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
    clientCtx = await s.browser.newContext({ viewport: { width: 1100, height: 1000 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
    agent = watch(await staffCtx.newPage());
    client = watch(await clientCtx.newPage());
    s.onEnd(() => staffCtx.close());
    s.onEnd(() => clientCtx.close());
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  });

  test("the agent's request for information, with its text, reaches the client's conversation", async () => {
    await signInToConsole(agent, `${s.tidings.url}/console/`, "alex@support.test", STAFF_PASSWORD);
    await agent.goto(`${s.tidings.url}/console/tickets/${tid}`);
    await h1(agent).filter({ hasText: "Invoices are sent twice" }).waitFor();
    await agent.getByText("Request information").click();
    await agent.getByRole("checkbox", { name: "The product version and edition" }).check();
    await agent.getByLabel("Message to the client").fill(ASK);
    await agent.getByRole("button", { name: "Ask the client" }).click();
    const staffConversation = agent.getByRole("region", { name: "Conversation" });
    await staffConversation.getByRole("heading", { name: "Request for information by alex@support.test" }).waitFor();

    await client.goto(`${s.tidings.url}/portal/t/${tid}?token=${ticketToken(s.tidings.t.deps.secret, tid)}`);
    await h1(client).filter({ hasText: "Invoices are sent twice" }).waitFor();
    const conversation = client.getByRole("region", { name: "Conversation" });
    const asked = conversation.getByRole("article").filter({ hasText: "asked for information" });
    await asked.getByText(ASK).waitFor();
    expect(await asked.innerText()).toContain("- The product version and edition");
    expect(await seriousViolations(client)).toEqual([]);
  });

  test("the client reopens the resolved ticket with a reason and escalates with a text; the console shows both", async () => {
    const resolved = await fetch(`${s.tidings.url}/api/v1/tickets/${tid}/status`, { method: "POST", headers: { ...adminHeaders, "Content-Type": "application/json" }, body: JSON.stringify({ status: "resolved" }) });
    expect(resolved.status).toBe(200);
    await client.reload();
    const reopen = client.getByRole("region", { name: "Reopen this ticket" });
    await reopen.getByLabel("What is still wrong?").fill(REASON);
    await reopen.getByRole("button", { name: "Reopen ticket" }).click();
    await client.getByText(/The ticket is open again/).waitFor();
    const esc = client.getByRole("region", { name: "Ask a supervisor" });
    await esc.getByRole("radio", { name: "The support supervisor" }).check();
    await esc.getByLabel("Why should they look at it?").fill(ESCALATION);
    await esc.getByRole("button", { name: "Send request" }).click();
    await esc.getByText("Your request went to the support supervisor.").waitFor();
    const conversation = client.getByRole("region", { name: "Conversation" });
    await conversation.getByRole("article").filter({ hasText: "reopened the ticket" }).getByText(REASON).waitFor();
    await conversation.getByRole("article").filter({ hasText: "escalated the ticket" }).getByText(ESCALATION).waitFor();
    expect(await seriousViolations(client)).toEqual([]);
    await shot(client, "portal-conversation");

    await agent.reload();
    const staffConversation = agent.getByRole("region", { name: "Conversation" });
    await staffConversation.getByRole("article", { name: "Reopened by Kim Kunde <client@kunde.example>" }).getByText(REASON).waitFor();
    await staffConversation.getByRole("article", { name: "Escalation by Kim Kunde <client@kunde.example>" }).getByText(ESCALATION).waitFor();
    expect(await seriousViolations(agent)).toEqual([]);
    await shot(agent, "console-conversation");

    const view = await answerOf(await fetch(`${s.tidings.url}/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    expect(view.messages.map((m) => [m.kind, m.authorKind, m.body.split("\n")[0]])).toEqual([
      ["message", "requester", "Since the update every invoice mail goes out twice."],
      ["request-info", "staff", ASK],
      ["reopen", "requester", REASON],
      ["escalation", "requester", ESCALATION],
    ]);
    expect(problems).toEqual([]);
  });
});
