import postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";
import { poolOptions } from "./pool-options";

/** What a listener reports: a notice's payload, and each time it (re)starts listening. */
export interface NoticeHandlers {
  notice(payload: string): void;
  /** Listening (again): notices sent while it was not may be lost, so whoever caches must forget. */
  listening(): void;
  /** A failed attempt to listen; it is retried. */
  failed?(err: unknown): void;
}

export interface NoticeListener {
  stop(): Promise<void>;
}

/** The name on the listening connection in pg_stat_activity, so that operators (and tests) can tell it apart. */
export const LISTENER_APPLICATION_NAME = "tidings-listen";
/** A silently dead connection (a partition) shows when a ping gets no answer (the reply watchdog, 10 s). */
const PING_MS = 30_000;
const MAX_RETRY_MS = 2000;

/**
 * LISTEN on a connection of its own that lives as long as the process. Not postgres.js's
 * `sql.listen`: when its connection drops and the first attempt to listen again fails (the
 * database is restarting), it drops the listener for good. Here every loss is retried with
 * a bounded backoff until it listens again, and `listening` is called each time it does.
 */
export async function listenPostgres(url: string, channel: string, on: NoticeHandlers): Promise<NoticeListener> {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  const base = poolOptions(url, 1);
  // `onnotify` is a documented option that the 3.4 type definitions leave out.
  const sql = postgres(url, {
    ...base,
    // Never closed for idleness or age: it is idle on purpose, and closing it would lose notices.
    idle_timeout: 0,
    max_lifetime: 0,
    connection: { ...base.connection, application_name: LISTENER_APPLICATION_NAME },
    onnotify: (ch: string, payload: string) => { if (ch === channel) on.notice(payload); },
    onclose: () => schedule(0),
  } as typeof base);
  const schedule = (ms: number) => {
    if (stopped || retry) return;
    retry = setTimeout(() => { retry = undefined; void attempt(); }, ms);
  };
  const attempt = async () => {
    if (stopped) return;
    try {
      await sql.unsafe(`listen "${channel}"`);
      failures = 0;
      if (!stopped) on.listening();
    } catch (err) {
      if (stopped) return;
      on.failed?.(err);
      failures++;
      schedule(Math.min(50 * 2 ** failures, MAX_RETRY_MS));
    }
  };
  const ping = setInterval(() => { sql`select 1`.catch(() => {}); }, PING_MS);
  ping.unref();
  await attempt();
  return {
    async stop() {
      stopped = true;
      clearInterval(ping);
      clearTimeout(retry);
      await sql.end({ timeout: 1 }).catch(() => {});
    },
  };
}

/** PGlite is one process and one connection: it listens once, and its notices never get lost. */
export async function listenPglite(client: PGlite, channel: string, on: NoticeHandlers): Promise<NoticeListener> {
  const unlisten = await client.listen(channel, (payload) => on.notice(payload));
  on.listening();
  return { stop: async () => { if (!client.closed) await unlisten().catch(() => {}); } };
}
