import { z } from "zod";
import { STAFF_ROLES } from "../roles";
import { TICKET_STATUSES } from "../ticket-status";

/** Who is asking (shared/principal.ts), as the auth routes answer it. */
export const principalSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("anonymous") }),
    z.object({ kind: z.literal("admin-token"), via: z.literal("cli").optional() }),
    z.object({ kind: z.literal("staff"), id: z.number().int(), email: z.string(), role: z.enum(STAFF_ROLES), name: z.string().nullable(), mustChangePassword: z.boolean().optional() }),
    z.object({ kind: z.literal("client"), email: z.string() }),
  ])
  .meta({ id: "Principal" });

/** A new session: the cookie is set, and the CSRF token every write with it must carry. */
export const signedInSchema = z.object({ principal: principalSchema, csrfToken: z.string(), next: z.string().optional() }).meta({ id: "SignedIn" });
export const meSchema = z.object({ principal: principalSchema, csrfToken: z.string().nullable() }).meta({ id: "Me" });
export const setupUsableSchema = z.object({ usable: z.boolean() }).meta({ id: "SetupUsable" });
export const passwordChangedSchema = z.object({ changed: z.boolean() }).meta({ id: "PasswordChanged" });
export const linkSentSchema = z.object({ sent: z.literal(true), message: z.string() }).meta({ id: "LinkSent" });
export const signedOutSchema = z.object({ signedOut: z.literal(true) }).meta({ id: "SignedOut" });

/** The portal: the client's own tickets, and finding one by its number. */
export const myTicketListSchema = z
  .object({
    items: z.array(z.object({
      tid: z.string(), subject: z.string(), status: z.enum(TICKET_STATUSES), slaLevel: z.string(), urgent: z.boolean(), requester: z.string(), mine: z.boolean(),
      receivedAt: z.string(), updatedAt: z.string(), responseDueAt: z.string().nullable(), firstResponseAt: z.string().nullable(), answeredAt: z.string().nullable(),
    })),
  })
  .meta({ id: "MyTicketList" });
export const foundTicketSchema = z.object({ tid: z.string(), suggestions: z.array(z.string()) }).meta({ id: "FoundTicket" });

/** The widget's first question: may this page send reports? */
export const widgetAcceptedSchema = z.object({ accepted: z.literal(true) }).meta({ id: "WidgetAccepted" });
