import { createRoute, z } from "@hono/zod-openapi";
import { heldMailListSchema, spamReleasedSchema } from "../../shared/api/console-responses";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { listHeldMail, releaseSpam } from "../services/mail/spam";
import { ADMIN_ERRORS } from "./admin-lists";
import { errors, json, op, routes, security } from "./contract";
import { numericIdPath, queried } from "./route-shapes";

const inbound = createRoute({
  ...op("get", "/inbound", "listHeldMail", "mail", "Inbound mail held back: spam, rejected, ignored or bounces", security.admin),
  ...queried(z.object({ outcome: z.enum(["spam", "rejected", "ignored", "bounce"]).default("spam") }), { 200: json(heldMailListSchema, "The mails, newest first.") }, ADMIN_ERRORS),
});
const release = createRoute({
  ...op("post", "/spam/{id}/release", "releaseSpam", "mail", "Take a mail out of spam and process it as if it had just arrived", security.adminWrite),
  request: { params: numericIdPath() },
  responses: { 200: json(spamReleasedSchema, "What processing it gave."), ...errors(...ADMIN_ERRORS, "VALIDATION_FAILED", "NOT_FOUND", "NOT_ALLOWED_NOW") },
});

/** The spam folder and the inbound log for admins (mounted inside the admin routes). */
export function adminMailRoutes(deps: Deps) {
  const app = routes();
  app.openapi(inbound, async (c) => c.json({ items: await listHeldMail(deps, c.req.valid("query").outcome) }, 200));
  app.openapi(release, async (c) => {
    const id = z.coerce.number().int().positive().parse(c.req.param("id"));
    return c.json(await releaseSpam(deps, id, actorOf(c.get("principal"))), 200);
  });
  return app;
}
