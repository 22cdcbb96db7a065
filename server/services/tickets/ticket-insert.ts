import { sql } from "drizzle-orm";
import type { SlaLevelId } from "../../../shared/sla";
import { makeTid } from "../../../shared/tid";
import type { Tx } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { inputRows, type InputColumn } from "../../db/input-rows";
import { attachments, licenseEmails, licenses, messages, requesters, ticketParticipants, tickets } from "../../db/schema";
import type { Channel } from "../../../shared/channels";
import type { Edition } from "../../../shared/limits";
import type { TicketEventData } from "../../../shared/events";
import { recordEvents, type NewTicketEvent } from "./ticket-events";
import type { Deps } from "../../deps";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import { localDate } from "../../domain/sla/local-date";
import { responseTimes } from "../../domain/sla/response-times";
import { acknowledgementMail } from "../mail/acknowledgement";
import { levelFromLicenses, type LicenseMatch } from "../accounts/levels";
import { mailWrites, type EnqueueItem } from "../mail/outbox";
import { searchText } from "../../domain/search-text";
import type { Environment } from "../../../shared/api/environment";
import type { AckArticlesByLocale } from "../kb/ack-articles";

export interface StoredFile { name: string; mime: string; size: number; sha256: string }

export interface NewTicket {
  channel: Channel;
  email: string;
  name?: string | null;
  subject: string;
  description: string;
  /** The first message of the conversation: the description, with the steps when given. */
  body: string;
  steps?: string | null;
  url?: string | null;
  /** The documentation the client says they read first (SLA 1.2). */
  docLink?: string | null;
  productVersion?: string | null;
  edition?: Edition | null;
  urgent: boolean;
  locale: "en" | "de";
  /**
   * The requester's language is remembered (API intake): the ticket speaks `chosen`, else what
   * the requester chose last time, else `locale`; a chosen one is kept for next time.
   */
  remember?: { chosen: "en" | "de" | null };
  siteId?: number | null;
  receivedAt: Date;
  files: StoredFile[];
  phpinfo?: { sha256: string; size: number } | null;
  /** The browser details the widget sent (CONTRACT §9), already validated. */
  environment?: Environment | null;
  cc?: string[];
  mailMessageId?: string | null;
  /** Extra facts for the "created" event (a TID the mail named, files refused, …). */
  eventData?: Pick<TicketEventData<"created">, "linkedTid" | "namedTid" | "namedReason" | "refused">;
  /** Files that were refused but did not stop the ticket (mail): the acknowledgement lists them. */
  refused?: { name: string; reason: string }[];
  /** False for mail that must not be answered automatically (auto-replies, bulk). */
  acknowledge: boolean;
  /** Matching public articles per language, found before the transaction; the acknowledgement lists those in the ticket's language. */
  articles?: AckArticlesByLocale;
}

export interface InsertedTicket { ticketId: number; tid: string; level: SlaLevelId; targetAt: Date | null; dueAt: Date | null; messageRowId: number }

/**
 * Writes a new ticket with everything that belongs to it, inside the caller's transaction: the
 * TID from the sequence, the level the sender is entitled to and its due times, the first message
 * and its files, the participants, the "created" event and the acknowledgement in the outbox.
 */
export async function insertTicket(tx: Tx, deps: Pick<Deps, "secret" | "config" | "now">, cal: BusinessCalendar, t: NewTicket): Promise<InsertedTicket> {
  const [created] = await insertTickets(tx, deps, cal, [t]);
  return created!;
}

type Drawn = { seq: string; ticket_id: string; licenses: LicenseMatch[] | string; remembered?: "en" | "de" | null };
type Planned = { t: NewTicket; ticketId: number; tid: string; level: SlaLevelId; licenseId: number | null; targetAt: Date | null; dueAt: Date | null };
type Written = Map<number, number>;

/**
 * insertTicket for several tickets with the same number of round trips as one (mail intake
 * writes the mails that arrive together in one transaction: bench/mail-inbound.ts). The answer
 * is in the order of `list`; TIDs are drawn in that order too.
 * Both statements take their rows from db/input-rows.ts: parameters for one, JSON for several.
 */
export async function insertTickets(tx: Tx, deps: Pick<Deps, "secret" | "config" | "now">, cal: BusinessCalendar, list: NewTicket[]): Promise<InsertedTicket[]> {
  if (!list.length) return [];
  const drawn = await drawTickets(tx, cal, list);
  const planned = list.map((t, i): Planned => {
    const next = drawn[i]!;
    const matches = typeof next.licenses === "string" ? (JSON.parse(next.licenses) as LicenseMatch[]) : next.licenses;
    const { level, licenseId } = levelFromLicenses(matches.map((m) => ({ ...m, id: Number(m.id) })), t.edition ?? undefined);
    const { targetAt, dueAt } = responseTimes(level, t.receivedAt, cal);
    const locale = t.remember ? (t.remember.chosen ?? next.remembered ?? t.locale) : t.locale;
    return { t: { ...t, locale }, ticketId: Number(next.ticket_id), tid: makeTid(next.seq), level, licenseId, targetAt, dueAt };
  });
  const { acks, silent } = announcements(deps, cal, planned);
  const messageIds = await writeTickets(tx, deps, planned, acks);
  return finish(tx, planned, messageIds, silent);
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What each ticket's TID and level are drawn from (db/input-rows.ts). */
const DRAW: readonly InputColumn<{ t: NewTicket; day: string }>[] = [
  ["ord", "int", (_, ord) => ord],
  ["email", "text", (r) => r.t.email.toLowerCase()],
  ["address", "text", (r) => r.t.email],
  ["day", "date", (r) => r.day],
  ["remember", "boolean", (r) => r.t.remember !== undefined],
];

/**
 * The TIDs, the ticket ids, the senders' licenses and remembered languages in one round trip: the
 * hot path of every intake. `offset 0` keeps the input order for nextval, so TIDs follow arrival.
 * The row id is drawn here too, so the acknowledgement and its event, which name it, are written
 * by the same statement as the ticket (writeTickets).
 */
async function drawTickets(tx: Tx, cal: BusinessCalendar, list: NewTicket[]): Promise<Drawn[]> {
  const input = inputRows(DRAW, list.map((t) => ({ t, day: localDate(t.receivedAt, cal.timeZone) })));
  const rows = rowsOf<Drawn & { ord: number }>(await tx.execute(sql`
    select x.ord, nextval('tid_seq')::text as seq, nextval(pg_get_serial_sequence('tickets', 'id'))::text as ticket_id,
      case when x.remember then (select locale from ${requesters} where email = x.address) end as remembered,
      coalesce((select json_agg(json_build_object('id', l.id, 'category', l.category, 'edition', l.edition))
        from ${licenseEmails} le join ${licenses} l on l.id = le.license_id
        where le.email = x.email and (l.support_until is null or l.support_until >= x.day)), '[]'::json) as licenses
    from (${input} order by ord offset 0) x`));
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
  return list.map((_, ord) => byOrd.get(ord)!);
}

/** The row each ticket is written from (db/input-rows.ts). */
const INPUT: readonly InputColumn<Planned>[] = [
  ["ord", "int", (_, ord) => ord],
  ["ticket_id", "bigint", (p) => p.ticketId],
  ["tid", "text", (p) => p.tid],
  ["channel", "text", (p) => p.t.channel],
  ["email", "text", (p) => p.t.email],
  ["name", "text", (p) => p.t.name ?? null],
  ["remember_locale", "text", (p) => p.t.remember?.chosen ?? null],
  ["site_id", "bigint", (p) => p.t.siteId ?? null],
  ["license_id", "bigint", (p) => p.licenseId],
  ["subject", "text", (p) => p.t.subject],
  ["description", "text", (p) => p.t.description],
  ["search_text", "text", (p) => searchText(p.t.subject, p.t.description)],
  ["steps", "text", (p) => p.t.steps ?? null],
  ["url", "text", (p) => p.t.url ?? null],
  ["doc_link", "text", (p) => p.t.docLink ?? null],
  ["product_version", "text", (p) => p.t.productVersion ?? null],
  ["edition", "text", (p) => p.t.edition ?? null],
  ["urgent", "boolean", (p) => p.t.urgent],
  ["environment", "jsonb", (p) => p.t.environment ?? null],
  ["locale", "text", (p) => p.t.locale],
  ["sla_level", "text", (p) => p.level],
  ["received_at", "timestamptz", (p) => iso(p.t.receivedAt)],
  ["target_at", "timestamptz", (p) => iso(p.targetAt)],
  ["due_at", "timestamptz", (p) => iso(p.dueAt)],
  // Mail's first message is its description: sent once, not twice.
  ["body", "text", (p) => (p.t.body === p.t.description ? null : p.t.body)],
  ["mail_message_id", "text", (p) => p.t.mailMessageId ?? null],
];

/**
 * Requesters, tickets, requester participants, first messages and the acknowledgements with their
 * events (services/mail/outbox.ts) in one statement: intake is the hottest path, and each separate
 * statement costs a round trip and its share of both processes' CPU (bench/intake.ts). One
 * requester row per address even when it sends twice in a batch (ON CONFLICT may touch a row only
 * once): its latest name. The answer is each ticket's first message, by ticket id.
 */
async function writeTickets(tx: Tx, deps: Pick<Deps, "secret" | "config" | "now">, planned: Planned[], acks: EnqueueItem[]): Promise<Written> {
  const mail = acks.length ? sql`, ${mailWrites(deps, acks).ctes}` : sql``;
  const created = rowsOf<{ ticket_id: string; message_id: string }>(await tx.execute(sql`
    with input as (${inputRows(INPUT, planned)}), r as (
      insert into ${requesters} (email, name, locale)
      select distinct on (email) email, name, remember_locale from input order by email, (name is null), ord desc
      on conflict (email) do update set name = coalesce(excluded.name, ${requesters}.name), locale = coalesce(excluded.locale, ${requesters}.locale)
      returning id, email
    ), tk as (
      insert into ${tickets} (id, tid, channel, requester_id, site_id, license_id, subject, description, search_text, steps, url, doc_link,
        product_version, edition, urgent, environment, locale, sla_level, received_at, sla_started_at, response_target_at,
        response_due_at, created_at, updated_at)
      select i.ticket_id, i.tid, i.channel, r.id, i.site_id, i.license_id, i.subject, i.description, i.search_text, i.steps, i.url, i.doc_link,
        i.product_version, i.edition, i.urgent, i.environment, i.locale, i.sla_level, i.received_at, i.received_at, i.target_at,
        i.due_at, i.received_at, i.received_at
      from input i join r on r.email = i.email order by i.ord
      returning id
    ), p as (
      insert into ${ticketParticipants} (ticket_id, email, role) select i.ticket_id, i.email, 'requester' from input i
    ), m as (
      insert into ${messages} (ticket_id, author_kind, author_email, channel, body, mail_message_id, created_at)
      select i.ticket_id, 'requester', i.email, i.channel, coalesce(i.body, i.description), i.mail_message_id, i.received_at
      from input i order by i.ord
      returning id, ticket_id
    )${mail}
    select tk.id::text as ticket_id, m.id::text as message_id from tk join m on m.ticket_id = tk.id`));
  return new Map(created.map((c) => [Number(c.ticket_id), Number(c.message_id)]));
}

/** The file rows of a ticket's first message: its attachments and the server configuration. */
function fileRows(t: NewTicket, ticketId: number, messageId: number): (typeof attachments.$inferInsert)[] {
  const rows: (typeof attachments.$inferInsert)[] = t.files.map((f) => ({
    ticketId, messageId, kind: "file" as const, fileName: f.name, contentType: f.mime, size: f.size, sha256: f.sha256,
  }));
  if (t.phpinfo) {
    rows.push({ ticketId, messageId, kind: "phpinfo", fileName: "phpinfo.txt", contentType: "text/plain; charset=utf-8", size: t.phpinfo.size, sha256: t.phpinfo.sha256 });
  }
  return rows;
}

/**
 * Each ticket's "created" event: with its acknowledgement, which the ticket's own statement
 * writes; or, for mail that must not be answered, alone with `mail: "not-sent"`.
 */
function announcements(deps: Pick<Deps, "secret" | "config" | "now">, cal: BusinessCalendar, planned: Planned[]): { acks: EnqueueItem[]; silent: NewTicketEvent[] } {
  const acks: EnqueueItem[] = [];
  const silent: NewTicketEvent[] = [];
  for (const { t, ticketId, tid, level, licenseId, dueAt } of planned) {
    const event = {
      ticketId, type: "created" as const, actor: `requester:${t.email}`,
      data: { channel: t.channel, slaLevel: level, urgent: t.urgent, licenseId, attachments: t.files.length + (t.phpinfo ? 1 : 0), ...t.eventData },
    };
    if (t.acknowledge) {
      acks.push({
        mail: acknowledgementMail(deps, {
          tid, ticketId, email: t.email, subject: t.subject, level, dueAt, timeZone: cal.timeZone, locale: t.locale, refused: t.refused ?? [],
          inReplyTo: t.mailMessageId ?? undefined, articles: t.articles?.[t.locale],
        }),
        event,
      });
    } else {
      silent.push({ ...event, createdAt: t.receivedAt, data: { ...event.data, mail: "not-sent" } });
    }
  }
  return { acks, silent };
}

/** What follows the rows of every ticket: copied participants, files and the events of unanswered mail. */
async function finish(tx: Tx, planned: Planned[], messageIds: Written, silent: NewTicketEvent[]): Promise<InsertedTicket[]> {
  const participants: (typeof ticketParticipants.$inferInsert)[] = [];
  const files: (typeof attachments.$inferInsert)[] = [];
  const results = planned.map(({ t, ticketId, tid, level, targetAt, dueAt }) => {
    const messageId = messageIds.get(ticketId)!;
    const cc = [...new Set((t.cc ?? []).map((e) => e.toLowerCase()))].filter((e) => e !== t.email);
    participants.push(...cc.map((email) => ({ ticketId, email, role: "cc" as const })));
    files.push(...fileRows(t, ticketId, messageId));
    return { ticketId, tid, level, targetAt, dueAt, messageRowId: messageId };
  });
  if (participants.length) await tx.insert(ticketParticipants).values(participants);
  if (files.length) await tx.insert(attachments).values(files);
  await recordEvents(tx, silent);
  return results;
}
