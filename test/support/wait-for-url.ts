import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Polls `url` until it answers 2xx, for a server process just spawned (tests and benches). Fails
 * at once when the process exits first, and after `timeoutMs`; `output` goes into the error so a
 * start that failed says why. Each poll is bounded, so a server that accepts but never answers
 * cannot hold it past the deadline.
 */
export async function waitForUrl(url: string, opts: { proc: ChildProcess; timeoutMs: number; pollMs: number; output: () => string }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  while (true) {
    if (opts.proc.exitCode !== null) throw new Error(`the server exited (${opts.proc.exitCode}) before ${url} answered:\n${opts.output().slice(-3000)}`);
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`${url} did not answer within ${opts.timeoutMs / 1000} s:\n${opts.output().slice(-3000)}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(Math.min(2000, left)) }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(opts.pollMs);
  }
}
