import { z } from "zod";
import { ENVIRONMENT_LIMITS as L } from "../limits";

/**
 * The client's browser environment (CONTRACT §9, SLA 4.2), as the widget sends it in the field
 * `environment` and as staff read it back. Everything is optional: an API client may know only a
 * part. Unknown keys are dropped (zod's default), so a newer widget never gets a ticket refused.
 * Addresses lose their query and fragment here too, whoever sent them: they often carry tokens.
 */
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const address = text(L.url).transform((u) => u.replace(/[?#][\s\S]*$/, ""));
const at = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time" }).optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).max(L.entries, `must hold at most ${L.entries} entries`);
const nameVersion = z.object({ name: text(L.short).optional(), version: text(L.short).optional() });
const size = z.number().int("must be a whole number").min(0).max(1_000_000);

export const ENVIRONMENT_ERROR_KINDS = ["error", "rejection", "console"] as const;

export const environmentSchema = z.object({
  /** As the browser sent it; the server names browser and system from it where they are missing. */
  userAgent: text(L.userAgent).optional(),
  browser: nameVersion.optional(),
  os: nameVersion.optional(),
  viewport: z.object({ width: size.optional(), height: size.optional(), pixelRatio: z.number().positive().max(100).optional() }).optional(),
  languages: z.array(text(L.short)).max(L.languages, `must name at most ${L.languages} languages`).optional(),
  timeZone: text(L.short).optional(),
  /** The page the report was sent from, without its query. */
  page: address.optional(),
  /** The last console errors, uncaught errors and unhandled rejections, oldest first. */
  errors: list(z.object({ kind: z.enum(ENVIRONMENT_ERROR_KINDS), message: text(L.message), stack: text(L.stack).optional(), at })).optional(),
  /** The last failed requests (status 400 and above, or 0 when no answer came), oldest first. */
  requests: list(z.object({ method: text(L.short), url: address, status: z.number().int().min(0).max(999), at })).optional(),
}).meta({ id: "Environment" });

export type Environment = z.output<typeof environmentSchema>;

/**
 * The field as the API takes it: an object in JSON bodies, JSON text in a multipart part. An empty
 * part, null or an empty object mean "no environment".
 */
export const environmentField = z
  .preprocess((v, ctx) => {
    if (typeof v !== "string") return v ?? undefined;
    if (!v.trim()) return undefined;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.issues.push({ code: "custom", message: "must be JSON text holding an object of browser details", input: v });
      return z.NEVER;
    }
  }, environmentSchema.meta({ id: "Environment", description: "The client's browser details (CONTRACT §9); staff read them back in GET /api/v1/tickets/{tid}. Unknown keys are dropped; addresses lose their query." }).optional())
  .transform((e) => (e && Object.values(e).some((v) => v !== undefined) ? e : undefined));
