import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { signedInSchema } from "../../shared/api/session-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf } from "../support/answers";
import { startServerProcess } from "../support/server-process";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-cli-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, ...env }, input,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Wed 30 Dec 17:00 Berlin plus 2 business hours: Thu 31 Dec 10:00 by default; Mon 4 Jan 10:00 once 31 Dec is a holiday (1 Jan is one anyway). */
const SILVESTER = ["--from", "2026-12-30T16:00:00Z", "--business-hours", "2"];

describe("the admin CLI", () => {
  test.each([
    ["2026-03-02T09:00:00Z", ["--business-hours", "16"], "2026-03-03T16:00:00Z"],
    ["2026-03-05T17:00:00Z", ["--business-hours", "16"], "2026-03-09T15:00:00Z"],
    ["2026-03-27T14:00:00Z", ["--business-hours", "16"], "2026-03-31T11:00:00Z"],
    ["2026-10-02T14:00:00Z", ["--business-hours", "16"], "2026-10-06T12:00:00Z"],
    ["2026-03-02T08:00:00Z", ["--business-hours", "16", "--pause", "2026-03-02T11:00:00Z/2026-03-03T09:00:00Z"], "2026-03-04T13:00:00Z"],
    ["2026-03-19T10:00:00Z", ["--calendar-days", "14"], "2026-04-02T09:00:00Z"],
  ])("sla due --from %s %j prints %s", (from, rest, due) => {
    const r = cli(["sla", "due", "--from", from, ...rest]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${due}\n`);
  });

  test("bad arguments give one line and exit 2", () => {
    const r = cli(["sla", "due", "--from", "yesterday", "--business-hours", "16"]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    const l = cli(["license", "add", "--key", "K-1", "--holder", "Shop", "--category", "gold", "--edition", "cloud"]);
    expect(l.code).toBe(2);
    expect(l.err.trim()).toBe("--category: must be partner, commercial or non-commercial");
  });

  test("license add works on the embedded database; while a server holds it the CLI works through that server", async () => {
    const add = cli(["license", "add", "--key", "CLI-1", "--holder", "Shop", "--category", "commercial", "--edition", "cloud", "--email", "boss@shop.example"]);
    expect(add.err).toBe("");
    expect(add.code).toBe(0);
    expect(add.out).toContain("license CLI-1 added");

    const server = await startServerProcess({ DATA_DIR: dataDir });
    try {
      // The banner is printed once the CLI's way in (DATA_DIR/cli.json) is there.
      await server.waitForOutput(/Tidings is running/);
      expect(fs.statSync(path.join(dataDir, "cli.json")).mode & 0o777).toBe(0o600);
      const site = cli(["site", "add", "--name", "Shop", "--origin", "https://shop.example"]);
      expect(site.err).toBe("");
      expect(site.code).toBe(0);
      expect(site.out).toMatch(new RegExp(`^<script src="http://localhost:${new URL(server.url).port}/widget.js" data-site="site_[\\w-]+"`));
      const staff = cli(["staff", "add", "--email", "ops@shop.example", "--role", "admin"], {}, "");
      expect(staff.err).toBe("");
      expect(staff.code).toBe(0);
      const password = /one-time password \(to be replaced at the first sign-in\): (\S+)$/.exec(staff.out.trim())?.[1];
      expect(password).toBeTruthy();
      const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "ops@shop.example", password }) });
      expect(login.status).toBe(200);
      // The principal is a union by kind; only a staff member's carries the flag.
      expect((await answerOf(login, signedInSchema)).principal).toMatchObject({ mustChangePassword: true });
      const twice = cli(["staff", "add", "--email", "ops@shop.example", "--role", "agent"], {}, "");
      expect(twice.code).toBe(2);
      expect(twice.err.trim()).toBe("A staff member with the email ops@shop.example already exists.");
      const holiday = cli(["holiday", "add", "--date", "2026-12-31", "--name", "Silvester"]);
      expect(holiday.out.trim()).toBe("holiday 2026-12-31 added: Silvester");
      // Issue 13: `sla due` counts on the calendar in the database (through the server that holds it).
      expect(cli(["sla", "due", ...SILVESTER]).out).toBe("2027-01-04T09:00:00Z\n");
      expect(cli(["sla", "due", ...SILVESTER, "--default-calendar"]).out).toBe("2026-12-31T09:00:00Z\n");
      const res = await fetch(`${server.url}/api/v1/tickets`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "Boss@Shop.example", description: "License level?", edition: "cloud" }),
      });
      expect((await answerOf(res, ticketCreatedSchema)).slaLevel).toBe("commercial-cloud");

      expect(server.output()).toMatch(/"actor":"cli","action":"staff-added"/);
    } finally {
      await server.stop();
    }
    expect(fs.existsSync(path.join(dataDir, "cli.json"))).toBe(false);
    // With no server running the CLI opens the embedded database itself: the same calendar.
    const due = cli(["sla", "due", ...SILVESTER]);
    expect(due.err).toBe("");
    expect(due.out).toBe("2027-01-04T09:00:00Z\n");
    expect(cli(["sla", "due", ...SILVESTER, "--default-calendar"]).out).toBe("2026-12-31T09:00:00Z\n");
    const site = cli(["site", "add", "--name", "Shop", "--origin", "https://shop.example"]);
    expect(site.code).toBe(0);
    expect(site.out).toMatch(/^<script src="http:\/\/localhost:8787\/widget.js" data-site="site_[\w-]+"/);
  });
});
