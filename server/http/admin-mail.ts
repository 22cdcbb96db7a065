import { Hono } from "hono";
import { z } from "zod";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { listHeldMail, releaseSpam } from "../services/spam";

/** The spam folder and the inbound log for admins (mounted inside the admin routes). */
export function adminMailRoutes(deps: Deps) {
  const app = new Hono();
  const outcome = z.object({ outcome: z.enum(["spam", "rejected", "ignored", "bounce"]).default("spam") });
  app.get("/inbound", async (c) => c.json({ items: await listHeldMail(deps, outcome.parse(c.req.query()).outcome) }));
  app.post("/spam/:id/release", async (c) => {
    const id = z.coerce.number().int().positive().parse(c.req.param("id"));
    return c.json(await releaseSpam(deps, id, actorOf(c.get("principal"))));
  });
  return app;
}
