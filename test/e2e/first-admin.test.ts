/**
 * Day one without stopping the server (issue 13, acceptance 5): on a fresh data directory the real
 * server (`npm start`'s entry, its own process) prints a one-time setup link; opened in Chromium
 * it creates the first admin, who lands signed in in the console; the same link a second time is
 * refused; and the printed one-time password of a colleague added meanwhile must be replaced at
 * the first sign-in.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { describeBrowser, launchChromium } from "../support/browser";
import { startServerProcess, type ServerProcess } from "../support/server-process";
import { seriousViolations } from "./axe";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOTS = process.env.CONSOLE_SCREENSHOTS === "1" ? path.resolve(ROOT, "docs/screenshots") : null;

describeBrowser("the first admin, from the start banner's link", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-first-admin-"));
  let server: ServerProcess;
  let browser: Browser;
  let setupUrl = "";

  const fresh = async (): Promise<Page> => (await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: "en-GB" })).newPage();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ DATA_DIR: dataDir }), launchChromium()]);
    await server.waitForOutput(/Tidings is running/);
    setupUrl = /First admin:\s+(\S+)/.exec(server.output())?.[1] ?? "";
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("the banner's link creates the first admin in the browser once", async () => {
    expect(setupUrl).toMatch(new RegExp(`^http://localhost:${new URL(server.url).port}/console/setup\\?token=[A-Za-z0-9_-]+$`));
    const page = await fresh();
    await page.goto(setupUrl);
    await page.getByRole("heading", { name: "Create the first admin account", level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Email").fill("owner@support.test");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create admin account" }).click();
    await page.getByRole("alert").filter({ hasText: "at least 10 characters" }).waitFor();
    await page.getByLabel("Password", { exact: true }).fill("the owner's long password");
    await page.getByLabel("Repeat the password").fill("the owner's long password");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "console-first-admin.png") });
    await page.getByRole("button", { name: "Create admin account" }).click();
    await page.getByRole("heading", { name: "Queue", level: 1 }).waitFor();
    expect(await page.getByText("owner@support.test · Admin").isVisible()).toBe(true);

    const again = await fresh();
    await again.goto(setupUrl);
    await again.getByRole("alert").filter({ hasText: "This setup link has been used or has expired" }).waitFor();
    expect(await again.getByRole("button", { name: "Create admin account" }).count()).toBe(0);
    const api = await fetch(`${server.url}/api/v1/auth/setup`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: new URL(setupUrl).searchParams.get("token"), email: "thief@example.org", password: "a long enough password" }),
    });
    expect(api.status).toBe(410);
  });

  test("staff add works while the server runs; the printed password is replaced at the first sign-in", async () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", "staff", "add", "--email", "colleague@support.test", "--role", "agent"], {
      cwd: ROOT, encoding: "utf8", input: "", env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const given = /one-time password \(to be replaced at the first sign-in\): (\S+)$/.exec(r.stdout.trim())![1]!;

    const page = await fresh();
    await page.goto(`${server.url}/console/`);
    await page.getByLabel("Email").fill("colleague@support.test");
    await page.getByLabel("Password").fill(given);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Choose a new password", level: 1 }).waitFor();
    // Nothing else is offered until then.
    expect(await page.getByRole("navigation").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Current password").fill(given);
    await page.getByLabel("New password", { exact: true }).fill("colleague's own password");
    await page.getByLabel("Repeat the new password").fill("colleague's own password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("heading", { name: "Queue", level: 1 }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Queue" }).waitFor();
  });
});
