import { createRoute, z } from "@hono/zod-openapi";
import { suppressedAddressSchema, suppressionListQuerySchema } from "../../shared/api/suppressions";
import { mailAlertListSchema, suppressionLiftedSchema, suppressionListSchema } from "../../shared/api/console-responses";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { listMailAlerts } from "../services/mail/mail-alerts";
import { liftSuppression, listSuppressions } from "../services/mail/suppressions";
import { ADMIN_ERRORS } from "./admin-lists";
import { errors, json, op, pathText, routes, security } from "./contract";
import { queried } from "./route-shapes";

const list = createRoute({
  ...op("get", "/suppressions", "listSuppressions", "mail", "Addresses no automatic mail goes to, with the failure and the mail that caused it, newest first", security.admin),
  ...queried(suppressionListQuerySchema, { 200: json(suppressionListSchema, "The suppressed addresses.") }, ADMIN_ERRORS),
});
const lift = createRoute({
  ...op("delete", "/suppressions/{address}", "liftSuppression", "mail", "Lift a suppression (recorded with the actor); re-queues the newest 10 mails held back for the address", security.adminWrite),
  request: { params: z.object({ address: pathText("The email address.", { format: "email" }) }) },
  responses: { 200: json(suppressionLiftedSchema, "Lifted."), ...errors(...ADMIN_ERRORS, "VALIDATION_FAILED", "NOT_FOUND") },
});
const alerts = createRoute({
  ...op("get", "/mail/alerts", "listMailAlerts", "mail", "Delivery failures of the last 7 days whose fault is in our setup or on the way", security.admin),
  responses: { 200: json(mailAlertListSchema, "The alerts."), ...errors(...ADMIN_ERRORS) },
});

/** The suppression list (see and lift) and the mail setup alerts, for admins (mounted inside the admin routes). */
export function adminSuppressionRoutes(deps: Deps) {
  const app = routes();
  app.openapi(list, async (c) => c.json({ items: await listSuppressions(deps, c.req.valid("query")) }, 200));
  app.openapi(lift, async (c) =>
    c.json(await liftSuppression(deps, suppressedAddressSchema.parse(c.req.param("address")), actorOf(c.get("principal"))), 200));
  app.openapi(alerts, async (c) => c.json({ items: await listMailAlerts(deps) }, 200));
  return app;
}
