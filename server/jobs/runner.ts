import type { Deps } from "../deps";
import { isDatabaseUnavailable } from "../db/unavailable";

export interface Job {
  name: string;
  intervalMs: number;
  /**
   * Does one batch of work and says how many items it handled. Must be safe to run in several
   * processes at once: claim work with `FOR UPDATE SKIP LOCKED` and mark it in the same transaction.
   * `stopping` fires when the process stops: a run that holds claimed work (leases) finishes
   * what it has started and hands the rest back at once instead of letting the leases run out.
   */
  run(deps: Deps, stopping: AbortSignal): Promise<number>;
  /** A full batch means there is probably more: run again at once instead of waiting. */
  batchSize: number;
  /**
   * Run again at once after any run that found work, full batch or not: for a job whose batch
   * takes long enough that new work has gathered meanwhile (the outbox during a burst).
   */
  againWhenAny?: boolean;
}

/** Runs each job in its own loop until stopped; a failing run is logged and retried next interval. */
export function startJobs(deps: Deps, jobs: Job[]): { stop(): Promise<void> } {
  let stopped = false;
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();

  const loop = (job: Job) => {
    if (stopped) return;
    const p = (async () => {
      let handled = 0;
      let result = "ok";
      const endTimer = deps.metrics.jobDuration.startTimer({ job: job.name });
      try {
        handled = await job.run(deps, stopping.signal);
      } catch (err) {
        result = isDatabaseUnavailable(err) ? "unavailable" : "error";
        if (result === "unavailable") deps.log.warn({ job: job.name }, "job skipped: database unavailable");
        else deps.log.error({ job: job.name, err }, "job failed");
      }
      endTimer();
      deps.metrics.jobRuns.inc({ job: job.name, result });
      deps.metrics.jobLastRun.setToCurrentTime({ job: job.name });
      if (stopped) return;
      const t = setTimeout(() => { timers.delete(t); loop(job); }, handled >= job.batchSize || (job.againWhenAny && handled > 0) ? 0 : job.intervalMs);
      timers.add(t);
    })();
    running.add(p);
    void p.finally(() => running.delete(p));
  };
  for (const job of jobs) loop(job);

  return {
    /** No run starts after this; resolves when the runs in flight have finished (and released their leases). */
    async stop() {
      stopped = true;
      stopping.abort();
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}
