import { drivers, type Driver } from "./databases";

export type Store = "fs" | "s3";

/**
 * Database driver × blob store, for the suites that store and read attachments: each runs on the
 * file system and on a real S3-protocol server, on every driver. The other suites run on `fs`
 * (or on S3 with TEST_STORAGE=s3), so S3 does not double the whole suite's time.
 */
export function backends(): [Driver, Store][] {
  return drivers().flatMap((d) => (["fs", "s3"] as const).map((s): [Driver, Store] => [d, s]));
}

/** What startTestApp needs to put the app on that store (test-app.ts starts the S3 server). */
export function storeEnv(store: Store): Record<string, string> {
  return store === "s3" ? { STORAGE: "s3" } : {};
}
