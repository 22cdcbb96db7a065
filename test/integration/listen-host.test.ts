import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../server/config";
import { startServerProcess } from "../support/server-process";
import { createPostgresDatabase } from "../support/databases";

describe("HOST: the HTTP listen address", () => {
  test("defaults to 0.0.0.0, takes addresses and names, refuses anything else naming the variable", () => {
    expect(loadConfig({}).host).toBe("0.0.0.0");
    for (const host of ["127.0.0.1", "::", "::1", "localhost", "tidings.internal"]) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const bad of ["http://localhost", "127.0.0.1:8787", "a b"]) expect(() => loadConfig({ HOST: bad })).toThrow(/HOST/);
  });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-host-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test("the real server listens only where HOST says", async () => {
    // 127.0.0.2 is loopback too (127.0.0.0/8), so binding it shows that 127.0.0.1 is not served.
    // A fresh PGlite takes long to create on a busy machine; a Postgres database is quicker, when there is one.
    const pg = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : null;
    const server = await startServerProcess({ DATA_DIR: dataDir, HOST: "127.0.0.2", ...(pg ? { DATABASE_URL: pg.url } : {}) });
    try {
      expect(server.url).toContain("127.0.0.2");
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const port = new URL(server.url).port;
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      await server.stop();
      await pg?.drop();
    }
  });
});
