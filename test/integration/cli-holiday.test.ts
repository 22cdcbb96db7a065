import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../server/config";
import { buildDeps } from "../../server/bootstrap";
import { createLogger } from "../../server/log";
import { listHolidays } from "../../server/services/calendar/holidays";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-cli-holiday-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("holiday add (admin CLI)", () => {
  test("adds a holiday in one line, renames it on the same date, and the calendar has it", async () => {
    const add = cli(["holiday", "add", "--date", "2026-12-24", "--name", "Heiligabend"]);
    expect(add).toMatchObject({ code: 0, err: "", out: "holiday 2026-12-24 added: Heiligabend\n" });
    const rename = cli(["holiday", "add", "--date", "2026-12-24", "--name", "Heiligabend (Betriebsruhe)"]);
    expect(rename).toMatchObject({ code: 0, out: "holiday 2026-12-24 renamed: Heiligabend (Betriebsruhe)\n" });

    const { deps, database } = await buildDeps(loadConfig({ DATA_DIR: dataDir }), { log: createLogger("warn"), purpose: "cli" });
    try {
      expect(await listHolidays(deps.db, { from: "2026-12-24", to: "2026-12-25" })).toEqual([
        { date: "2026-12-24", name: "Heiligabend (Betriebsruhe)", source: "admin" },
        { date: "2026-12-25", name: "1. Weihnachtstag", source: "public" },
      ]);
      expect((await deps.calendar()).holidays.get("2026-12-24")).toBe("Heiligabend (Betriebsruhe)");
    } finally {
      await database.close();
    }
  });

  test.each([
    [["--date", "2026-02-30", "--name", "x"], "--date: must be a real date like 2026-12-24"],
    [["--date", "2026-02-03"], "--name: must name the holiday"],
    [["--name", "x"], "--date: must be a real date like 2026-12-24"],
  ])("bad arguments %j give one line on stderr and exit 2", (args, line) => {
    const r = cli(["holiday", "add", ...args]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(`${line}\n`);
  });
});
