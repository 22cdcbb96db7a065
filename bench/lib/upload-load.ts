import { fileURLToPath } from "node:url";
import { startChild, type Child } from "./child";

export interface UploadLoadRequest {
  /** Full URL of POST /api/v1/tickets. */
  url: string;
  /** Bytes of the one PNG attached to every request. */
  fileBytes: number;
  connections: number;
  seconds: number;
}

export interface UploadLoadResult {
  /** 201 responses. */
  ok: number;
  /** Responses with another status. */
  non201: number;
  /** Requests that got no response (socket errors). */
  errors: number;
  /** First failure: status and start of the body, or the error. */
  firstFailure: string | null;
  /** From the first request sent to the last response received (requests in flight at the deadline are waited for). */
  seconds: number;
  /** Attachment bytes answered 201, per second, in MiB. */
  mibPerSecond: number;
  requestBytes: number;
  p50Ms: number;
  p99Ms: number;
}

export type UploadLoadGenerator = Child<UploadLoadRequest, UploadLoadResult>;

const CHILD = fileURLToPath(new URL("./upload-load-child.ts", import.meta.url));

/**
 * The upload client in its own process (upload-load-child.ts), off the servers' event loops and
 * out of their RSS. It builds its request bodies itself: shipping 10 MiB bodies over IPC would
 * cost more than the benchmark.
 */
export function startUploadLoad(): UploadLoadGenerator {
  return startChild<UploadLoadRequest, UploadLoadResult>(CHILD, "upload load generator");
}
