import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { PGLITE_MEMORY_SETTINGS } from "../../server/db/pglite-memory";

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

async function settings(dataDir?: string): Promise<Record<string, string>> {
  const database = await openDatabase({ dataDir });
  try {
    const names = Object.keys(PGLITE_MEMORY_SETTINGS);
    const rows = await database.db.execute(sql`select name, current_setting(name) as value from unnest(${sql.raw(`array[${names.map((n) => `'${n}'`).join(",")}]`)}) as name`);
    return Object.fromEntries((rows as { rows: { name: string; value: string }[] }).rows.map((r) => [r.name, r.value]));
  } finally {
    await database.close();
  }
}

// Issue 17: the embedded database's memory settings (the figures are npm run bench -- idle-memory's).
describe("PGlite memory settings", () => {
  it("a new data directory is created (by the initdb child) and opened with the small settings, also when reopened", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tidings-pglite-memory-")), "pglite");
    dirs.push(path.dirname(dataDir));
    expect(await settings(dataDir)).toEqual(PGLITE_MEMORY_SETTINGS);
    expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    expect(await settings(dataDir)).toEqual(PGLITE_MEMORY_SETTINGS);
  });

  it("the in-memory database (tests) gets them too", async () => {
    expect(await settings()).toEqual(PGLITE_MEMORY_SETTINGS);
  });

  it("a data directory that cannot be created fails the open instead of hanging it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tidings-pglite-memory-")), "a-file");
    dirs.push(path.dirname(file));
    fs.writeFileSync(file, "not a directory");
    await expect(openDatabase({ dataDir: path.join(file, "pglite") })).rejects.toThrow(/./);
  });
});
