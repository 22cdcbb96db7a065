import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { onInterrupt } from "./cleanup";

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** The Postgres server the benchmarks create their databases on; BENCH_DATABASE_URL overrides it. */
export function serverUrl(): string {
  return process.env.BENCH_DATABASE_URL || DEFAULT_SERVER_URL;
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database, so a run never measures tables grown by an earlier one. */
export async function createDatabase(label: string): Promise<BenchDatabase> {
  const base = serverUrl();
  const name = `tidings_bench_${label.replace(/[^a-z0-9]/g, "_")}_${randomBytes(4).toString("hex")}`;
  await admin(base, async (sql) => { await sql.unsafe(`create database ${name}`); });
  const url = new URL(base);
  url.pathname = `/${name}`;
  const drop = () => admin(base, async (sql) => { await sql.unsafe(`drop database if exists ${name} with (force)`); });
  const forget = onInterrupt(drop);
  return {
    name,
    url: url.toString(),
    drop: async () => {
      forget();
      await drop();
    },
  };
}

export async function serverVersion(url: string): Promise<string> {
  return admin(url, async (sql) => (await sql<{ v: string }[]>`select current_setting('server_version') as v`)[0]!.v);
}

async function admin<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The server the figures were taken on, for a result's `settings`: "17.2 at 127.0.0.1:5432". */
export async function postgresSetting(): Promise<string> {
  const host = new URL(serverUrl());
  return `${await serverVersion(serverUrl())} at ${host.hostname}:${host.port || 5432}`;
}
