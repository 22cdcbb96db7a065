import { fileURLToPath } from "node:url";
import { startChild, type Child } from "./child";

export interface LoadRequest {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  /** Bodies sent in turn, one per request across all connections. */
  bodies: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** 2xx responses per second of the run. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** First non-2xx status and body seen, to say why a run failed. */
  firstFailure: string | null;
}

export type LoadGenerator = Child<LoadRequest, LoadResult>;

const CHILD = fileURLToPath(new URL("./load-child.ts", import.meta.url));

/**
 * autocannon in its own process. On the server's event loop it would steal the server's time and
 * add the same fixed cost to both sides, pulling every ratio towards 1; in a child it has its own
 * loop and, given a free core, measures only the server.
 */
export function startLoadGenerator(): LoadGenerator {
  return startChild<LoadRequest, LoadResult>(CHILD, "load generator");
}
