import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../config";
import { openDatabase } from "../db/client";
import { DataDirBusyError, lockDataDir } from "../db/pglite-lock";
import { defaultCalendar } from "../domain/sla/calendar";
import { dueOn, type DueArgs } from "../domain/sla/due-request";
import { loadCalendar } from "../services/calendar/calendar";
import { readLocalAccess } from "./local-access";
import { viaServer } from "./via-server";

/**
 * `sla due` counts on the calendar in the database (admin holidays, closures, opening hours):
 * Postgres when DATABASE_URL is set, else the embedded database in DATA_DIR, through the running
 * server when one holds it. A data directory that holds no database yet has only the default
 * calendar, so nothing is created for the question.
 */
export async function databaseDue(req: DueArgs): Promise<Date | null> {
  const config = loadConfig();
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, "pglite", "PG_VERSION"))) return dueOn(defaultCalendar(), req);
  let release = () => {};
  if (!config.databaseUrl) {
    try {
      release = lockDataDir(config.dataDir, "cli");
    } catch (e) {
      const access = e instanceof DataDirBusyError ? readLocalAccess(config.dataDir) : null;
      if (!access) throw e;
      const body = (await viaServer(access, { method: "POST", path: "/api/v1/admin/sla/due", body: wire(req) })) as { due: string | null };
      return body.due === null ? null : new Date(body.due);
    }
  }
  try {
    const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), max: 1 });
    try {
      return dueOn(await loadCalendar(database.db), req);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

const wire = (req: DueArgs) => ({
  from: req.from.toISOString(), businessHours: req.businessHours, calendarDays: req.calendarDays,
  pauses: req.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() ?? null })),
});
