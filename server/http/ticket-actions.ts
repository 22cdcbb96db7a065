import { Hono } from "hono";
import { assignSchema, levelChangeSchema, requestInfoSchema, statusChangeSchema } from "../../shared/api/ticket-actions";
import { assignTicket, phpinfoTable, requestInfo, slaExplanation, ticketHistory } from "../services/ticket-work";
import type { SlaLevelId } from "../../shared/sla";
import type { Deps } from "../deps";
import { actorOf, isSupervisor } from "../../shared/principal";
import { ApiError } from "../errors";
import { changeLevel } from "../services/ticket-level";
import { changeStatus } from "../services/ticket-status";
import { requireStaff } from "./middleware/admin-auth";
import { readJson } from "./read-json";
import { tidParam } from "./ticket-request";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Staff actions on one ticket. Behind the admin token until staff sessions exist (issue 6). */
export function ticketActionRoutes(deps: Deps) {
  const app = new Hono();
  // Per route, not app.use("*"): this sub-app shares its mount point with public intake.
  const admin = requireStaff();
  app.post("/:tid/status", admin, async (c) => {
    const body = statusChangeSchema.parse(await readJson(c));
    const r = await changeStatus(deps, tidParam(c), { ...body, actor: actorOf(c.get("principal")) });
    return c.json({ tid: r.tid, status: r.status, responseTargetAt: iso(r.responseTargetAt), responseDueAt: iso(r.responseDueAt) });
  });
  app.post("/:tid/level", admin, async (c) => {
    const body = levelChangeSchema.parse(await readJson(c));
    const p = c.get("principal");
    const r = await changeLevel(deps, tidParam(c), { ...body, level: body.level as SlaLevelId | "license", actor: actorOf(p), mayOverride: isSupervisor(p) });
    return c.json({ tid: r.tid, slaLevel: r.slaLevel, status: r.status, responseTargetAt: iso(r.responseTargetAt), responseDueAt: iso(r.responseDueAt) });
  });
  app.get("/:tid/events", admin, async (c) => c.json({ items: await ticketHistory(deps, tidParam(c)) }));
  app.get("/:tid/sla", admin, async (c) => c.json(await slaExplanation(deps, tidParam(c))));
  app.get("/:tid/phpinfo", admin, async (c) => c.json(await phpinfoTable(deps, tidParam(c))));
  app.post("/:tid/request-info", admin, async (c) => {
    const body = requestInfoSchema.parse(await readJson(c));
    return c.json(await requestInfo(deps, tidParam(c), actorOf(c.get("principal")), body.body, body.missing));
  });
  // Agents take a ticket themselves or give it back; reassigning to others is the supervisors' (supervisor routes).
  app.post("/:tid/assign", admin, async (c) => {
    const p = c.get("principal");
    const { email } = assignSchema.parse(await readJson(c));
    if (p.kind === "staff" && p.role === "agent" && email !== null && email.toLowerCase() !== p.email) {
      throw new ApiError("FORBIDDEN", "Agents can assign tickets to themselves only; ask a supervisor to reassign.");
    }
    return c.json(await assignTicket(deps, tidParam(c), actorOf(p), email));
  });
  return app;
}
