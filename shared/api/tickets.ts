import { z } from "zod";
import { EDITIONS, HTTP_URL_PATTERN, LIMITS, PRODUCT_VERSION_PATTERN, type Edition } from "../limits";
import { LOCALES } from "../locale";
import { environmentField } from "./environment";
import { withoutControls } from "../text-controls";

/**
 * The ticket registration contract (CONTRACT §3), shared by the server, the widget and the portal
 * so that a field the widget can send is a field the server accepts.
 */
export { LIMITS, EDITIONS, type Edition };

/** Multipart sends every field as text; JSON may send real booleans. Both mean the same. */
const flag = z
  .union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0", "yes", "no", ""])])
  .transform((v) => v === true || v === "true" || v === "on" || v === "1" || v === "yes");

/**
 * Text fields lose surrounding white space and control characters other than tab and newline.
 * Line ends become "\n": browsers send a form's text as CRLF (the multipart encoding), curl and
 * JSON clients as LF, and a ticket should read the same either way.
 */
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => withoutControls(s.replace(/\r\n?/g, "\n")).trim());

const optionalText = (max: number) =>
  text(max).optional().transform((s) => (s ? s : undefined));

export const ticketCreateSchema = z.object({
  email: z.string().trim().max(LIMITS.email).pipe(z.email("must be a valid email address")).transform((s) => s.toLowerCase()),
  name: optionalText(LIMITS.name),
  subject: optionalText(LIMITS.subject),
  description: text(LIMITS.description).pipe(z.string().min(1, "must describe the problem")),
  steps: optionalText(LIMITS.steps),
  url: optionalText(LIMITS.url).pipe(
    z.string().refine((u) => HTTP_URL_PATTERN.test(u), "must be an http or https address").optional(),
  ),
  productVersion: optionalText(LIMITS.productVersion).pipe(
    z.string().regex(PRODUCT_VERSION_PATTERN, "must be a version like 24.100.0").optional(),
  ),
  edition: z.enum(EDITIONS, { message: "must be cloud or self-hosted" }).optional(),
  urgent: flag.optional().default(false),
  /** The language of the page the client wrote on (widget, portal); wins over Accept-Language. */
  locale: z.enum(LOCALES, { message: "must be en or de" }).optional(),
  phpinfo: z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= LIMITS.phpinfoBytes, "is larger than 2 MiB")
    .optional()
    .transform((s) => (s && s.trim() ? s.replace(/\r\n?/g, "\n") : undefined)),
  /** The browser details (CONTRACT §9): an object, or in multipart a text part holding its JSON. */
  environment: environmentField,
}).meta({ id: "TicketCreate" });

/**
 * The same fields as a multipart/form-data body, for the OpenAPI document: every part is text,
 * `environment` a text part holding the Environment object as JSON, `attachments` the files.
 */
export const ticketCreateFormSchema = ticketCreateSchema
  .extend({
    environment: z.string().optional().meta({ description: "In multipart: a text part holding the Environment object as JSON." }),
    attachments: z.array(z.string().meta({ format: "binary" })).max(10).optional().meta({ description: "The files, one part each (at most 10, 25 MiB in all)." }),
  })
  .meta({ id: "TicketCreateForm" });

export type TicketCreateInput = z.input<typeof ticketCreateSchema>;
export type TicketCreate = z.output<typeof ticketCreateSchema>;

export const ticketCreatedSchema = z.object({
  tid: z.string(),
  status: z.literal("new"),
  slaLevel: z.string(),
  responseTargetAt: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  receivedAt: z.string(),
}).meta({ id: "TicketCreated" });
export type TicketCreated = z.output<typeof ticketCreatedSchema>;

/** Makes a subject from the description when the client gave none: its first line, shortened. */
export function deriveSubject(description: string): string {
  const firstLine = description.split(/\r?\n/).find((l) => l.trim()) ?? description;
  const clean = firstLine.replace(/\s+/g, " ").trim();
  return clean.length <= 80 ? clean : `${clean.slice(0, 77).trimEnd()}…`;
}
