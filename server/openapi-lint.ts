/**
 * `npm run openapi:lint`: builds the app in-process (embedded database in memory, no listener),
 * writes its generated OpenAPI document to a temporary file and runs Redocly's recommended ruleset
 * on it (redocly.yaml). The exit code is Redocly's: any error or warning fails CI.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDeps } from "./bootstrap";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { createLogger } from "./log";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-openapi-"));
const file = path.join(dir, "openapi.json");
try {
  const config = loadConfig({ DATA_DIR: dir, TIDINGS_ADMIN_TOKEN: "openapi-lint-token-0123456789", LOG_LEVEL: "error" });
  const { deps, database } = await buildDeps(config, { log: createLogger("error"), inMemory: true });
  const res = await createApp(deps).request("/api/v1/openapi.json");
  fs.writeFileSync(file, await res.text());
  await database.close();
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const root = path.resolve(import.meta.dirname, "..");
  const bin = path.join(root, "node_modules", ".bin", "redocly");
  const run = spawnSync(bin, ["lint", file, "--config", path.join(root, "redocly.yaml"), "--format", "stylish"], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
