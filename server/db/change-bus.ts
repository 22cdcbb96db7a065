import type { Logger } from "../log";
import type { NoticeListener } from "./notice-listener";

/**
 * What a notice on the channel names (migration 0017_change_notices: triggers on the tables).
 * - calendar: holidays, closures, calendar_settings;  - sites: sites (origins, settings);
 * - canned: canned answers;  - kb: knowledge-base articles;  - queue: any ticket row.
 */
export const CHANGE_TOPICS = ["calendar", "sites", "canned", "kb", "queue"] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
export const CHANGE_CHANNEL = "tidings_changes";

/**
 * The changes every process hears of at once (issue 17), whichever process, CLI or psql session
 * made them. Whoever keeps rows in memory subscribes and forgets them on a notice.
 */
export interface ChangeBus {
  /**
   * Calls `handler` on each notice of `topic`, and also whenever the listener starts listening
   * again after a lost connection, when notices may have been missed. Returns the unsubscribe.
   */
  on(topic: ChangeTopic, handler: () => void): () => void;
  /** Calls `handler` once when the bus stops (server shutdown): event streams end then. */
  onStop(handler: () => void): () => void;
  stop(): Promise<void>;
}

/** A bus over a listener started by `listen`, which calls back `notice` and `listening`. */
export async function startChangeBus(
  listen: (on: { notice(payload: string): void; listening(): void; failed(err: unknown): void }) => Promise<NoticeListener>,
  log: Logger,
): Promise<ChangeBus> {
  const handlers = new Map<ChangeTopic, Set<() => void>>(CHANGE_TOPICS.map((t) => [t, new Set()]));
  const stopping = new Set<() => void>();
  const call = (h: () => void) => {
    try {
      h();
    } catch (err) {
      log.error({ err }, "a change handler failed");
    }
  };
  let starts = 0;
  const listener = await listen({
    notice: (payload) => { for (const h of handlers.get(payload as ChangeTopic) ?? []) call(h); },
    listening: () => {
      // The first start drops nothing that matters; each later one follows a lost connection.
      if (starts++ > 0) log.info("listening for changes again; cached rows dropped");
      for (const set of handlers.values()) for (const h of set) call(h);
    },
    failed: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "cannot listen for changes; retrying"),
  });
  let stopped = false;
  return {
    on(topic, handler) {
      const set = handlers.get(topic)!;
      set.add(handler);
      return () => set.delete(handler);
    },
    onStop(handler) {
      stopping.add(handler);
      return () => stopping.delete(handler);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const h of stopping) call(h);
      stopping.clear();
      await listener.stop();
    },
  };
}
