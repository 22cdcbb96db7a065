import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a server child (upload-server-child.ts) runs: our app on a database, or the bare route. */
export type ServerStart =
  | { side: "ours"; env: Record<string, string> }
  | { side: "baseline"; dir: string };

export interface MemoryReport {
  /** The process's peak resident set since the last reset (or since start, see peakSource). */
  peakRssMiB: number;
  rssMiB: number;
  peakSource: string;
  /** Maxima of process.memoryUsage() sampled every 100 ms since the last reset. */
  sampledPeakHeapUsedMiB: number;
  sampledPeakExternalMiB: number;
  sampledPeakArrayBuffersMiB: number;
  /** process.memoryUsage() now: ArrayBuffers still held (live or not yet collected) and the V8 heap. */
  arrayBuffersMiB: number;
  heapUsedMiB: number;
}

export type ServerChildMessage = { id: number; cmd: "memory"; reset: boolean } | { id: number; cmd: "close" };

export interface ServerChildReply {
  id: number;
  ready?: { url: string; pid: number; memory: MemoryReport };
  memory?: MemoryReport;
  closed?: boolean;
  error?: string;
}

export interface ServerChild {
  url: string;
  pid: number;
  /** Memory right after start, before any request. */
  idle: MemoryReport;
  /** Reads the peak since the last reset; with `reset`, starts a new peak afterwards. */
  memory(reset: boolean): Promise<MemoryReport>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./upload-server-child.ts", import.meta.url));
const SERVER_ENV = "TIDINGS_BENCH_UPLOAD_SERVER";
const START_TIMEOUT_MS = 60_000;

/** Starts a server child and waits until it listens. */
export function startServerChild(spec: ServerStart): Promise<ServerChild> {
  // process.execArgv carries tsx's loader, so the child runs TypeScript as this process does.
  const child: ChildProcess = fork(CHILD, [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, [SERVER_ENV]: JSON.stringify(spec) },
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: ServerChildReply) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const ask = (msg: ServerChildMessage) =>
    new Promise<ServerChildReply>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${spec.side} server child is gone`));
      waiting.set(msg.id, { resolve, reject });
      child.send(msg);
    });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise<ServerChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${spec.side} server child did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    waiting.set(0, {
      resolve: (r) => {
        clearTimeout(timer);
        if (!r.ready) {
          child.kill();
          return reject(new Error(`${spec.side} server child failed to start: ${r.error ?? "no reason given"}`));
        }
        const { url, pid, memory: idle } = r.ready;
        resolve({
          url, pid, idle,
          memory: async (reset) => {
            const reply = await ask({ id: nextId++, cmd: "memory", reset });
            if (!reply.memory) throw new Error(`${spec.side} server child: ${reply.error ?? "no memory report"}`);
            return reply.memory;
          },
          close: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const reply = await ask({ id: nextId++, cmd: "close" }).catch((e: Error) => ({ id: -1, error: e.message }));
            await exited;
            if (reply.error) throw new Error(`${spec.side} server child: ${reply.error}`);
          },
        });
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    child.on("message", (msg: ServerChildReply) => {
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      w.resolve(msg);
    });
    child.on("exit", (code, signal) => failAll(new Error(`${spec.side} server child exited (${signal ?? code})`)));
    child.on("error", failAll);
  });
}
