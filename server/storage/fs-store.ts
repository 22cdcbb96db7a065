import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { BlobStore } from "./blob-store";

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
    async put(sha, bytes) {
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
      await fs.writeFile(tmp, bytes, { flag: "wx" });
      await fs.rename(tmp, target);
      return true;
    },
    async get(sha) {
      try {
        return await fs.readFile(pathOf(sha));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
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
  };
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

async function dirs(p: string): Promise<string[]> {
  return fs.readdir(p).catch(() => []);
}
