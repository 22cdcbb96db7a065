/**
 * How long each step of the start took, for the "started" log line (and bench/startup.ts, which
 * reads it): wall time, and the CPU time this process spent, which a busy machine inflates less.
 * `modules` runs from the process's start to the first step: node itself, the launcher's
 * staleness check (server/start.mjs) and loading the code.
 */
export function startupSteps() {
  const ms: Record<string, number> = { modules: Math.round(performance.now()) };
  const cpuMs: Record<string, number> = { modules: cpuNow() };
  let last = performance.now();
  let lastCpu = cpuNow();
  return {
    done(step: string) {
      const now = performance.now();
      const cpu = cpuNow();
      ms[step] = Math.round(now - last);
      cpuMs[step] = cpu - lastCpu;
      last = now;
      lastCpu = cpu;
    },
    all: () => ({ ms: { ...ms, total: Math.round(performance.now()) }, cpuMs: { ...cpuMs, total: cpuNow() } }),
  };
}

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}
