/**
 * The staff console's end-to-end suite (console.test.ts, console-admin.test.ts): the real app and
 * real Chromium, staff of each role, three tickets (an old question, a hostile one, an urgent one)
 * and the server's clock and the browser's pinned together, with the helpers the tests share.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { png } from "../fixtures/files";
import { launchChromium } from "../support/browser";
import { seriousViolations } from "./axe";
import { startTidings, type TidingsServer } from "./servers";

export const SHOTS = process.env.CONSOLE_SCREENSHOTS === "1" ? path.resolve(import.meta.dirname, "../../docs/screenshots") : null;
export const PASSWORD = "correct horse battery";
export const HOUR = 3_600_000;
/** Monday 7 December 2026, 11:00 in Berlin. */
export const T0 = Date.parse("2026-12-07T10:00:00Z");

/** Markup a client might send; none of it may become markup or run in the console. */
export const XSS = {
  subject: `<img src=x onerror="window.__xss='subject'">Checkout broken`,
  description: `<script>window.__xss='description'</script><b>bold?</b> The checkout page is blank.`,
  fileName: `<img src=x onerror="window.__xss='file'">.png`,
  phpinfo: `phpinfo()\nPHP Version => 8.2.12\n\nCore\n\nDirective => Local Value => Master Value\nmemory_limit => 256M => 128M\nxss_probe => <script>window.__xss='php'</script> => <img src=x onerror="window.__xss='php2'">\n`,
  mail: `<svg onload="window.__xss='mail'"></svg><iframe src="javascript:window.__xss='mail2'"></iframe> Still broken after the update.`,
  reason: `<img src=x onerror="window.__xss='escalation'">Nobody answers`,
};

/** What the suite's tests share; `page` is the one they act on (a test may put another in its place). */
export interface ConsoleState {
  tidings: TidingsServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  clock: number;
  pageErrors: string[];
  tids: { old: string; hostile: string; urgent: string };
}

/** A short poll keeps the live-update checks quick. */
function shortPoll(context: BrowserContext) {
  return context.addInitScript(() => {
    try {
      localStorage.setItem("tidings.console.pollMs", "1000");
    } catch {
      /* about:blank has no storage */
    }
  });
}

/** Registers the suite's setup and teardown; call it inside the suite's describeBrowser. */
export function consoleSuite() {
  // Filled in by beforeAll, before any test reads them.
  const s = { clock: T0, pageErrors: [], tids: { old: "", hostile: "", urgent: "" } } as unknown as ConsoleState;

  /** Moves the server's and the browser's clock together. */
  const at = async (ms: number) => {
    s.clock = ms;
    await s.page.clock.setFixedTime(new Date(ms));
  };

  const request = (url: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set("Content-Type", "application/json");
    return s.tidings.t.app.request(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
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
    await s.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur?.();
      window.scrollTo(0, 0);
    });
    await s.page.screenshot({ path: path.join(SHOTS, `console-${name}.png`) });
  };

  /** axe on the page as it is now: no serious or critical violation. */
  const axe = async (name: string) => {
    expect(await seriousViolations(s.page), name).toEqual([]);
    await shot(name);
  };

  const heading = (name: string | RegExp) => s.page.getByRole("heading", { level: 1, name });

  const signIn = async (email: string) => {
    await s.page.goto(`${s.tidings.url}/console/`);
    await heading("Sign in to the support console").waitFor();
    await s.page.getByLabel("Email").fill(email);
    await s.page.getByLabel("Password").fill(PASSWORD);
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await heading("Queue").waitFor();
  };

  const signOut = async () => {
    await s.page.getByRole("button", { name: "Sign out" }).click();
    await heading("Sign in to the support console").waitFor();
  };

  const dueInstant = async () => s.page.getByTestId("sla-due").locator("time").getAttribute("datetime");

  beforeAll(async () => {
    [s.tidings, s.browser] = await Promise.all([startTidings(), launchChromium()]);
    s.tidings.t.deps.now = () => new Date(s.clock);
    for (const [email, role] of [["agent@support.test", "agent"], ["lead@support.test", "supervisor"], ["admin@support.test", "admin"]] as const) {
      await addStaff(s.tidings.t.deps, { email, role, password: PASSWORD, name: role === "agent" ? "Alex Agent" : undefined });
    }
    // First come: an ordinary question, then the hostile one, then an urgent recovery last.
    s.clock = T0 - 2 * HOUR;
    s.tids.old = await createTicket({ email: "first@client.test", subject: "How do I export orders?", description: "I need a CSV of last month's orders." });
    s.clock = T0 - HOUR;
    s.tids.hostile = await createTicket(
      { email: "mallory@client.test", subject: XSS.subject, description: XSS.description, phpinfo: XSS.phpinfo, edition: "cloud", productVersion: "24.100.0" },
      { name: XSS.fileName, bytes: png() },
    );
    s.clock = T0;
    s.tids.urgent = await createTicket({ email: "down@client.test", subject: "Our shop is down", description: "Every page answers 500 since the update.", urgent: "true" });

    s.context = await s.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB", timezoneId: "Europe/Berlin" });
    await shortPoll(s.context);
    s.page = await s.context.newPage();
    await s.page.clock.setFixedTime(new Date(s.clock));
    s.page.on("pageerror", (e) => s.pageErrors.push(e.message));
    // A 4xx the page expects (a wrong password, a ticket without phpinfo) is logged by Chromium too.
    s.page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && s.pageErrors.push(m.text()));
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await s.context?.close();
    await s.browser?.close();
    await s.tidings?.close();
  });

  return { s, at, request, createTicket, shot, axe, heading, signIn, signOut, dueInstant };
}
