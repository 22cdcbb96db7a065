import { sql } from "drizzle-orm";
import type { SlaLevelId } from "../../shared/sla";
import { makeTid } from "../../shared/tid";
import type { Tx } from "../db/client";
import { rowsOf } from "../db/rows";
import { attachments, licenseEmails, licenses, messages, requesters, ticketEvents, ticketParticipants, tickets, CHANNELS } from "../db/schema";
import type { Deps } from "../deps";
import type { BusinessCalendar } from "../domain/sla/calendar";
import { localDate } from "../domain/sla/local-date";
import { responseTimes } from "../domain/sla/response-times";
import { acknowledgementMail } from "./acknowledgement";
import { levelFromLicenses, type LicenseMatch } from "./levels";
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
  // The TID and the sender's licenses in one round trip: this is the hot path of every intake.
  const [next] = rowsOf<{ seq: string; licenses: LicenseMatch[] | string }>(await tx.execute(sql`
    select nextval('tid_seq')::text as seq,
      coalesce((select json_agg(json_build_object('id', l.id, 'category', l.category, 'edition', l.edition))
        from ${licenseEmails} le join ${licenses} l on l.id = le.license_id
        where le.email = ${t.email.toLowerCase()} and (l.support_until is null or l.support_until >= ${localDate(t.receivedAt, cal.timeZone)}::date)), '[]'::json) as licenses`));
  const matches = typeof next!.licenses === "string" ? (JSON.parse(next!.licenses) as LicenseMatch[]) : next!.licenses;
  const { level, licenseId } = levelFromLicenses(matches.map((m) => ({ ...m, id: Number(m.id) })), t.edition ?? undefined);
  const { targetAt, dueAt } = responseTimes(level, t.receivedAt, cal);
  const tid = makeTid(next!.seq);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  // Requester, ticket, requester participant and first message in one statement: intake is the
  // hottest path, and each separate statement costs a round trip (bench/intake.ts).
  const [created] = rowsOf<{ ticket_id: string; message_id: string }>(await tx.execute(sql`
    with r as (
      insert into ${requesters} (email, name) values (${t.email}, ${t.name ?? null})
      on conflict (email) do update set name = coalesce(excluded.name, ${requesters}.name)
      returning id
    ), tk as (
      insert into ${tickets} (tid, channel, requester_id, site_id, license_id, subject, description, steps, url,
        product_version, edition, urgent, locale, sla_level, received_at, sla_started_at, response_target_at,
        response_due_at, created_at, updated_at)
      select ${tid}, ${t.channel}, r.id, ${t.siteId ?? null}::bigint, ${licenseId}::bigint, ${t.subject}, ${t.description},
        ${t.steps ?? null}, ${t.url ?? null}, ${t.productVersion ?? null}, ${t.edition ?? null}, ${t.urgent}::boolean, ${t.locale},
        ${level}, ${iso(t.receivedAt)}::timestamptz, ${iso(t.receivedAt)}::timestamptz, ${iso(targetAt)}::timestamptz,
        ${iso(dueAt)}::timestamptz, ${iso(t.receivedAt)}::timestamptz, ${iso(t.receivedAt)}::timestamptz
      from r
      returning id
    ), p as (
      insert into ${ticketParticipants} (ticket_id, email, role) select tk.id, ${t.email}, 'requester' from tk
    ), m as (
      insert into ${messages} (ticket_id, author_kind, author_email, channel, body, mail_message_id, created_at)
      select tk.id, 'requester', ${t.email}, ${t.channel}, ${t.body}, ${t.mailMessageId ?? null}, ${iso(t.receivedAt)}::timestamptz from tk
      returning id
    )
    select tk.id::text as ticket_id, m.id::text as message_id from tk, m`));
  const ticketId = Number(created!.ticket_id);
  const message = { id: Number(created!.message_id) };
  const cc = [...new Set((t.cc ?? []).map((e) => e.toLowerCase()))].filter((e) => e !== t.email);
  if (cc.length) await tx.insert(ticketParticipants).values(cc.map((email) => ({ ticketId, email, role: "cc" as const })));
  const rows: (typeof attachments.$inferInsert)[] = t.files.map((f) => ({
    ticketId, messageId: message.id, kind: "file" as const, fileName: f.name, contentType: f.mime, size: f.size, sha256: f.sha256,
  }));
  if (t.phpinfo) {
    rows.push({ ticketId, messageId: message.id, kind: "phpinfo", fileName: "phpinfo.txt", contentType: "text/plain; charset=utf-8", size: t.phpinfo.size, sha256: t.phpinfo.sha256 });
  }
  if (rows.length) await tx.insert(attachments).values(rows);

  const event = {
    ticketId, type: "created", actor: `requester:${t.email}`,
    data: { channel: t.channel, slaLevel: level, urgent: t.urgent, licenseId, attachments: rows.length, ...t.eventData },
  };
  if (t.acknowledge) {
    await enqueueMail(tx, deps, acknowledgementMail(deps, {
      tid, ticketId, email: t.email, subject: t.subject, level, dueAt, timeZone: cal.timeZone, locale: t.locale, refused: t.refused ?? [],
      inReplyTo: t.mailMessageId ?? undefined,
    }), event);
  } else {
    await tx.insert(ticketEvents).values({ ...event, createdAt: t.receivedAt, data: { ...event.data, mail: "not-sent" } });
  }
  return { ticketId, tid, level: level as SlaLevelId, targetAt, dueAt, messageRowId: message.id };
}
