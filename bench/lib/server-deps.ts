import { randomBytes } from "node:crypto";
import type { Undo } from "./benchmark";
import { tempDataDir } from "./cleanup";

/**
 * The server's dependencies built the way server/main.ts builds them (loadConfig → buildDeps), with
 * a fresh DATA_DIR, a random secret key and LOG_LEVEL=warn; `env` adds the rest (DATABASE_URL, …).
 * The data directory and the database pool are pushed onto `undo`. The server modules are imported
 * here, when called, so that `--list` and the benchmarks' child processes do not load them.
 */
export async function serverDeps(undo: Undo[], env: Record<string, string>) {
  const [{ loadConfig }, { buildDeps }] = await Promise.all([import("../../server/config"), import("../../server/bootstrap")]);
  const dataDir = tempDataDir(undo);
  const config = loadConfig({ DATA_DIR: dataDir, TIDINGS_SECRET_KEY: randomBytes(32).toString("hex"), LOG_LEVEL: "warn", ...env });
  const { deps, database } = await buildDeps(config);
  undo.push(() => database.close());
  return { config, deps };
}
