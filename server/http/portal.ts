import { Hono } from "hono";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { registerTicket } from "../services/intake";
import { fromAcceptLanguage } from "../../shared/locale";
import { findByTid, myTickets } from "../services/portal-tickets";
import { requireClient } from "./middleware/admin-auth";
import { readTicketBody } from "./ticket-body";
import { bodyLimit } from "hono/body-limit";
import { rateLimit } from "./middleware/rate-limit";
import { MULTIPART_LIMIT } from "./tickets";

/** The signed-in client's side: their tickets, find by TID, and a new ticket from the portal form. */
export function portalRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireClient());
  const email = (c: { get: (k: "principal") => unknown }) => (c.get("principal") as { email: string }).email;

  app.get("/tickets", async (c) => c.json({ items: await myTickets(deps.db, email(c)) }));
  app.get("/find", async (c) => {
    const q = c.req.query("tid") ?? "";
    const r = await findByTid(deps.db, email(c), q);
    if (!r.valid) {
      throw new ApiError("TID_INVALID", r.suggestions.length
        ? `TID#${q.replace(/\D/g, "")} has a typing mistake: its check digit does not match. Did you mean ${r.suggestions.map((s) => `TID#${s}`).join(" or ")}?`
        : "This is not a valid ticket number: its check digit does not match. Please check it for a typo.", { field: "tid" });
    }
    if (!r.found) throw new ApiError("NOT_FOUND", "None of your tickets has this number.");
    return c.json({ tid: r.found, suggestions: [] });
  });
  app.post("/tickets", rateLimit({ ...deps.config.intakeRateLimit, trustProxy: deps.config.trustProxy, message: "Too many tickets in a short time. Please wait a moment and try again." }),
    bodyLimit({ maxSize: MULTIPART_LIMIT, onError: () => { throw new ApiError("PAYLOAD_TOO_LARGE", "The request is too large: attachments may total at most 25 MiB."); } }),
    async (c) => {
    const { fields, files } = await readTicketBody(c);
    // The portal's sender is the signed-in client, whatever the form says.
    const { ticket } = await registerTicket(deps, { fields: { ...fields, email: email(c) }, files, channel: "portal", idempotencyKey: c.req.header("idempotency-key"), acceptLocale: fromAcceptLanguage(c.req.header("accept-language")) });
    return c.json(ticket, 201);
    });
  return app;
}
