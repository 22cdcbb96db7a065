import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../deps";
import { ApiError } from "../errors";

/** Open streams per process; each is an idle socket and a timer, but a bound keeps a leak or a flood from growing. */
export const MAX_QUEUE_STREAMS = 200;
/** Below the 60 s idle timeout of common proxies (nginx, load balancers), so an idle stream stays open. */
const HEARTBEAT_MS = 25_000;
/** A burst of tickets (a mail batch, a calendar change) makes one event per this, not one per row. */
const COALESCE_MS = 250;
/** How long a browser waits before it reconnects a dropped stream (the SSE `retry` field). */
const RETRY_MS = 5000;

interface Follower {
  send(): void;
  end(): void;
}

/**
 * The console's live queue (GET /api/v1/queue/events): a server-sent `queue` event whenever a
 * ticket changed in any process on the database (the change bus's `queue` and `calendar`
 * notices, and every reconnect of its listener, when some may have been missed), upon which the console fetches the
 * queue again with its ETag. The events carry no ticket data, so a stream needs no filtering by
 * who may see what: what the reader sees is what the queue route answers. All streams end when the
 * bus stops (shutdown), so that no open stream holds the server up.
 */
export function queueStream(deps: Pick<Deps, "changes">) {
  const followers = new Set<Follower>();
  let closed = false;
  let lastSent = 0;
  let pending: NodeJS.Timeout | undefined;
  const broadcast = () => {
    pending = undefined;
    lastSent = performance.now();
    for (const f of followers) f.send();
  };
  const changed = () => {
    if (pending || followers.size === 0) return;
    const wait = lastSent + COALESCE_MS - performance.now();
    if (wait <= 0) broadcast();
    else pending = setTimeout(broadcast, wait);
  };
  deps.changes.on("queue", changed);
  // A calendar change moves the due times the queue shows (and is announced by its tables' triggers).
  deps.changes.on("calendar", changed);
  deps.changes.onStop(() => {
    closed = true;
    clearTimeout(pending);
    for (const f of followers) f.end();
  });

  return {
    get size() { return followers.size; },
    open(c: Context): Response {
      if (closed) throw new ApiError("UNAVAILABLE", "The server is stopping; the console reconnects to another one.", { headers: { "Retry-After": "5" } });
      if (followers.size >= MAX_QUEUE_STREAMS) {
        throw new ApiError("UNAVAILABLE", "Too many consoles follow the queue on this server at once; the console asks for it every few seconds instead.", { headers: { "Retry-After": "60" } });
      }
      c.header("Cache-Control", "no-store");
      // nginx would otherwise hold the events back in its buffer.
      c.header("X-Accel-Buffering", "no");
      return streamSSE(c, async (stream) => {
        let end!: () => void;
        const ended = new Promise<void>((resolve) => { end = resolve; });
        const follower: Follower = {
          send: () => { stream.writeSSE({ event: "queue", data: "{}" }).catch(end); },
          end,
        };
        followers.add(follower);
        stream.onAbort(end);
        const beat = setInterval(() => { stream.write(": heartbeat\n\n").catch(end); }, HEARTBEAT_MS);
        try {
          // The first event says the stream is live: the console stops polling on it.
          await stream.writeSSE({ event: "ready", data: "{}", retry: RETRY_MS });
          await ended;
        } finally {
          clearInterval(beat);
          followers.delete(follower);
        }
      }, async () => { /* the client went away mid-write: nothing to tell it */ });
    },
  };
}
