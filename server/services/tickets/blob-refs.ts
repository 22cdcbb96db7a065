import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { attachments, inboundMails } from "../../db/schema";

/** Which of these blobs a row still needs: an attachment, or a held raw mail (spam, rejections). */
export async function referencedShas(db: Db, shas: string[]): Promise<Set<string>> {
  if (!shas.length) return new Set();
  const a = await db.selectDistinct({ sha: attachments.sha256 }).from(attachments).where(inArray(attachments.sha256, shas));
  const m = await db.selectDistinct({ sha: inboundMails.rawSha256 }).from(inboundMails).where(inArray(inboundMails.rawSha256, shas));
  return new Set([...a, ...m].map((r) => r.sha).filter((s): s is string => Boolean(s)));
}
