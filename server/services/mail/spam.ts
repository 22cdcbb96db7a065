import { and, desc, eq } from "drizzle-orm";
import type { Deps } from "../../deps";
import { inboundMails } from "../../db/schema";
import { ApiError } from "../../errors";
import { receiveMail } from "./inbound-mail";
import { readBlob } from "../../storage/blob-store";

/** The spam folder: mail an upstream filter condemned, held with its raw bytes and no TID. */
export async function listHeldMail(deps: Deps, outcome: "spam" | "rejected" | "ignored" | "bounce", limit = 100) {
  const rows = await deps.db.select().from(inboundMails).where(eq(inboundMails.outcome, outcome)).orderBy(desc(inboundMails.receivedAt)).limit(limit);
  return rows.map((r) => ({ id: r.id, from: r.fromAddress, subject: r.subject, reason: r.reason, size: r.size, receivedAt: r.receivedAt.toISOString() }));
}

/**
 * Staff release a held mail: it is processed again as if the filter had passed it (a ticket and
 * an acknowledgement, or a message on its ticket), and the held row records that it was released.
 */
export async function releaseSpam(deps: Deps, id: number, actor: string) {
  const [row] = await deps.db.select().from(inboundMails).where(and(eq(inboundMails.id, id), eq(inboundMails.outcome, "spam")));
  if (!row) throw new ApiError("NOT_FOUND", "There is no held spam mail with this id.");
  const raw = row.rawSha256 ? await readBlob(deps.blobs, row.rawSha256) : null;
  if (!raw) throw new ApiError("NOT_FOUND", "The held mail's content is no longer stored.");
  // Free the Message-ID so the released mail is not taken for a duplicate of itself.
  await deps.db.update(inboundMails).set({ outcome: "ignored", reason: `released from spam by ${actor}`, messageId: null }).where(eq(inboundMails.id, id));
  try {
    const result = await receiveMail(deps, raw, { mailFrom: row.fromAddress }, { releasing: true });
    return { id, ...result };
  } catch (err) {
    // A release that failed must not lose the mail: it goes back to the spam folder, to be released again.
    await deps.db.update(inboundMails).set({ outcome: "spam", reason: row.reason, messageId: row.messageId }).where(eq(inboundMails.id, id));
    throw err;
  }
}
