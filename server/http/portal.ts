import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { registerTicket } from "../services/tickets/intake";
import { fromAcceptLanguage } from "../../shared/locale";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { foundTicketSchema, myTicketListSchema } from "../../shared/api/session-responses";
import { findByTid, myTickets } from "../services/tickets/portal-tickets";
import { requireClient } from "./middleware/admin-auth";
import { withTicketBody } from "./ticket-body";
import { rateLimit } from "./middleware/rate-limit";
import { INTAKE_ERRORS, INTAKE_HEADERS, MULTIPART_LIMIT, ticketBodyContent } from "./tickets";
import { COMMON_ERRORS, errors, json, op, routes, security } from "./contract";

const GUARD_ERRORS = ["UNAUTHENTICATED", "FORBIDDEN", ...COMMON_ERRORS] as const;

const list = createRoute({
  ...op("get", "/tickets", "listMyTickets", "portal", "The signed-in client's tickets (and those of their license, for a contact)", security.client),
  responses: { 200: json(myTicketListSchema, "The tickets, newest first."), ...errors(...GUARD_ERRORS) },
});
const find = createRoute({
  ...op("get", "/find", "findMyTicket", "portal", "Find one of the client's tickets by its number; a typo gets suggestions", security.client),
  // Read as it comes: a number with a typo is answered with suggestions, not refused by a pattern.
  parameters: [{ name: "tid", in: "query", required: true, description: "A ticket number, with or without TID#.", schema: { type: "string" } }],
  responses: { 200: json(foundTicketSchema, "The ticket's number."), ...errors(...GUARD_ERRORS, "TID_INVALID", "NOT_FOUND") },
});
const register = createRoute({
  ...op("post", "/tickets", "registerPortalTicket", "portal", "A new ticket from the portal form; the sender is the signed-in client", security.clientWrite),
  parameters: INTAKE_HEADERS.filter((h) => h.name === "Idempotency-Key"),
  request: { body: { required: true, content: ticketBodyContent() } },
  responses: { 201: json(ticketCreatedSchema, "Registered."), ...errors(...GUARD_ERRORS, ...INTAKE_ERRORS, "CSRF_FAILED") },
});

/** The signed-in client's side: their tickets, find by TID, and a new ticket from the portal form. */
export function portalRoutes(deps: Deps) {
  const app = routes();
  const tooLarge = (): never => {
    throw new ApiError("PAYLOAD_TOO_LARGE", "The request is too large: attachments may total at most 25 MiB.");
  };
  const bodyOptions = {
    json: { limit: MULTIPART_LIMIT, tooLarge }, multipart: { tempDir: deps.config.uploadsTempDir, maxBodyBytes: MULTIPART_LIMIT, tooLarge },
    onRefused: (code: string) => deps.metrics.attachmentsRefused.inc({ code, channel: "portal" }),
  };
  app.use("*", requireClient());
  const email = (c: { get: (k: "principal") => unknown }) => (c.get("principal") as { email: string }).email;

  app.openapi(list, async (c) => c.json({ items: await myTickets(deps.db, email(c)) }, 200));
  app.openapi(find, async (c) => {
    const q = c.req.query("tid") ?? "";
    const r = await findByTid(deps.db, email(c), q);
    if (!r.valid) {
      throw new ApiError("TID_INVALID", r.suggestions.length
        ? `TID#${q.replace(/\D/g, "")} has a typing mistake: its check digit does not match. Did you mean ${r.suggestions.map((s) => `TID#${s}`).join(" or ")}?`
        : "This is not a valid ticket number: its check digit does not match. Please check it for a typo.", { field: "tid" });
    }
    if (!r.found) throw new ApiError("NOT_FOUND", "None of your tickets has this number.");
    return c.json({ tid: r.found, suggestions: [] as string[] }, 200);
  });
  app.openapi(
    {
      ...register,
      middleware: [
        rateLimit(deps, { name: "portal-intake", ...deps.config.intakeRateLimit, message: "Too many tickets in a short time. Please wait a moment and try again." }),
      ] as const,
    },
    async (c) => {
      // The body's limit is the body reader's (ticket-body.ts), which refuses a multipart body as it streams.
      const { ticket } = await withTicketBody(c, bodyOptions, ({ fields, files }) =>
        // The portal's sender is the signed-in client, whatever the form says.
        registerTicket(deps, { fields: { ...fields, email: email(c) }, files, channel: "portal", idempotencyKey: c.req.header("idempotency-key"), acceptLocale: fromAcceptLanguage(c.req.header("accept-language")) }));
      return c.json(ticket, 201);
    },
  );
  return app;
}
