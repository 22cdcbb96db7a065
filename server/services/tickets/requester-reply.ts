import type { Tx } from "../../db/client";
import { attachments, messages, ticketParticipants } from "../../db/schema";
import type { Channel } from "../../../shared/channels";
import { isResumedByClientReply } from "../../../shared/ticket-status";
import { recordEvents } from "./ticket-events";
import type { Deps } from "../../deps";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import { reopened as reopenedTemplate } from "../../mail/templates/index";
import { ticketLink } from "../mail/acknowledgement";
import { enqueueMail } from "../mail/outbox";
import type { StoredFile } from "./ticket-insert";
import type { lockTicket } from "./ticket-lookup";
import { applyStatusChange } from "./ticket-status";

/**
 * A message from the client's side (the requester or someone copied) added to a ticket: by mail
 * now, by the portal later. A real answer resumes a ticket that waited on the client and reopens a
 * resolved or closed one (the clock starts again); an auto-reply is kept but changes nothing.
 */
export async function addRequesterReply(
  tx: Tx,
  deps: Pick<Deps, "secret" | "config" | "now">,
  cal: BusinessCalendar,
  ticket: Awaited<ReturnType<typeof lockTicket>>,
  reply: {
    email: string; body: string; channel: Channel; mailMessageId?: string | null;
    files: StoredFile[]; automatic: boolean; refused?: { name: string; reason: string }[];
  },
) {
  const now = deps.now();
  const [message] = await tx
    .insert(messages)
    .values({ ticketId: ticket.id, authorKind: "requester", authorEmail: reply.email, channel: reply.channel, body: reply.body, mailMessageId: reply.mailMessageId ?? null, createdAt: now })
    .returning({ id: messages.id });
  if (reply.files.length) {
    await tx.insert(attachments).values(reply.files.map((f) => ({
      ticketId: ticket.id, messageId: message!.id, kind: "file" as const, fileName: f.name, contentType: f.mime, size: f.size, sha256: f.sha256,
    })));
  }
  // Someone who answers through a genuine Message-ID of ours was sent the conversation: keep them on it.
  await tx.insert(ticketParticipants).values({ ticketId: ticket.id, email: reply.email, role: "cc" }).onConflictDoNothing();
  await recordEvents(tx, {
    ticketId: ticket.id, type: "message-added", actor: `requester:${reply.email}`, createdAt: now,
    data: { channel: reply.channel, messageId: message!.id, attachments: reply.files.length, automatic: reply.automatic, refused: reply.refused ?? [] },
  });

  let status: string = ticket.status;
  if (!reply.automatic && isResumedByClientReply(ticket.status)) {
    const changed = await applyStatusChange(tx, cal, ticket, { status: "open", actor: `requester:${reply.email}`, reason: "the client replied" }, now);
    status = changed.status;
    if (changed.reopened) {
      const mail = reopenedTemplate({ tid: ticket.tid, subject: ticket.subject, dueAt: changed.responseDueAt, timeZone: cal.timeZone, ticketUrl: ticketLink(deps, ticket.tid), locale: ticket.locale });
      await enqueueMail(tx, deps, { ticketId: ticket.id, tid: ticket.tid, kind: "reopened", to: ticket.requesterEmail ?? reply.email, ...mail, inReplyTo: reply.mailMessageId ?? undefined });
    }
  }
  return { messageId: message!.id, status };
}
