import { z } from "zod";
import { CREDENTIAL_KINDS } from "./accounts";
import { ticketEventViewSchema } from "../events";
import { at } from "./instant";

/**
 * Answers of the routes on one ticket (server/http/conversation.ts, ticket-actions.ts). Statuses
 * and levels are plain strings here; their vocabulary lives in shared/ beside the state model.
 */
const dueAt = at.nullable();

export const messageAddedSchema = z.object({ tid: z.string().optional(), messageId: z.number().int(), status: z.string().optional(), mailed: z.number().int().optional() }).meta({ id: "MessageAdded" });
export const reopenedSchema = z.object({ tid: z.string(), status: z.string(), responseDueAt: dueAt }).meta({ id: "Reopened" });
export const ratingStateSchema = z.object({ tid: z.string(), score: z.number().int(), confirmed: z.boolean() }).meta({ id: "RatingState" });
export const escalationCreatedSchema = z.object({ id: z.number().int(), tid: z.string(), target: z.enum(["supervisor", "account-manager"]) }).meta({ id: "EscalationCreated" });

const credentialKind = z.enum(CREDENTIAL_KINDS);
export const credentialRefSchema = z.object({ id: z.string(), kind: credentialKind, label: z.string() }).meta({ id: "CredentialRef" });
export const credentialListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), kind: credentialKind, label: z.string(), createdBy: z.string(), createdAt: at })) })
  .meta({ id: "CredentialList" });
/** The revealed secret itself; no cache may keep the answer. */
export const credentialRevealedSchema = credentialRefSchema
  .extend({ host: z.string().nullable().optional(), username: z.string().nullable().optional(), secret: z.string().nullable().optional(), notes: z.string().nullable().optional() })
  .catchall(z.string().nullable())
  .meta({ id: "CredentialRevealed" });

export const statusChangedSchema = z.object({ tid: z.string(), status: z.string(), responseTargetAt: dueAt, responseDueAt: dueAt }).meta({ id: "StatusChanged" });
export const levelChangedSchema = statusChangedSchema.extend({ slaLevel: z.string() }).meta({ id: "LevelChanged" });
/** Each entry typed by its event type (shared/events.ts): the console's history reads the data fields. */
export const ticketEventsSchema = z.object({ items: z.array(ticketEventViewSchema) }).meta({ id: "TicketEvents" });
export const slaExplanationSchema = z
  .object({
    tid: z.string(), level: z.string(), levelLabel: z.string(), startedAt: at, targetAt: dueAt, dueAt, paused: z.boolean(),
    firstResponseAt: dueAt, trace: z.array(z.string()), developmentHandOver: z.enum(["available", "n/a"]),
  })
  .meta({ id: "SlaExplanation" });
export const phpinfoTableSchema = z
  .object({ tid: z.string(), sections: z.array(z.object({ name: z.string(), rows: z.array(z.object({ key: z.string(), value: z.string(), master: z.string().optional() })) })) })
  .meta({ id: "PhpinfoTable" });
export const assignedSchema = z.object({ tid: z.string(), assignee: z.string().nullable() }).meta({ id: "Assigned" });
