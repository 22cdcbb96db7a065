import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./log";

/**
 * The graceful stop on SIGTERM or SIGINT. Three phases:
 * - announce (SHUTDOWN_DELAY_MS, default none): /readyz answers 503 and every response closes
 *   its connection, but new connections are still served, for a load balancer that learns of
 *   the stop only from the probe (Kubernetes: endpoints are removed after SIGTERM, not before);
 * - drain: every step at once (HTTP, SMTP, jobs), each finishing its work in flight and taking
 *   no new; at the grace deadline (SHUTDOWN_GRACE_MS) their `force` signal fires and they cut
 *   what is left;
 * - close: then one after the other (outbound SMTP pool, database), each given CLOSE_MS.
 * A signal during start-up waits for the start to finish, so nothing started stays open. A second
 * signal (a second later or more), or the grace plus the close time running out, exits at once. The exit code is 0 when
 * everything finished by itself, 1 when something had to be cut.
 */
const CLOSE_MS = 5_000;
/** Signals closer together than this are one stop asked for twice (see onSignal). */
const SAME_SIGNAL_MS = 1_000;

export interface Shutdown {
  /** True from the first signal on: /readyz answers 503 so a load balancer stops sending. */
  readonly stopping: boolean;
  /** A drain step; it resolves with how much it had to cut (0: all finished) once `force` fires. */
  drain(name: string, step: (force: AbortSignal) => Promise<number>): void;
  /** A close step, run after every drain step, in the order added. */
  close(name: string, step: () => Promise<unknown> | void): void;
  /** Start-up is done: a signal that came meanwhile is acted on now. */
  started(): void;
  /** As a signal would (tests, and `main` when a start-up fails half-way). */
  stop(reason: string): Promise<void>;
}

export function createShutdown(opts: { log: Logger; graceMs: number; delayMs?: number; exit?: (code: number) => void }): Shutdown {
  const { log, graceMs } = opts;
  const delayMs = opts.delayMs ?? 0;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const drains: { name: string; step: (force: AbortSignal) => Promise<number> }[] = [];
  const closes: { name: string; step: () => Promise<unknown> | void }[] = [];
  let markStarted!: () => void;
  const startup = new Promise<void>((r) => (markStarted = r));
  let stopping = false;

  const run = async (reason: string) => {
    const t0 = Date.now();
    log.info({ reason, graceMs, delayMs }, "stopping: finishing the requests in flight");
    // Past grace plus the close steps nothing more can be hoped for: out, whatever still hangs.
    setTimeout(() => {
      log.error("stop took too long; exiting now");
      exit(1);
    }, delayMs + graceMs + CLOSE_MS * (closes.length + 1)).unref();
    if (delayMs) await sleep(delayMs);
    const force = AbortSignal.timeout(graceMs);
    await Promise.race([startup, new Promise((r) => force.addEventListener("abort", r))]);
    const cut = await Promise.all(drains.map(({ name, step }) => step(force).catch((err: unknown) => {
      log.error({ err, step: name }, "stop step failed");
      return 1;
    })));
    const forced = drains.filter((_, i) => cut[i]! > 0).map((d, i) => `${d.name} (${cut[i]})`);
    if (forced.length) log.warn({ cut: forced, graceMs }, "grace period over: cut what was still open");
    let failed = forced.length > 0;
    for (const { name, step } of closes) {
      await withDeadline(Promise.resolve().then(step), CLOSE_MS).catch((err: unknown) => {
        failed = true;
        log.error({ err, step: name }, "stop step failed");
      });
    }
    log.info({ ms: Date.now() - t0, clean: !failed }, "stopped");
    exit(failed ? 1 : 0);
  };

  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // The same stop often arrives twice at once: a terminal's Ctrl-C reaches every process of the
    // group and npm forwards it again, systemd signals every process of the unit. Only a signal
    // sent later means "now".
    if (stopping && Date.now() - firstSignalAt >= SAME_SIGNAL_MS) {
      log.warn({ signal }, "second signal: exiting now");
      return exit(1);
    }
    if (stopping) return;
    firstSignalAt = Date.now();
    void shutdown.stop(signal);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  const shutdown: Shutdown = {
    get stopping() { return stopping; },
    drain: (name, step) => void drains.push({ name, step }),
    close: (name, step) => void closes.push({ name, step }),
    started: () => markStarted(),
    stop(reason) {
      if (stopping) return Promise.resolve();
      stopping = true;
      return run(reason);
    },
  };
  return shutdown;
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not done after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
