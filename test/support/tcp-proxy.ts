import net from "node:net";
import { createPostgresDatabase } from "./databases";

/** What the relay does with traffic: forward it, refuse connections, or swallow every byte. */
export type RelayMode = "pass" | "refuse" | "drop";

interface Pair { client: net.Socket; upstream: net.Socket | null; cutOnReply?: boolean }
/** What the test set last: read on every chunk, so a change applies to open connections too. */
interface RelayState { mode: RelayMode; cutAfter: Buffer | null }

/** Carries what `from` sends to `to()`, unless the relay drops it or cuts the pair for a lost reply. */
function forward(state: RelayState, pair: Pair, from: net.Socket, to: () => net.Socket | null) {
  const fromClient = from === pair.client;
  from.on("data", (d: Buffer) => {
    const dest = to();
    if (state.mode === "drop" || !dest) return;
    if (!fromClient && pair.cutOnReply) {
      pair.client.resetAndDestroy();
      pair.upstream?.resetAndDestroy();
      return;
    }
    if (fromClient && state.cutAfter && d.includes(state.cutAfter)) {
      state.cutAfter = null;
      pair.cutOnReply = true;
    }
    if (!dest.write(d)) {
      from.pause();
      dest.once("drain", () => from.resume());
    }
  });
}

/**
 * A TCP relay in front of the real Postgres that the test controls. Its faults are, for the app,
 * exactly what a database host or the network does, without touching the server other suites use:
 * - `refuse`: the database stopped: open connections are cut, new ones refused (ECONNREFUSED);
 * - `reset()`: every open connection is reset (RST) at once, new ones are accepted;
 * - `drop`: a partition: connections stay open and new ones are accepted, but nothing passes in
 *   either direction, nothing is refused or closed. Bytes sent meanwhile are lost for good (as on
 *   a path whose state a firewall forgot), so a connection that had a query in flight stays dead
 *   after the partition ends, while idle ones carry on.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const pairs = new Set<Pair>();
  const state: RelayState = { mode: "pass", cutAfter: null };
  let server: net.Server | null = null;
  let port = 0;

  const accept = (client: net.Socket) => {
    const pair: Pair = { client, upstream: null };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on("error", close);
    client.on("close", close);
    forward(state, pair, client, () => pair.upstream);
    // Accepted during a partition: such a connection never reaches the database.
    if (state.mode === "drop") return;
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", close);
    upstream.on("close", close);
    forward(state, pair, upstream, () => client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer(accept);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        server = s;
        port = (s.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const unlisten = () => new Promise<void>((r) => {
    const s = server;
    server = null;
    if (s) s.close(() => r());
    else r();
  });
  const resetAll = () => {
    for (const p of [...pairs]) {
      p.client.resetAndDestroy();
      p.upstream?.resetAndDestroy();
    }
  };

  await listen();
  return {
    get port() { return port; },
    get mode() { return state.mode; },
    /** How many client connections are open through the relay. */
    get connections() { return pairs.size; },
    async setMode(next: RelayMode) {
      if (next === "refuse") {
        state.mode = "refuse";
        resetAll();
        await unlisten();
        return;
      }
      if (!server) await listen();
      state.mode = next;
    },
    /**
     * The next time a client sends these bytes they reach the database, but its answer does not:
     * that connection is reset instead (a reply lost on the way back).
     */
    cutReplyAfter(bytes: string) { state.cutAfter = Buffer.from(bytes); },
    /** Resets every open connection (RST on both sides); the relay keeps accepting new ones. */
    reset() { resetAll(); },
    /** The database "stops": every connection is cut and new ones are refused. */
    async stop() { await this.setMode("refuse"); },
    async start() { await this.setMode("pass"); },
    async close() {
      resetAll();
      await unlisten();
    },
  };
}

export type TcpRelay = Awaited<ReturnType<typeof startTcpProxy>>;

/** A fresh database on the test Postgres, reachable only through a relay the test controls. */
export async function relayedDatabase() {
  const db = await createPostgresDatabase();
  const url = new URL(db.url);
  const relay = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  const name = url.pathname.slice(1);
  url.host = `127.0.0.1:${relay.port}`;
  return {
    relay,
    /** The URL that goes through the relay. */
    url: url.toString(),
    name,
    async drop() {
      await relay.close();
      await db.drop();
    },
  };
}
