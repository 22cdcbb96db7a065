import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { rowsOf } from "../../server/db/rows";
import { warmPgliteWasm } from "../../server/db/pglite-warm.mjs";

const SLOT = Symbol.for("tidings.pgliteWasmModule");
const slot = globalThis as unknown as Record<symbol, Promise<unknown> | undefined>;

async function selectOne(): Promise<unknown> {
  const database = await openDatabase({});
  try {
    return rowsOf(await database.db.execute(sql`select 1 as one`));
  } finally {
    await database.close();
  }
}

// Issue 17, start-up time: npm start compiles PGlite's WebAssembly while the bundle loads.
describe("the embedded database's WebAssembly compiled ahead (server/db/pglite-warm.mjs)", () => {
  it("is a compiled module, which the next opened database takes and runs on", async () => {
    warmPgliteWasm();
    expect(await slot[SLOT]).toBeInstanceOf(WebAssembly.Module);
    expect(await selectOne()).toEqual([{ one: 1 }]);
    expect(slot[SLOT], "taken by the database that opened").toBeUndefined();
  });

  it("when compiling ahead failed, the database compiles its own and opens all the same", async () => {
    const failed = Promise.reject(new Error("no such file"));
    failed.catch(() => {});
    slot[SLOT] = failed;
    expect(await selectOne()).toEqual([{ one: 1 }]);
    expect(slot[SLOT]).toBeUndefined();
  });
});
