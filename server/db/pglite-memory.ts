import { PGlite } from "@electric-sql/pglite";

/**
 * PGlite's Postgres runs inside this process's WebAssembly memory, which only ever grows: whatever
 * Postgres allocates once stays in the server's RSS for good. initdb sizes shared_buffers for a
 * database server (128 MB); for PGlite that was most of the ~1 GB an idle `npm start` took
 * (issue 17). The embedded database is for one small installation: its hot pages fit in 16 MB, and
 * a page not in shared buffers is one read from the operating system's file cache (PGlite keeps
 * the files on the host file system). The other settings bound what a single statement can make
 * the memory grow to for good (an index build, a vacuum, a temporary table).
 *
 * Given on the command line, these override the postgresql.conf initdb wrote, so data directories
 * created before this change get them too.
 */
export const PGLITE_MEMORY_SETTINGS: Record<string, string> = {
  shared_buffers: "16MB",
  wal_buffers: "1MB",
  temp_buffers: "2MB",
  work_mem: "4MB",
  maintenance_work_mem: "16MB",
};

/** PGlite's own start parameters plus ours (startParams replaces its defaults, so they come first). */
export function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, ...Object.entries(PGLITE_MEMORY_SETTINGS).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
}
