import { and, eq, sql } from "drizzle-orm";
import type { Deps } from "../../deps";
import type { BlobBody } from "../../storage/blob-store";
import { kbArticles, kbImages } from "../../db/schema";
import { KB_MEDIA_FILE, kbMediaPath } from "../../domain/kb/media";
import { visibleSql } from "./visible-sql";

/**
 * An article image for the help center, by its address's file name (`{sha256}.{ext}`): only while
 * a public, published article's body names it. A draft's or an internal article's image is as
 * absent as a wrong address, so its bytes cannot be read before the article is out.
 */
export async function publicKbImage(deps: Pick<Deps, "db" | "now" | "blobs">, file: string): Promise<{ contentType: string; blob: BlobBody } | null> {
  const m = KB_MEDIA_FILE.exec(file);
  if (!m) return null;
  const [sha256, ext] = [m[1]!, m[2]!];
  // The hex name and the fixed extension hold no LIKE wildcards.
  const [row] = await deps.db.select({ contentType: kbImages.contentType }).from(kbImages).where(and(
    eq(kbImages.sha256, sha256),
    sql`exists (select 1 from ${kbArticles} where ${visibleSql("public", deps.now())} and strpos(${kbArticles.body}, ${kbMediaPath(sha256, ext)}) > 0)`,
  ));
  if (!row || !row.contentType.endsWith(ext === "jpg" ? "jpeg" : ext)) return null;
  const blob = await deps.blobs.get(sha256);
  return blob ? { contentType: row.contentType, blob } : null;
}
