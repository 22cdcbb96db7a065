import { createRoute, z } from "@hono/zod-openapi";
import { heldMailListSchema, spamReleasedSchema } from "../../shared/api/console-responses";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { listHeldMail, releaseSpam } from "../services/mail/spam";
import { ADMIN_ERRORS } from "./admin-lists";
import { errors, json, op, pathText, routes, security } from "./contract";

const inbound = createRoute({
  ...op("get", "/inbound", "listHeldMail", "mail", "Inbound mail held back: spam, rejected, ignored or bounces", security.admin),
  request: { query: z.object({ outcome: z.enum(["spam", "rejected", "ignored", "bounce"]).default("spam") }) },
  responses: { 200: json(heldMailListSchema, "The mails, newest first."), ...errors(...ADMIN_ERRORS, "VALIDATION_FAILED") },
});
const release = createRoute({
  ...op("post", "/spam/{id}/release", "releaseSpam", "mail", "Take a mail out of spam and process it as if it had just arrived", security.adminWrite),
  request: { params: z.object({ id: pathText("A positive whole number.", { pattern: "^[0-9]+$" }) }) },
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
