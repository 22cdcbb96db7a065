import { readFileSync } from "node:fs";
import postgres from "postgres";

/** CPU microseconds spent so far by this process and by the Postgres backends serving one database. */
export interface CpuReading { processUs: number; databaseUs: number }

/**
 * CPU time per unit of work, beside throughput: on a shared 2-core machine the rate of a round
 * swings with whatever else runs (30–50 % between rounds here), while the CPU each ticket costs
 * moves far less, so the two sides' CPU ratio says more about our code than their rate ratio.
 * The backends are read from /proc (Linux; the database on this machine), by pid from
 * pg_stat_activity: the pools keep their connections open across a round.
 */
export function cpuMeter(serverUrl: string) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const tick = 1_000_000 / 100; // clock ticks of /proc/<pid>/stat, USER_HZ = 100 on Linux
  const backendsUs = async (database: string): Promise<number> => {
    const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`;
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        // utime and stime are fields 14 and 15; the command name before them may hold spaces.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // A backend that ended between the query and the read: its time is lost from both readings.
      }
    }
    return ticks * tick;
  };
  return {
    async read(database: string): Promise<CpuReading> {
      const u = process.cpuUsage();
      return { processUs: u.user + u.system, databaseUs: await backendsUs(database) };
    },
    /** Per unit: microseconds of this process and of the database's backends between two readings. */
    per(before: CpuReading, after: CpuReading, units: number) {
      return { processUs: (after.processUs - before.processUs) / Math.max(1, units), databaseUs: (after.databaseUs - before.databaseUs) / Math.max(1, units) };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
