import type { MessageKind } from "../../../shared/messages";
import type { Tx } from "../../db/client";
import { messages } from "../../db/schema";
import type { Channel } from "../../../shared/channels";

/**
 * Writes one message of the conversation in the caller's transaction, at the same instant as the
 * event that goes with it: migration 0009 matches events to messages by that instant, and the
 * conversation is ordered by it.
 */
export async function recordMessage(
  tx: Tx,
  m: {
    ticketId: number; kind: MessageKind; authorKind: "requester" | "staff" | "system"; authorEmail: string | null;
    channel: Channel; body: string; visibility?: "public" | "internal"; at: Date;
  },
): Promise<number> {
  const [row] = await tx.insert(messages).values({
    ticketId: m.ticketId, kind: m.kind, authorKind: m.authorKind, authorEmail: m.authorEmail, channel: m.channel,
    body: m.body, visibility: m.visibility ?? "public", createdAt: m.at,
  }).returning({ id: messages.id });
  return row!.id;
}
