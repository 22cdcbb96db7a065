/**
 * `npm start` (the server) and `npm run tidings` (`start.mjs cli …`: the admin CLI), with plain
 * node: compiles dist/server/ first when it is missing or does not match its sources
 * (server/compile.mjs; about a second), then runs the bundle in this very process. Imported, not
 * spawned, and the npm scripts `exec` this file, so a supervisor's SIGTERM reaches the server
 * itself (a shell in between would die of it and leave the server running). tsx is for
 * development only: `npm run dev`.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compileServer, staleReason, SERVER_DIST } from "./compile.mjs";
import { warmPgliteWasm } from "./db/pglite-warm.mjs";

const entry = process.argv[2] === "cli" ? "cli" : "main";
// The CLI reads its arguments from argv[2] on, as it does when run from its source.
if (entry === "cli") process.argv.splice(2, 1);
if (staleReason()) {
  try {
    // stderr: the CLI's stdout is one line per result, read by scripts.
    await compileServer({ onlyIfStale: true, log: (line) => console.error(line) });
  } catch (e) {
    console.error(`Tidings could not be compiled: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
// The embedded database compiles while the bundle loads (db/pglite-warm.mjs).
if (entry === "main" && !process.env.DATABASE_URL) warmPgliteWasm();
await import(pathToFileURL(path.join(SERVER_DIST, `${entry}.js`)).href);
