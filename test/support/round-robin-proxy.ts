import http from "node:http";
import type net from "node:net";

/** Headers that describe one connection, not the message: never carried across the proxy. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

const copyHeaders = (headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));

/** What the proxy did with one request. `backend` is null when it had none to send it to. */
export interface ProxiedRequest { method: string; path: string; backend: number | null; status: number | "cut" }

export interface RoundRobinProxy {
  url: string;
  /** Every request in the order the proxy answered (or cut) it. */
  log: ProxiedRequest[];
  /** Taken out of the turn (as a load balancer does after a failed health check), or put back. */
  setDown(index: number, down: boolean): void;
  close(): Promise<void>;
}

/**
 * A small reverse proxy on loopback in front of N backends, in turn, the way nginx with an
 * `upstream` of several servers does it: bodies are streamed both ways (nothing is buffered),
 * connections to the backends are kept alive, X-Forwarded-For gets the client's address appended
 * at its right end ($proxy_add_x_forwarded_for), and a backend that refuses or resets the
 * connection makes a 502. Each response says which backend served it (X-Test-Backend: <index>),
 * so a test can tell which process stored what.
 */
export async function startRoundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  const agents = backends.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));
  const down = backends.map(() => false);
  const log: ProxiedRequest[] = [];
  let turn = 0;

  const pick = (): number | null => {
    for (let n = 0; n < backends.length; n++) {
      const i = (turn + n) % backends.length;
      if (!down[i]) {
        turn = i + 1;
        return i;
      }
    }
    return null;
  };

  const server = http.createServer((req, res) => forward(req, res, log, pick, backends, agents));
  server.keepAliveTimeout = 30_000;
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setDown(index, isDown) {
      down[index] = isDown;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      for (const a of agents) a.destroy();
    },
  };
}

/** Sends one request to the next backend and its answer back, or answers 502. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, log: ProxiedRequest[], pick: () => number | null, backends: string[], agents: http.Agent[]) {
  const entry: ProxiedRequest = { method: req.method ?? "GET", path: req.url ?? "/", backend: null, status: 502 };
  const badGateway = (why: string) => {
    if (res.headersSent) return res.destroy();
    const body = JSON.stringify({ error: { code: "BAD_GATEWAY", message: why } });
    res.writeHead(502, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...(entry.backend === null ? {} : { "X-Test-Backend": String(entry.backend) }) });
    res.end(body);
    // The rest of the client's body is of no use now; read it off so the connection stays usable.
    req.resume();
  };
  const i = pick();
  if (i === null) {
    log.push(entry);
    return badGateway("No backend is up.");
  }
  entry.backend = i;
  const target = new URL(backends[i]!);
  const headers = copyHeaders(req.headers);
  const client = req.socket.remoteAddress ?? "";
  headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${String(req.headers["x-forwarded-for"])}, ${client}` : client;
  const upstream = http.request({
    host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: agents[i],
  });
  let done = false;
  const finish = (status: number | "cut") => {
    if (done) return;
    done = true;
    entry.status = status;
    log.push(entry);
  };
  upstream.on("response", (up) => {
    res.writeHead(up.statusCode ?? 502, { ...copyHeaders(up.headers), "X-Test-Backend": String(i) });
    up.pipe(res);
    up.on("error", () => res.destroy());
    up.on("end", () => finish(up.statusCode ?? 502));
    up.on("aborted", () => { finish("cut"); res.destroy(); });
  });
  upstream.on("error", (e: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      finish("cut");
      return res.destroy();
    }
    finish(502);
    badGateway(`The backend failed: ${e.code ?? e.message}.`);
  });
  // The client went away before the answer was complete: so does the request upstream.
  res.on("close", () => {
    if (!res.writableFinished) {
      finish("cut");
      upstream.destroy();
    }
  });
  req.pipe(upstream);
}
