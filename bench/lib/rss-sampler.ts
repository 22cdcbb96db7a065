import fs from "node:fs";

const MiB = 1024 * 1024;

/** VmRSS of another process in MiB, read from /proc (Linux), or null when it cannot be read. */
export function rssOf(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? (Number(kb) * 1024) / MiB : null;
  } catch {
    return null;
  }
}

/**
 * Samples a process's VmRSS every `everyMs` from outside it, so the sampling costs the measured
 * process nothing and sees the whole process (heap, buffers, native allocations) as the kernel does.
 */
export function sampleRss(pid: number, everyMs = 20): { stop(): { maxMiB: number; samples: number; lastMiB: number } } {
  let max = 0;
  let last = 0;
  let samples = 0;
  const read = () => {
    const v = rssOf(pid);
    if (v === null) return;
    samples++;
    last = v;
    if (v > max) max = v;
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop() {
      clearInterval(timer);
      read();
      return { maxMiB: max, samples, lastMiB: last };
    },
  };
}

/** The median of VmRSS over `ms`: a process's idle resident set, steadier than one reading. */
export async function idleRss(pid: number, ms = 1500, everyMs = 20): Promise<number> {
  const values: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = rssOf(pid);
    if (v !== null) values.push(v);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? NaN;
}
