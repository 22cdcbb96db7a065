import { z } from "zod";
import { environmentSchema } from "./environment";
import { TICKET_STATUSES } from "../ticket-status";
import { at } from "./instant";

/** GET /api/v1/tickets/:tid: an attachment's metadata; `url` fetches its bytes. */
export const attachmentViewSchema = z
  .object({
    id: z.string(),
    messageId: z.number().int().nullable(),
    kind: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    createdAt: at,
    url: z.string(),
  })
  .meta({ id: "AttachmentView" });

/** One message of the correspondence (CONTRACT §3: every message between client and staff). */
export const messageViewSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    authorKind: z.string(),
    authorEmail: z.string().nullable(),
    visibility: z.string(),
    channel: z.string().nullable(),
    body: z.string(),
    createdAt: at,
    attachmentIds: z.array(z.string()),
  })
  .meta({ id: "MessageView" });

/** The ticket as its reader may see it; `assignee` and `environment` only for staff. */
export const ticketViewSchema = z
  .object({
    tid: z.string(),
    status: z.enum(TICKET_STATUSES),
    channel: z.string(),
    subject: z.string(),
    description: z.string(),
    steps: z.string().nullable(),
    url: z.string().nullable(),
    productVersion: z.string().nullable(),
    edition: z.string().nullable(),
    urgent: z.boolean(),
    locale: z.string().nullable(),
    assignee: z.string().nullable().optional(),
    environment: environmentSchema.nullable().optional(),
    slaLevel: z.string(),
    receivedAt: at,
    responseTargetAt: at.nullable(),
    responseDueAt: at.nullable(),
    firstResponseAt: at.nullable(),
    answeredAt: at.nullable(),
    slaStartedAt: at,
    requester: z.object({ email: z.string(), name: z.string().nullable() }),
    messages: z.array(messageViewSchema),
    attachments: z.array(attachmentViewSchema),
  })
  .meta({ id: "TicketView" });
export type TicketView = z.output<typeof ticketViewSchema>;
