import { Hono } from "hono";
import { z } from "zod";
import { escalationHandledSchema, listLimitSchema, supervisorAssignSchema } from "../../shared/api/console";
import { actorOf } from "../../shared/principal";
import { tidParam } from "./ticket-request";
import type { Deps } from "../deps";
import { breachedTickets, handleEscalation, openEscalations } from "../services/supervisor";
import { assignTicket } from "../services/ticket-work";
import { requireSupervisor } from "./middleware/admin-auth";
import { readJson } from "./read-json";

/** Supervisors (SLA 5): escalations, breaches, reassigning to anyone (mounted at /api/v1/supervisor). */
export function supervisorRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireSupervisor());

  app.get("/escalations", async (c) => c.json({ items: await openEscalations(deps, listLimitSchema.parse(c.req.query()).limit) }));

  app.post("/escalations/:id/handled", async (c) => {
    const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).parse(c.req.param("id"));
    // The note is optional, and so is the body.
    const body = escalationHandledSchema.parse(c.req.header("content-type") ? await readJson(c) : {});
    const p = c.get("principal");
    return c.json(await handleEscalation(deps, id, { actor: actorOf(p), staffId: p.kind === "staff" ? p.id : null }, body.note));
  });

  app.get("/breaches", async (c) => c.json({ items: await breachedTickets(deps, listLimitSchema.parse(c.req.query()).limit) }));

  app.post("/tickets/:tid/assign", async (c) => {
    const tid = tidParam(c);
    const { email } = supervisorAssignSchema.parse(await readJson(c));
    return c.json(await assignTicket(deps, tid, actorOf(c.get("principal")), email));
  });
  return app;
}
