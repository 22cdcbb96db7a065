import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { attachments, inboundMails, kbImages } from "../../db/schema";

/** Which of these blobs a row still needs: an attachment, a held raw mail (spam, rejections) or a knowledge base image. */
export async function referencedShas(db: Db, shas: string[]): Promise<Set<string>> {
  if (!shas.length) return new Set();
  const a = await db.selectDistinct({ sha: attachments.sha256 }).from(attachments).where(inArray(attachments.sha256, shas));
  const m = await db.selectDistinct({ sha: inboundMails.rawSha256 }).from(inboundMails).where(inArray(inboundMails.rawSha256, shas));
  const k = await db.select({ sha: kbImages.sha256 }).from(kbImages).where(inArray(kbImages.sha256, shas));
  return new Set([...a, ...m, ...k].map((r) => r.sha).filter((s): s is string => Boolean(s)));
}
