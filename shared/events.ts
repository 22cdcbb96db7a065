/**
 * The audit trail's vocabulary (ticket_events): every event type with the schema of its `data`.
 * The server writes an event only through one helper typed by this union (server/services/
 * ticket-events.ts), the API's event list is typed by it, and the console's history reads it.
 * Types and fields are stored, so once published they keep their meaning: add a field as
 * optional, never rename one (rows written before a field existed lack it).
 */
import { z } from "zod";
import { CHANNELS } from "./channels";
import { ESCALATION_TARGETS } from "./roles";
import { SLA_LEVEL_IDS, type SlaLevelId } from "./sla";
import { TICKET_STATUSES } from "./ticket-status";
import { CREDENTIAL_KINDS } from "./api/accounts";

/** An instant as ISO 8601, or null where there is none (a stopped clock has no due time). */
const instant = z.string().nullable();
const slaLevelId = z.enum(SLA_LEVEL_IDS as [SlaLevelId, ...SlaLevelId[]]);
const status = z.enum(TICKET_STATUSES);
const refusedFile = z.object({ name: z.string(), reason: z.string(), code: z.string().optional() });

/** What became of the mail written beside an event; the outbox statement adds it (services/mail/outbox.ts). */
const MAIL_OUTCOMES = ["queued", "suppressed", "capped", "not-sent"] as const;

const statusMove = z.object({ from: status, to: status, reason: z.string().nullable(), responseTargetAt: instant, responseDueAt: instant });
const levelMove = z.object({
  from: z.string(), to: slaLevelId, reason: z.string(), targetVersion: z.string().nullable(),
  /** A supervisor handed a ticket over that the client is not entitled to (SLA 2.6). */
  override: z.literal("non-commercial").optional(),
  responseTargetAt: instant, responseDueAt: instant,
});
const slaAlert = z.object({ slaLevel: z.string(), passedAt: instant });

/** The calendar change that moved a running clock (services/calendar/calendar-change.ts). */
const calendarCauseSchema = z.discriminatedUnion("cause", [
  z.object({ cause: z.enum(["holiday-added", "holiday-renamed", "holiday-removed"]), date: z.string(), name: z.string() }),
  z.object({ cause: z.literal("holidays-imported"), added: z.number(), updated: z.number() }),
  z.object({ cause: z.enum(["closure-added", "closure-removed"]), name: z.string(), startsAt: z.string(), endsAt: z.string() }),
]);
export type CalendarCause = z.output<typeof calendarCauseSchema>;
const WITHDRAWN_ALERTS = ["warning", "breach"] as const;
export type WithdrawnAlert = (typeof WITHDRAWN_ALERTS)[number];

/** Facts the "created" event may add about a mail (services/mail/inbound-store.ts). */
const createdFromMail = {
  /** The reply came to a ticket closed too long ago, so it became this new one. */
  linkedTid: z.string().optional(),
  /** A TID the subject named that could not thread the mail, and why. */
  namedTid: z.string().optional(),
  namedReason: z.string().nullable().optional(),
  refused: z.array(refusedFile).optional(),
};

export const TICKET_EVENT_DATA = {
  created: z.object({
    channel: z.enum(CHANNELS), slaLevel: slaLevelId, urgent: z.boolean(), licenseId: z.number().nullable(), attachments: z.number().int(),
    mail: z.enum(MAIL_OUTCOMES).optional(), ...createdFromMail,
  }),
  "message-added": z.object({
    channel: z.enum(CHANNELS), messageId: z.number(), attachments: z.number().int(), automatic: z.boolean(), refused: z.array(refusedFile),
  }),
  "staff-replied": z.object({ messageId: z.number() }),
  "internal-note": z.object({ messageId: z.number() }),
  "status-changed": statusMove,
  reopened: statusMove,
  "level-changed": levelMove,
  "handed-to-development": levelMove,
  assigned: z.object({ to: z.string().nullable() }),
  escalated: z.object({ target: z.enum(ESCALATION_TARGETS), reason: z.string(), escalationId: z.number() }),
  "escalation-handled": z.object({ escalationId: z.number(), target: z.enum(ESCALATION_TARGETS), note: z.string().nullable() }),
  rated: z.object({ score: z.number().int(), comment: z.string().nullable().optional() }),
  "credentials-added": z.object({ credentialId: z.string(), kind: z.enum(CREDENTIAL_KINDS), label: z.string() }),
  "credentials-revealed": z.object({ credentialId: z.string(), label: z.string() }),
  "credentials-destroyed": z.object({ count: z.number().int() }),
  "sla-warning": slaAlert,
  "sla-breach": slaAlert,
  "sla-recomputed": z.intersection(calendarCauseSchema, z.object({
    previousTargetAt: instant, previousDueAt: instant, responseTargetAt: instant, responseDueAt: instant,
    withdrawn: z.array(z.enum(WITHDRAWN_ALERTS)),
  })),
  "mail-retried": z.object({ outboxId: z.number(), to: z.string(), kind: z.string(), reason: z.string().optional() }),
  "mail-rejected": z.object({ outboxId: z.number(), to: z.string(), error: z.string(), kind: z.string(), suppressed: z.boolean() }),
  "mail-bounced": z.object({ outboxId: z.number(), to: z.string(), status: z.string().nullable().optional(), permanent: z.boolean(), kind: z.string(), suppressed: z.boolean() }),
} as const satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type TicketEventType = keyof typeof TICKET_EVENT_DATA;
export const TICKET_EVENT_TYPES = Object.keys(TICKET_EVENT_DATA) as TicketEventType[];
export type TicketEventData<T extends TicketEventType> = z.output<(typeof TICKET_EVENT_DATA)[T]>;

/** An event's type with the data that type carries: a discriminated union on `type`. */
export type TypedTicketEvent = { [T in TicketEventType]: { type: T; data: TicketEventData<T> } }[TicketEventType];

/** One entry of a ticket's history as the API lists it (GET …/tickets/:tid/events). */
export type TicketEventView = TypedTicketEvent & { id: number; actor: string; at: string };

const eventVariant = (type: TicketEventType) =>
  z.object({ id: z.number(), type: z.literal(type), actor: z.string(), data: TICKET_EVENT_DATA[type], at: z.string() });

/** The schema of one history entry; the list's response schema is built from it. */
export const ticketEventViewSchema = z.discriminatedUnion(
  "type",
  TICKET_EVENT_TYPES.map(eventVariant) as unknown as [ReturnType<typeof eventVariant>, ...ReturnType<typeof eventVariant>[]],
) as unknown as z.ZodType<TicketEventView>;

/** Checks an event's data against its type's schema; throws a ZodError naming the field that is wrong. */
export function checkEventData(event: TypedTicketEvent): void {
  TICKET_EVENT_DATA[event.type].parse(event.data);
}
