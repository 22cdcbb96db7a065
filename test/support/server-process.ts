import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { waitForUrl } from "./wait-for-url";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  output: () => string;
  /** Resolves once the server has printed a line matching `pattern` (bounded: 30 s). */
  waitForOutput(pattern: RegExp): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServerProcessOptions {
  /**
   * Run it as `npm start` does, compiled (server/start.mjs: dist/server/main.js with plain node,
   * compiled first when stale) instead of from the sources through tsx (`npm run dev`), which
   * most suites use so that they need no build.
   */
  compiled?: boolean;
}

/** The real server in its own process, on a free port; by default from its sources through tsx. */
export async function startServerProcess(env: Record<string, string>, opts: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const args = opts.compiled ? ["server/start.mjs"] : ["--import", "tsx", "server/main.ts"];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", SMTP_INBOUND_PORT: "0", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (out += d));
  // The address it is reached at: the one it was told to listen on, if one in particular.
  const host = env.HOST && !["0.0.0.0", "::"].includes(env.HOST) ? env.HOST : "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  try {
    await waitForUrl(`${url}/healthz`, { proc, timeoutMs: 60_000, pollMs: 100, output: () => out });
  } catch (e) {
    proc.kill("SIGKILL");
    throw e;
  }
  return {
    url,
    proc,
    output: () => out,
    async waitForOutput(pattern) {
      const end = Date.now() + 30_000;
      while (!pattern.test(out)) {
        if (proc.exitCode !== null || Date.now() > end) throw new Error(`server never printed ${pattern}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once("exit", (code) => resolve(code));
        proc.kill(signal);
      }),
  };
}
