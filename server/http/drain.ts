import type { Server, ServerResponse } from "node:http";
import type { Gauge } from "prom-client";

/** How often idle keep-alive connections are looked for while draining. */
const IDLE_SWEEP_MS = 100;

/**
 * The requests a server is answering, so a stop can let them finish. Listens before the app's
 * own request listener, so a request is counted (and marked Connection: close) before any of
 * its code runs, /metrics reading the gauge included.
 */
export function trackRequests(server: Server, stopping: () => boolean, inFlight?: Gauge) {
  const open = new Set<ServerResponse>();
  server.prependListener("request", (_req, res: ServerResponse) => {
    // Once stopping, every response closes its connection (Connection: close), so a client or
    // proxy sends its next request to another process rather than to one on its way out.
    if (stopping()) res.shouldKeepAlive = false;
    open.add(res);
    inFlight?.set(open.size);
    res.once("close", () => {
      open.delete(res);
      inFlight?.set(open.size);
    });
  });

  return {
    get inFlight() { return open.size; },
    /**
     * Stops accepting (new connections are refused), closes idle keep-alive connections at once
     * and every other one as soon as its response is out, and resolves when none is left: with 0,
     * or, once `force` fires, with the number of requests cut off.
     */
    drain(force: AbortSignal): Promise<number> {
      for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
      return new Promise<number>((resolve) => {
        // A response whose headers went out before the stop said keep-alive: its connection
        // turns idle when it is done, and is closed then.
        const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
        const done = (cut: number) => {
          clearInterval(sweep);
          force.removeEventListener("abort", onForce);
          resolve(cut);
        };
        const onForce = () => {
          const cut = open.size;
          server.closeAllConnections();
          done(cut);
        };
        force.addEventListener("abort", onForce);
        server.close(() => done(0));
        if (force.aborted) onForce();
        server.closeIdleConnections();
      });
    },
  };
}
