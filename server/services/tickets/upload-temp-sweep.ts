import fs from "node:fs/promises";
import path from "node:path";

/**
 * Removes multipart uploads' temporary files (server/http/multipart.ts) that a killed process left
 * in `dir`. A request deletes its own in a `finally`; only SIGKILL, a crash or a power cut leaves
 * any. Files younger than `graceMs` stay: with Postgres, other processes may share DATA_DIR and
 * be writing or judging theirs right now (a file's time moves on while it is written, and a
 * request holds it for seconds after). With PGlite nobody else can run, so the start-up passes 0.
 */
export async function sweepUploadTemp(dir: string, graceMs = 10 * 60_000): Promise<number> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - graceMs;
  let removed = 0;
  for (const name of names) {
    const p = path.join(dir, name);
    const st = await fs.stat(p).catch(() => null);
    if (!st?.isFile() || st.mtimeMs > cutoff) continue;
    await fs.rm(p, { force: true });
    removed++;
  }
  return removed;
}
