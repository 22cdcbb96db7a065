import autocannon from "autocannon";
import type { LoadRequest, LoadResult } from "./load";
import { serveChild } from "./child";

/**
 * The load generator process (see load.ts). It leaves when its parent disconnects, so a parent
 * that crashes does not leave it running.
 */
async function run(req: LoadRequest): Promise<LoadResult> {
  let i = 0;
  let firstFailure: string | null = null;
  const result = await autocannon({
    url: req.url,
    connections: req.connections,
    duration: req.seconds,
    requests: [
      {
        method: req.method,
        headers: req.headers,
        // A shared counter, so concurrent connections send different bodies (different requesters).
        setupRequest: (r) => ({ ...r, body: req.bodies[i++ % req.bodies.length] }),
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && firstFailure === null) firstFailure = `${status} ${body.slice(0, 500)}`;
        },
      },
    ],
  });
  return {
    okPerSecond: result["2xx"] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    firstFailure,
  };
}

serveChild(run);
