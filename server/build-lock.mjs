import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The lock of a build that several processes may start at once (three servers started together
 * on a fresh checkout): a file created exclusively, holding the holder's pid. A lock older than
 * `staleMs` is one whose holder died (SIGKILL mid-build) and is taken over. Plain JS because
 * server/compile.mjs runs where tsx does not; build-assets.ts shares it.
 * @template T
 * @param {string} lockFile
 * @param {{ staleMs: number, pollMs: number }} opts
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withBuildLock(lockFile, { staleMs, pollMs }, fn) {
  while (!tryLock(lockFile, staleMs)) await sleep(pollMs);
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** @param {string} lockFile @param {number} staleMs */
function tryLock(lockFile, staleMs) {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    try {
      if (Date.now() - fs.statSync(lockFile).mtimeMs > staleMs) fs.rmSync(lockFile, { force: true });
    } catch {
      /* gone meanwhile */
    }
    return false;
  }
}
