import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface UploadLoadRequest {
  /** Full URL of POST /api/v1/tickets. */
  url: string;
  /** Bytes of the one PNG attached to every request. */
  fileBytes: number;
  connections: number;
  seconds: number;
}

export interface UploadLoadResult {
  /** 201 responses. */
  ok: number;
  /** Responses with another status. */
  non201: number;
  /** Requests that got no response (socket errors). */
  errors: number;
  /** First failure: status and start of the body, or the error. */
  firstFailure: string | null;
  /** From the first request sent to the last response received (requests in flight at the deadline are waited for). */
  seconds: number;
  /** Attachment bytes answered 201, per second, in MiB. */
  mibPerSecond: number;
  requestBytes: number;
  p50Ms: number;
  p99Ms: number;
}

export interface UploadLoadGenerator {
  run(req: UploadLoadRequest): Promise<UploadLoadResult>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./upload-load-child.ts", import.meta.url));

/**
 * The upload client in its own process (upload-load-child.ts), off the servers' event loops and
 * out of their RSS. It builds its request bodies itself: shipping 10 MiB bodies over IPC would
 * cost more than the benchmark.
 */
export function startUploadLoad(): UploadLoadGenerator {
  const child: ChildProcess = fork(CHILD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: UploadLoadResult) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  child.on("message", (msg: { id: number; result?: UploadLoadResult; error?: string }) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.result) w.resolve(msg.result);
    else w.reject(new Error(`upload load generator: ${msg.error}`));
  });
  child.on("exit", (code) => failAll(new Error(`upload load generator exited (${code})`)));
  child.on("error", failAll);
  return {
    run: (req) =>
      new Promise<UploadLoadResult>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.send({ id, req });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
