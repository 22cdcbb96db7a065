/**
 * One HTTP server of bench/intake-upload.ts in a process of its own, so that its peak RSS is its
 * own and not the load generator's or the other side's. Started by upload-server.ts with the side
 * and its settings in SERVER_ENV; it answers the parent over IPC and leaves when the parent does.
 *
 * Peak RSS is the kernel's high-water mark (VmHWM in /proc/self/status), reset before each round by
 * writing 5 to /proc/self/clear_refs, so each round reports its own peak. Where that is not
 * possible (not Linux), process.resourceUsage().maxRSS is reported instead: the peak since start.
 * Between reads, process.memoryUsage() is sampled every SAMPLE_MS to show where the memory went
 * (V8 heap, or ArrayBuffers: request bodies, Blobs, Buffers).
 */
import fs from "node:fs";
import { listen, type Listening } from "./http";
import type { MemoryReport, ServerChildMessage, ServerChildReply, ServerStart } from "./upload-server";

export const SERVER_ENV = "TIDINGS_BENCH_UPLOAD_SERVER";
const SAMPLE_MS = 100;
const MiB = 1024 * 1024;

function procStatus(): { hwm: number; rss: number } | null {
  try {
    const text = fs.readFileSync("/proc/self/status", "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1]);
    const hwm = kb("VmHWM");
    const rss = kb("VmRSS");
    return Number.isFinite(hwm) && Number.isFinite(rss) ? { hwm: hwm * 1024, rss: rss * 1024 } : null;
  } catch {
    return null;
  }
}

function resetPeak(): boolean {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

let sampled = { heapUsed: 0, external: 0, arrayBuffers: 0 };
function sample(): void {
  const m = process.memoryUsage();
  sampled = {
    heapUsed: Math.max(sampled.heapUsed, m.heapUsed),
    external: Math.max(sampled.external, m.external),
    arrayBuffers: Math.max(sampled.arrayBuffers, m.arrayBuffers),
  };
}

let peakResettable = false;
function memory(reset: boolean): MemoryReport {
  sample();
  const now = process.memoryUsage();
  const status = procStatus();
  const report: MemoryReport = {
    peakRssMiB: (status?.hwm ?? process.resourceUsage().maxRSS * 1024) / MiB,
    rssMiB: (status?.rss ?? process.memoryUsage.rss()) / MiB,
    peakSource: status && peakResettable ? "VmHWM since reset" : status ? "VmHWM since start" : "resourceUsage().maxRSS since start",
    sampledPeakHeapUsedMiB: sampled.heapUsed / MiB,
    sampledPeakExternalMiB: sampled.external / MiB,
    sampledPeakArrayBuffersMiB: sampled.arrayBuffers / MiB,
    arrayBuffersMiB: now.arrayBuffers / MiB,
    heapUsedMiB: now.heapUsed / MiB,
  };
  if (reset) {
    peakResettable = resetPeak();
    sampled = { heapUsed: 0, external: 0, arrayBuffers: 0 };
    sample();
  }
  return report;
}

async function start(spec: ServerStart): Promise<{ server: Listening; close: () => Promise<void> }> {
  if (spec.side === "baseline") {
    const { bareUploadApp } = await import("./upload-baseline");
    const server = await listen(bareUploadApp(spec.dir).fetch);
    return { server, close: () => server.close() };
  }
  const [{ loadConfig }, { buildDeps }, { createApp }] = await Promise.all([
    import("../../server/config"), import("../../server/bootstrap"), import("../../server/app"),
  ]);
  const { deps, database } = await buildDeps(loadConfig(spec.env));
  const server = await listen(createApp(deps).fetch);
  return {
    server,
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}

if (process.env[SERVER_ENV]) {
  const spec = JSON.parse(process.env[SERVER_ENV]) as ServerStart;
  const send = (msg: ServerChildReply) => process.send!(msg);
  start(spec).then(
    ({ server, close }) => {
      const timer = setInterval(sample, SAMPLE_MS);
      process.on("message", (msg: ServerChildMessage) => {
        if (msg.cmd === "memory") send({ id: msg.id, memory: memory(msg.reset) });
        else if (msg.cmd === "close") {
          clearInterval(timer);
          close().then(
            () => { send({ id: msg.id, closed: true }); process.disconnect(); },
            (e: unknown) => { send({ id: msg.id, error: e instanceof Error ? e.message : String(e) }); process.disconnect(); },
          );
        }
      });
      send({ id: 0, ready: { url: server.url, pid: process.pid, memory: memory(true) } });
    },
    (e: unknown) => {
      send({ id: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.exitCode = 1;
      process.disconnect();
    },
  );
  process.on("disconnect", () => process.exit());
}
