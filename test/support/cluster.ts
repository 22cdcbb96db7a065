import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createPostgresDatabase } from "./databases";
import { freePort, startServerProcess, type ServerProcess } from "./server-process";

export interface ClusterOptions {
  /** How many server processes. */
  size: number;
  /**
   * Where the attachments go, the same for every process: `{}` (STORAGE=fs in the shared DATA_DIR)
   * or the env of an S3 server (test/support/s3-server.ts).
   */
  storageEnv: Record<string, string>;
  /**
   * Which processes run the background jobs. "all" by default: every job claims its work with
   * `FOR UPDATE SKIP LOCKED` (jobs/runner.ts), so N processes with JOBS=on is the deployment we
   * document, and the test exercises it.
   */
  jobs?: "all" | "first";
  /** More env for every process (TRUST_PROXY, REDIS_URL, ...). */
  env?: Record<string, string>;
}

export interface Cluster {
  /** The backend URLs, index for index; a restarted process keeps its port, so its URL. */
  urls: string[];
  databaseUrl: string;
  /** The one DATA_DIR all processes share (with STORAGE=fs their attachments are in DATA_DIR/attachments). */
  dataDir: string;
  adminToken: string;
  process(i: number): ServerProcess | null;
  /** kill -9: no graceful stop, no cleanup, in-flight requests cut. */
  kill(i: number): Promise<void>;
  /** Starts process i again on its port, with its env; resolves once /healthz answers. */
  restart(i: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * N real server processes on one fresh Postgres database, with the same secrets (TIDINGS_SECRET_KEY
 * must be equal on all: each signs links and cookies another one checks).
 *
 * One DATA_DIR for all. With DATABASE_URL and TIDINGS_SECRET_KEY set a process writes nothing of
 * its own there (no secret.key, no cli.json: that is the embedded database's; no pglite/), only the
 * attachments, which the processes must share while STORAGE=fs (one disk, as an NFS mount would
 * be). With S3 the directory stays empty of attachments.
 */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const db = await createPostgresDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-cluster-"));
  const adminToken = `cluster-admin-${randomBytes(12).toString("hex")}`;
  const common: Record<string, string> = {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    TIDINGS_SECRET_KEY: randomBytes(32).toString("hex"),
    TIDINGS_ADMIN_TOKEN: adminToken,
    INTAKE_RATE_LIMIT: "1000000",
    LOG_LEVEL: "warn",
    ...opts.storageEnv,
    ...opts.env,
  };
  const envs: Record<string, string>[] = [];
  for (let i = 0; i < opts.size; i++) {
    const port = await freePort();
    envs.push({ PUBLIC_URL: `http://127.0.0.1:${port}`, ...common, PORT: String(port), JOBS: opts.jobs === "first" && i > 0 ? "off" : "on" });
  }
  const procs: (ServerProcess | null)[] = envs.map(() => null);
  const close = async () => {
    for (const p of procs) await p?.stop("SIGKILL");
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // All at once, as after a deploy: one of them migrates under the advisory lock, the others wait.
    await Promise.all(envs.map(async (env, i) => { procs[i] = await startServerProcess(env); }));
  } catch (e) {
    await close();
    throw e;
  }
  return {
    urls: envs.map((e) => `http://127.0.0.1:${e.PORT}`),
    databaseUrl: db.url,
    dataDir,
    adminToken,
    process: (i) => procs[i] ?? null,
    async kill(i) {
      await procs[i]?.stop("SIGKILL");
      procs[i] = null;
    },
    async restart(i) {
      await procs[i]?.stop("SIGKILL");
      procs[i] = await startServerProcess(envs[i]!);
    },
    close,
  };
}
