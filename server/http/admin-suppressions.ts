import { Hono } from "hono";
import { suppressedAddressSchema, suppressionListQuerySchema } from "../../shared/api/suppressions";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { listMailAlerts } from "../services/mail-alerts";
import { liftSuppression, listSuppressions } from "../services/suppressions";

/** The suppression list (see and lift) and the mail setup alerts, for admins (mounted inside the admin routes). */
export function adminSuppressionRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/suppressions", async (c) => c.json({ items: await listSuppressions(deps, suppressionListQuerySchema.parse(c.req.query())) }));
  app.delete("/suppressions/:address", async (c) =>
    c.json(await liftSuppression(deps, suppressedAddressSchema.parse(c.req.param("address")), actorOf(c.get("principal")))));
  app.get("/mail/alerts", async (c) => c.json({ items: await listMailAlerts(deps) }));
  return app;
}
