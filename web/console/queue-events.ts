import { useEffect, useRef, useState } from "preact/hooks";
import { usePolling } from "./polling";

/** After the server refused the stream (too many, stopping, signed out), try it again this much later; polling serves meanwhile. */
const REOPEN_MS = 60_000;
/** While the events arrive, polling is only a safety net for one that got lost. */
const LIVE_POLL_MS = 60_000;

/**
 * Keeps the queue current: `refresh` on each event, one at a time (events that arrive while one
 * runs make one more after it, not a pile), and by polling every `pollMs` while there are no events.
 * `key` names the filters: polling starts over when they change.
 */
export function useLiveQueue(refresh: () => Promise<void>, pollMs: number, key: string): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const state = useRef({ busy: false, again: false });
  const onEvent = async () => {
    const r = state.current;
    if (r.busy) { r.again = true; return; }
    r.busy = true;
    try {
      do { r.again = false; await latest.current(); } while (r.again);
    } finally {
      r.busy = false;
    }
  };
  const live = useQueueEvents(() => void onEvent());
  usePolling(refresh, live ? Math.max(pollMs, LIVE_POLL_MS) : pollMs, `${key} ${live}`);
}

/**
 * Follows the queue's server-sent events (GET /api/v1/queue/events) and calls `changed` on each
 * one, and on every (re)connect, since changes made while the stream was down were not announced.
 * Returns whether the stream is live: while it is not (no EventSource, a refused or dropped
 * stream), the queue polls at its usual pace. The browser reconnects a dropped stream by itself;
 * one the server refused it gives up on, so that one is reopened after a while.
 */
export function useQueueEvents(changed: () => void): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(changed);
  latest.current = changed;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource("/api/v1/queue/events");
      source.addEventListener("ready", () => { setLive(true); latest.current(); });
      source.addEventListener("queue", () => latest.current());
      source.onerror = () => {
        setLive(false);
        if (source?.readyState === EventSource.CLOSED) reopen = setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
      setLive(false);
    };
  }, []);
  return live;
}
