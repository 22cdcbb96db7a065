import fs from "node:fs";
import { loadConfig } from "../config";
import { buildDeps } from "../bootstrap";
import { createLogger } from "../log";
import { DataDirBusyError } from "../db/pglite-lock";
import { exportFolder, importFolder, importSummary, readArticleFiles, writeArticleFiles, type ImportReport } from "../services/kb/folder";
import { kbFolderSchema } from "../../shared/api/kb-folder";
import { readLocalAccess, type LocalAccess } from "./local-access";
import { viaServer } from "./via-server";

export const KB_USAGE = "usage: kb import DIR | kb export DIR";

/**
 * `tidings kb import DIR` / `tidings kb export DIR`. Import prints a line per refused file, then
 * `created N, updated N, unchanged N, refused N`; it exits 1 when a file was refused, so a docs
 * pipeline notices. Export prints `exported N`. While a server holds the embedded database, the
 * folder's files go to its admin API (and come back from it) the way the other commands do (cli.ts).
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
    const config = loadConfig();
    try {
      opened = await buildDeps(config, { log: createLogger("warn"), purpose: "cli" });
    } catch (e) {
      // The embedded database is held by a running server: the folder goes through its admin API.
      const access = e instanceof DataDirBusyError ? readLocalAccess(config.dataDir) : null;
      if (!access) throw e;
      return verb === "export" ? exportVia(access, dir, out) : importVia(access, dir, out);
    }
    if (verb === "export") {
      out(`exported ${await exportFolder(opened.deps, dir)}`);
      return 0;
    }
    return printReport(await importFolder(opened.deps, dir, "cli"), out);
  } catch (e) {
    err(e instanceof DataDirBusyError
      ? `${e.message} (and it left no address for the CLI in ${CLI_FILE}: restart it, or stop it and run kb ${verb} again)`
      : e instanceof Error ? e.message : String(e));
    return 2;
  } finally {
    await opened?.database.close();
  }
}

const CLI_FILE = "DATA_DIR/cli.json";

function printReport(report: ImportReport, out: (l: string) => void): number {
  for (const line of report.refusals) out(line);
  out(importSummary(report));
  return report.refused ? 1 : 0;
}

async function importVia(access: LocalAccess, dir: string, out: (l: string) => void): Promise<number> {
  const report = await viaServer(access, { method: "POST", path: "/api/v1/admin/kb/import", body: { files: readArticleFiles(dir) } });
  return printReport(report as ImportReport, out);
}

async function exportVia(access: LocalAccess, dir: string, out: (l: string) => void): Promise<number> {
  const folder = kbFolderSchema.parse(await viaServer(access, { method: "GET", path: "/api/v1/admin/kb/export" }));
  out(`exported ${writeArticleFiles(dir, folder.files)}`);
  return 0;
}
