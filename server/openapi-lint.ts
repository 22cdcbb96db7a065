/**
 * `npm run openapi:lint`: builds the app in-process (embedded database in memory, no listener),
 * writes its generated OpenAPI document to node_modules/.cache/tidings-openapi/openapi.json and runs
 * Redocly's recommended ruleset on it (redocly.yaml). The exit code is Redocly's: any error or
 * warning fails CI. `.redocly.lint-ignore.yaml` holds the one reasoned exception (the probes).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDeps } from "./bootstrap";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { createLogger } from "./log";

const root = path.resolve(import.meta.dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-openapi-"));
const file = path.join(root, "node_modules", ".cache", "tidings-openapi", "openapi.json");
try {
  // A public address of the kind a deployment has (the rules refuse localhost as a server).
  const config = loadConfig({ DATA_DIR: dir, PUBLIC_URL: "https://support.tidings.invalid", TIDINGS_ADMIN_TOKEN: "openapi-lint-token-0123456789", LOG_LEVEL: "error" });
  const { deps, database } = await buildDeps(config, { log: createLogger("error"), inMemory: true });
  const res = await createApp(deps).request("/api/v1/openapi.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(await res.json(), null, 2));
  await database.close();
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const bin = path.join(root, "node_modules", ".bin", "redocly");
  const run = spawnSync(bin, ["lint", file, "--config", path.join(root, "redocly.yaml"), "--format", "stylish"], { stdio: "inherit", cwd: root });
  process.exitCode = run.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
