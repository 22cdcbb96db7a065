import postgres from "postgres";
import { randomBytes } from "node:crypto";

export type Driver = "pglite" | "postgres";

/**
 * The drivers every integration suite runs on: PGlite always, a real Postgres when
 * TEST_DATABASE_URL is set. Under CI a missing Postgres is a failure, never a silent skip.
 */
export function drivers(): Driver[] {
  if (process.env.TEST_DATABASE_URL) return ["pglite", "postgres"];
  if (process.env.CI === "true") throw new Error("CI=true needs TEST_DATABASE_URL: the Postgres suites cannot be skipped in CI");
  return ["pglite"];
}

/** Whether the suites that need a real Postgres (relays, several processes) run: with TEST_DATABASE_URL, and always in CI. */
export const hasPostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === "true";

/** A fresh database on the test server, so files running in parallel never see each other's rows. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `tidings_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
