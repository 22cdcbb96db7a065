import type { Logger } from "../log";
import type { NoticeListener } from "./notice-listener";

/**
 * What a notice on the channel names (migration 0017_change_notices: triggers on the tables).
 * - calendar: holidays, closures, calendar_settings;  - sites: sites (origins, settings);
 * - canned: canned answers;  - kb: knowledge-base articles;
 * - queue: tickets, announced by the server process after the change committed (`announce`).
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
  /**
   * Tells every process (this one too) that `topic` changed; call it after the change committed.
   * Coalesced: while one notice is on its way, further calls make one more after it, so a burst
   * of intakes costs a few tiny transactions, not one per ticket. Never throws (a lost notice
   * costs a console one poll interval).
   */
  announce(topic: ChangeTopic): void;
  /** Calls `handler` once when the bus stops (server shutdown): event streams end then. */
  onStop(handler: () => void): () => void;
  stop(): Promise<void>;
}

/** A bus over a listener started by `listen`, which calls back `notice` and `listening`. */
export async function startChangeBus(
  listen: (on: { notice(payload: string): void; listening(): void; failed(err: unknown): void }) => Promise<NoticeListener>,
  notify: (channel: string, payload: string) => Promise<unknown>,
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
  const sending = new Map<ChangeTopic, { again: boolean }>();
  const send = (topic: ChangeTopic) => {
    const state = { again: false };
    sending.set(topic, state);
    notify(CHANGE_CHANNEL, topic)
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err), topic }, "change not announced"))
      .finally(() => {
        sending.delete(topic);
        if (state.again && !stopped) send(topic);
      });
  };
  return {
    announce(topic) {
      if (stopped) return;
      const inFlight = sending.get(topic);
      // The notice on its way may have been sent before the caller's change committed: one more after it.
      if (inFlight) inFlight.again = true;
      else send(topic);
    },
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
