import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { BlobSource, BlobStore } from "./blob-store";

const SHA = /^[0-9a-f]{64}$/;

/**
 * Blobs under `root/ab/cd/<sha256>`. Writes go to `root/tmp` first and are renamed into place, so a
 * crash never leaves a truncated blob under a valid name.
 */
export function fsBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, "tmp");
  const pathOf = (sha: string) => {
    if (!SHA.test(sha)) throw new Error("invalid blob name");
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };

  return {
    kind: "fs",
    async put(sha, source) {
      const target = pathOf(sha);
      if (await exists(target)) {
        // Touch it, so a sweep running right now sees it as young and leaves it alone.
        const now = new Date();
        await fs.utimes(target, now, now).catch(() => {});
        return false;
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      try {
        await writeTemp(tmp, source);
        await fs.rename(tmp, target);
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
      return true;
    },
    async get(sha) {
      const p = pathOf(sha);
      const handle = await fs.open(p, "r").catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw e;
      });
      if (!handle) return null;
      // The open handle keeps the bytes readable even if a sweep unlinks the name meanwhile.
      const { size } = await handle.stat();
      return { size, stream: handle.createReadStream() };
    },
    exists: (sha) => exists(pathOf(sha)),
    async delete(sha) {
      await fs.rm(pathOf(sha), { force: true });
    },
    async *list() {
      for (const a of await dirs(root)) {
        if (a === "tmp") continue;
        for (const b of await dirs(path.join(root, a))) {
          for (const name of await dirs(path.join(root, a, b))) {
            if (!SHA.test(name)) continue;
            const st = await fs.stat(path.join(root, a, b, name)).catch(() => null);
            if (st) yield { sha256: name, modifiedAt: st.mtime };
          }
        }
      }
    },
    async cleanTemp(olderThanMs) {
      let removed = 0;
      for (const name of await dirs(tmpDir)) {
        const p = path.join(tmpDir, name);
        const st = await fs.stat(p).catch(() => null);
        if (st && Date.now() - st.mtimeMs > olderThanMs) {
          await fs.rm(p, { force: true });
          removed++;
        }
      }
      return removed;
    },
    async ping() {
      await fs.mkdir(root, { recursive: true });
      await fs.access(root, fs.constants.W_OK);
    },
  };
}

/**
 * A file source is hard-linked when it lies on the same file system (no copy of an upload's
 * bytes), and copied otherwise; either way the caller's file stays where it was.
 */
async function writeTemp(tmp: string, source: BlobSource): Promise<void> {
  if (source instanceof Uint8Array) {
    await fs.writeFile(tmp, source, { flag: "wx" });
    return;
  }
  try {
    await fs.link(source.file, tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP") throw e;
    await fs.copyFile(source.file, tmp, fs.constants.COPYFILE_EXCL);
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

async function dirs(p: string): Promise<string[]> {
  return fs.readdir(p).catch(() => []);
}

