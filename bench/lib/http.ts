import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { serve } from "@hono/node-server";

export interface Listening {
  url: string;
  /** Stops accepting, lets requests still being handled finish, then closes every connection. */
  close(): Promise<void>;
}

/** Requests still running after this long at close are abandoned. */
const DRAIN_MS = 15_000;

/**
 * Serves a fetch handler the way server/main.ts does (@hono/node-server), on a port the OS picks
 * on 127.0.0.1, so two benchmarks or a running dev server never collide.
 *
 * The load generator stops mid-request at the end of a round; those handlers keep running. Closing
 * waits for them, so a database pool closed afterwards is not pulled from under a transaction.
 */
export function listen(fetch: (req: Request, env?: object) => Response | Promise<Response>): Promise<Listening> {
  let inFlight = 0;
  // The env (the Node request and response) is handed on as serve() hands it to app.fetch in
  // server/main.ts: routes that read the Node request directly (http/node-body.ts, the peer
  // address of rate-limit.ts) take their production path only with it.
  const tracked = async (req: Request, env?: object): Promise<Response> => {
    inFlight++;
    try {
      return await fetch(req, env);
    } finally {
      inFlight--;
    }
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: tracked, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          (server as Server).closeIdleConnections?.();
          const deadline = Date.now() + DRAIN_MS;
          while (inFlight > 0 && Date.now() < deadline) await sleep(20);
          (server as Server).closeAllConnections?.();
          await closed;
        },
      });
    });
    server.once("error", reject);
  });
}
