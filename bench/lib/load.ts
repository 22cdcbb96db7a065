import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface LoadRequest {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  /** Bodies sent in turn, one per request across all connections. */
  bodies: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** 2xx responses per second of the run. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** First non-2xx status and body seen, to say why a run failed. */
  firstFailure: string | null;
}

export interface LoadGenerator {
  run(req: LoadRequest): Promise<LoadResult>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./load-child.ts", import.meta.url));

/**
 * autocannon in its own process. On the server's event loop it would steal the server's time and
 * add the same fixed cost to both sides, pulling every ratio towards 1; in a child it has its own
 * loop and, given a free core, measures only the server.
 */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  // process.execArgv carries tsx's loader, so the child can run TypeScript as this process does.
  const child: ChildProcess = fork(CHILD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  child.on("message", (msg: { id: number; result?: LoadResult; error?: string }) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.result) w.resolve(msg.result);
    else w.reject(new Error(`load generator: ${msg.error}`));
  });
  child.on("exit", (code) => failAll(new Error(`load generator exited (${code})`)));
  child.on("error", failAll);
  return {
    run: (req) =>
      new Promise<LoadResult>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.send({ id, req });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
