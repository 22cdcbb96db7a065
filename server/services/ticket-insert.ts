import { sql } from "drizzle-orm";
import type { SlaLevelId } from "../../shared/sla";
import { makeTid } from "../../shared/tid";
import type { Tx } from "../db/client";
import { rowsOf } from "../db/rows";
import { attachments, messages, requesters, ticketEvents, ticketParticipants, tickets, CHANNELS } from "../db/schema";
import type { Deps } from "../deps";
import type { BusinessCalendar } from "../domain/sla/calendar";
import { localDate } from "../domain/sla/local-date";
import { responseTimes } from "../domain/sla/response-times";
import { acknowledgementMail } from "./acknowledgement";
import { resolveLevel } from "./levels";
import { enqueueMail } from "./outbox";

export interface StoredFile { name: string; mime: string; size: number; sha256: string }

export interface NewTicket {
  channel: (typeof CHANNELS)[number];
  email: string;
  name?: string | null;
  subject: string;
  description: string;
  /** The first message of the conversation: the description, with the steps when given. */
  body: string;
  steps?: string | null;
  url?: string | null;
  productVersion?: string | null;
  edition?: "cloud" | "self-hosted" | null;
  urgent: boolean;
  locale: "en" | "de";
  siteId?: number | null;
  receivedAt: Date;
  files: StoredFile[];
  phpinfo?: { sha256: string; size: number } | null;
  cc?: string[];
  mailMessageId?: string | null;
  /** Extra facts for the "created" event (a TID the mail named, files refused, …). */
  eventData?: Record<string, unknown>;
  /** Files that were refused but did not stop the ticket (mail): the acknowledgement lists them. */
  refused?: { name: string; reason: string }[];
  /** False for mail that must not be answered automatically (auto-replies, bulk). */
  acknowledge: boolean;
}

/**
 * Writes a new ticket with everything that belongs to it, inside the caller's transaction: the
 * TID from the sequence, the level the sender is entitled to and its due times, the first message
 * and its files, the participants, the "created" event and the acknowledgement in the outbox.
 */
export async function insertTicket(tx: Tx, deps: Pick<Deps, "secret" | "config" | "now">, cal: BusinessCalendar, t: NewTicket) {
  const { level, licenseId } = await resolveLevel(tx, t.email, t.edition ?? undefined, localDate(t.receivedAt, cal.timeZone));
  const { targetAt, dueAt } = responseTimes(level, t.receivedAt, cal);
  const [next] = rowsOf<{ seq: string }>(await tx.execute(sql`select nextval('tid_seq')::text as seq`));
  const tid = makeTid(next!.seq);
  const [requester] = await tx
    .insert(requesters)
    .values({ email: t.email, name: t.name ?? null })
    .onConflictDoUpdate({ target: requesters.email, set: { name: sql`coalesce(excluded.name, ${requesters.name})` } })
    .returning({ id: requesters.id });
  const [ticket] = await tx
    .insert(tickets)
    .values({
      tid, channel: t.channel, requesterId: requester!.id, siteId: t.siteId ?? null, licenseId,
      subject: t.subject, description: t.description, steps: t.steps ?? null, url: t.url ?? null,
      productVersion: t.productVersion ?? null, edition: t.edition ?? null, urgent: t.urgent, locale: t.locale,
      slaLevel: level, receivedAt: t.receivedAt, slaStartedAt: t.receivedAt, responseTargetAt: targetAt, responseDueAt: dueAt,
      createdAt: t.receivedAt, updatedAt: t.receivedAt,
    })
    .returning({ id: tickets.id });
  const ticketId = ticket!.id;
  const cc = [...new Set((t.cc ?? []).map((e) => e.toLowerCase()))].filter((e) => e !== t.email);
  await tx.insert(ticketParticipants).values([{ ticketId, email: t.email, role: "requester" as const }, ...cc.map((email) => ({ ticketId, email, role: "cc" as const }))]);
  const [message] = await tx
    .insert(messages)
    .values({ ticketId, authorKind: "requester", authorEmail: t.email, channel: t.channel, body: t.body, mailMessageId: t.mailMessageId ?? null, createdAt: t.receivedAt })
    .returning({ id: messages.id });
  const rows: (typeof attachments.$inferInsert)[] = t.files.map((f) => ({
    ticketId, messageId: message!.id, kind: "file" as const, fileName: f.name, contentType: f.mime, size: f.size, sha256: f.sha256,
  }));
  if (t.phpinfo) {
    rows.push({ ticketId, messageId: message!.id, kind: "phpinfo", fileName: "phpinfo.txt", contentType: "text/plain; charset=utf-8", size: t.phpinfo.size, sha256: t.phpinfo.sha256 });
  }
  if (rows.length) await tx.insert(attachments).values(rows);

  let ack: string = "not-requested";
  if (t.acknowledge) {
    const r = await enqueueMail(tx, deps, acknowledgementMail(deps, {
      tid, ticketId, email: t.email, subject: t.subject, level, dueAt, timeZone: cal.timeZone, locale: t.locale, refused: t.refused ?? [],
      inReplyTo: t.mailMessageId ?? undefined,
    }));
    ack = r.queued ? "queued" : r.reason;
  }
  await tx.insert(ticketEvents).values({
    ticketId, type: "created", actor: `requester:${t.email}`, createdAt: t.receivedAt,
    data: { channel: t.channel, slaLevel: level, urgent: t.urgent, licenseId, attachments: rows.length, acknowledgement: ack, ...t.eventData },
  });
  return { ticketId, tid, level: level as SlaLevelId, targetAt, dueAt, messageRowId: message!.id };
}
