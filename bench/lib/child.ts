import { fork, type ChildProcess } from "node:child_process";

/**
 * A benchmark helper in its own process (load generators, the mail client): on the measured
 * server's event loop it would add the same cost to both sides and pull every ratio towards 1.
 * The parent sends requests and awaits their results by id; `serveChild` is the child's half.
 */
export interface Child<Req, Res> {
  run(req: Req): Promise<Res>;
  close(): Promise<void>;
}

export function startChild<Req, Res>(file: string, label: string, env?: Record<string, string>): Child<Req, Res> {
  // process.execArgv carries tsx's loader, so the child runs TypeScript as this process does.
  const child: ChildProcess = fork(file, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], ...(env ? { env: { ...process.env, ...env } } : {}) });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  child.on("message", (msg: { id: number; result?: Res; error?: string }) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.result) w.resolve(msg.result);
    else w.reject(new Error(`${label}: ${msg.error}`));
  });
  child.on("exit", (code) => failAll(new Error(`${label} exited (${code})`)));
  child.on("error", failAll);
  return {
    run: (req) =>
      new Promise<Res>((resolve, reject) => {
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

/** The child's half: answers each request with `work`'s result or its error message. */
export function serveChild<Req, Res>(work: (req: Req) => Promise<Res>): void {
  process.on("message", (msg: { id: number; req: Req }) => {
    work(msg.req).then(
      (result) => process.send!({ id: msg.id, result }),
      (e: unknown) => process.send!({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  process.on("disconnect", () => process.exit(0));
}
