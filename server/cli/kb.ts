import fs from "node:fs";
import { loadConfig } from "../config";
import { buildDeps } from "../bootstrap";
import { createLogger } from "../log";
import { DataDirBusyError } from "../db/pglite-lock";
import { exportFolder, importFolder, importSummary } from "../services/kb/folder";

export const KB_USAGE = "usage: kb import DIR | kb export DIR";

/**
 * `tidings kb import DIR` / `tidings kb export DIR`. Import prints a line per refused file, then
 * `created N, updated N, unchanged N, refused N`; it exits 1 when a file was refused, so a docs
 * pipeline notices. Export prints `exported N`.
 */
export async function runKb(argv: string[], out: (l: string) => void, err: (l: string) => void): Promise<number> {
  const [, verb, dir, ...rest] = argv;
  if ((verb !== "import" && verb !== "export") || !dir || rest.length) {
    err(KB_USAGE);
    return 2;
  }
  if (verb === "import" && !fs.existsSync(dir)) {
    err(`${dir}: no such folder`);
    return 2;
  }
  let opened: Awaited<ReturnType<typeof buildDeps>> | undefined;
  try {
    opened = await buildDeps(loadConfig(), { log: createLogger("warn"), purpose: "cli" });
    if (verb === "export") {
      out(`exported ${await exportFolder(opened.deps, dir)}`);
      return 0;
    }
    const report = await importFolder(opened.deps, dir, "cli");
    for (const line of report.refusals) out(line);
    out(importSummary(report));
    return report.refused ? 1 : 0;
  } catch (e) {
    err(e instanceof DataDirBusyError
      ? `${e.message} (kb import/export needs the database itself: stop the server, or run with DATABASE_URL on Postgres)`
      : e instanceof Error ? e.message : String(e));
    return 2;
  } finally {
    await opened?.database.close();
  }
}
