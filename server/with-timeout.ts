/**
 * `p`, or a rejection with Error("timeout") once `ms` pass first (the probes and the database
 * gauges must answer even when the database hangs). The timer never outlives the race.
 */
export function withTimeout<T>(p: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
