import { ensureAssets } from "../server/build-assets";
import { compileServer } from "../server/compile.mjs";

/**
 * Builds the widget and web pages once before any suite runs, as `npm start` does, so no test
 * depends on another having built them first (a clean clone has no dist/); and compiles the
 * server when stale, for the suites that run it compiled (test/support/server-process.ts).
 */
export default async function setup() {
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  await ensureAssets(log);
  await compileServer({ onlyIfStale: true, log });
}
