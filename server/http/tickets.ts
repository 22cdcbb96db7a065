import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { registerTicket } from "../services/tickets/intake";
import { checkSite } from "../services/accounts/sites";
import { findTicketView, findAttachment } from "../services/tickets/ticket-view";
import type { TicketAccess } from "../services/tickets/ticket-access";
import { ticketRequest } from "./ticket-request";
import { rateLimit } from "./middleware/rate-limit";
import { withTicketBody } from "./ticket-body";
import { webStream } from "./web-stream";
import { fromAcceptLanguage } from "../../shared/locale";
import { ticketCreateFormSchema, ticketCreateSchema, ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { environmentSchema } from "../../shared/api/environment";
import { COMMON_ERRORS, bodyInline, bodyRef, errors, json, routes, security } from "./contract";

/** Whole multipart bodies: 25 MiB of files, 2 MiB of phpinfo, the text fields, and the framing. */
export const MULTIPART_LIMIT = 29 * 1024 * 1024;
export const JSON_LIMIT = 3 * 1024 * 1024;

/** A TID in the path. Checked by tidParam (TID_INVALID, after access), so the schema only describes it. */
export const tidPath = z.string().openapi({ param: { name: "tid", in: "path" }, pattern: "^[0-9]{7,18}$", example: "1000015", description: "The ticket number; the last digit is a Damm check digit." });

/** The registration headers, documented only: registerTicket and the site check judge them. */
export const INTAKE_HEADERS = [
  { name: "Idempotency-Key", in: "header" as const, required: false, description: "The same key with the same body within 24 h answers the same ticket; with another body 409 IDEMPOTENCY_CONFLICT.", schema: { type: "string" as const, minLength: 8, maxLength: 200, pattern: "^[\\x21-\\x7e]+$" } },
  { name: "X-Tidings-Site", in: "header" as const, required: false, description: "The site key of an embedded widget; the request's Origin must be one the site allows.", schema: { type: "string" as const } },
];

/** The registration body, read by readTicketBody (its own limits and errors), so documented by reference. */
export function ticketBodyContent() {
  // Named on its own, so the field's description sits beside a reference to it.
  bodyRef("Environment", environmentSchema);
  return {
    "application/json": { schema: bodyRef("TicketCreate", ticketCreateSchema) },
    "multipart/form-data": { schema: bodyInline("TicketCreateForm", ticketCreateFormSchema) },
  };
}

export const INTAKE_ERRORS = [
  "VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "BMP_NOT_ARCHIVED", "UNSUPPORTED_ATTACHMENT", "ATTACHMENT_TOO_LARGE",
  "TOO_MANY_ATTACHMENTS", "ARCHIVE_REJECTED", "IDEMPOTENCY_CONFLICT", "RATE_LIMITED", ...COMMON_ERRORS,
] as const;

const register = createRoute({
  method: "post",
  path: "/",
  operationId: "registerTicket",
  tags: ["intake"],
  summary: "Register a support ticket",
  description: "JSON (no files) or multipart/form-data with attachments, judged by their bytes (CONTRACT §3).",
  security: security.public,
  parameters: INTAKE_HEADERS,
  request: { body: { required: true, content: ticketBodyContent() } },
  responses: {
    201: { ...json(ticketCreatedSchema, "Registered, or the ticket an earlier request with the same Idempotency-Key registered (then Idempotent-Replayed: true)."), headers: { Location: { description: "The ticket's address.", schema: { type: "string" } } } },
    ...errors(...INTAKE_ERRORS, "ORIGIN_NOT_ALLOWED", "SITE_UNKNOWN", "SITE_DISABLED"),
  },
});

const TICKET_READ_ERRORS = ["UNAUTHENTICATED", "TID_INVALID", "NOT_FOUND", "LINK_INVALID", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS] as const;

const read = createRoute({
  method: "get",
  path: "/{tid}",
  operationId: "getTicket",
  tags: ["tickets"],
  summary: "A ticket with its messages and attachment metadata",
  description: "For the admin token, a staff session, or the requester (session or the signed link from their mail). Staff also get `assignee` and `environment`.",
  security: security.ticket,
  request: { params: z.object({ tid: tidPath }) },
  responses: { 200: json(ticketViewSchema, "The ticket."), ...errors(...TICKET_READ_ERRORS) },
});

const attachment = createRoute({
  method: "get",
  path: "/{tid}/attachments/{id}",
  operationId: "getTicketAttachment",
  tags: ["tickets"],
  summary: "An attachment's bytes, always as a download",
  security: security.ticket,
  request: { params: z.object({ tid: tidPath, id: z.string().openapi({ format: "uuid" }) }) },
  responses: {
    200: { description: "The bytes, with Content-Disposition: attachment and X-Content-Type-Options: nosniff.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
    ...errors(...TICKET_READ_ERRORS),
  },
});

export function ticketRoutes(deps: Deps) {
  const app = routes();
  const tooLarge = () => {
    throw new ApiError("PAYLOAD_TOO_LARGE", "The request is too large: attachments may total at most 25 MiB, and a JSON body at most 3 MiB.");
  };
  // Both bodies are read under their limits by the body reader itself (ticket-body.ts): a JSON
  // body straight from the socket (cheaper), a multipart one as it streams to temporary files.
  const bodyOptions = { json: { limit: JSON_LIMIT, tooLarge }, multipart: { tempDir: deps.config.uploadsTempDir, maxBodyBytes: MULTIPART_LIMIT, tooLarge } };

  app.openapi(
    {
      ...register,
      middleware: [
        rateLimit(deps, { name: "intake", ...deps.config.intakeRateLimit, message: "Too many tickets from your address in a short time. Please wait a moment and try again." }),
      ] as const,
    },
    async (c) => {
      const siteKey = c.req.header("x-tidings-site");
      const site = siteKey ? await checkSite(deps.db, siteKey, c.req.header("origin")) : null;
      const siteId = site?.id ?? null;
      const idempotencyKey = c.req.header("idempotency-key");
      const channel = siteId ? "widget" : "api";
      const onRefused = (code: string) => deps.metrics.attachmentsRefused.inc({ code, channel });
      const { ticket, replayed } = await withTicketBody(c, { ...bodyOptions, onRefused }, ({ fields, files }) => registerTicket(deps, {
        fields, files, channel, siteId, ackArticles: site?.ackArticles, idempotencyKey, acceptLocale: fromAcceptLanguage(c.req.header("accept-language")),
      }));
      if (replayed) c.header("Idempotent-Replayed", "true");
      c.header("Location", `/api/v1/tickets/${ticket.tid}`);
      return c.json(ticket, 201);
    },
  );

  app.openapi(read, async (c) => {
    const { tid, role, token } = await authorize(c, deps);
    const view = await findTicketView(deps.db, tid, { includeInternal: role === "staff", token });
    if (!view) throw notFound(tid);
    return c.json(view, 200);
  });

  app.openapi(attachment, async (c) => {
    const { tid, role } = await authorize(c, deps);
    const found = await findAttachment(deps.db, tid, c.req.param("id"), role === "staff");
    if (!found) throw new ApiError("NOT_FOUND", "This ticket has no such attachment.");
    const blob = await deps.blobs.get(found.sha256);
    if (!blob) throw new ApiError("NOT_FOUND", "The attachment's bytes are no longer stored.");
    // Streamed from the store: a 10 MiB download holds a chunk at a time, not the file.
    return new Response(webStream(blob.stream), {
      headers: {
        "Content-Type": found.contentType,
        "Content-Length": String(blob.size),
        "Content-Disposition": contentDisposition(found.fileName),
        "X-Content-Type-Options": "nosniff",
        // Even if a browser were tricked into rendering it, nothing in it may run or load.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  });

  return app;
}
async function authorize(c: Context, deps: Deps): Promise<TicketAccess & { token?: string }> {
  const token = c.req.query("token");
  const access = await ticketRequest(c, deps, token, "Sign in, or open the link from your acknowledgement mail, to see this ticket.");
  return { ...access, token: access.role === "staff" ? undefined : token };
}

function notFound(tid: string) {
  return new ApiError("NOT_FOUND", `There is no ticket TID#${tid}.`);
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
