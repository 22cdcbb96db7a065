import { createRoute, z } from "@hono/zod-openapi";
import { escalationHandledSchema, listLimitSchema, supervisorAssignSchema } from "../../shared/api/console";
import { breachListSchema, escalationHandledResultSchema, escalationListSchema } from "../../shared/api/console-responses";
import { assignedSchema } from "../../shared/api/ticket-responses";
import type { ErrorCode } from "../../shared/error-codes";
import { actorOf } from "../../shared/principal";
import { tidParam } from "./ticket-request";
import type { Deps } from "../deps";
import { breachedTickets, handleEscalation, openEscalations } from "../services/tickets/supervisor";
import { assignTicket } from "../services/tickets/ticket-work";
import { requireSupervisor } from "./middleware/admin-auth";
import { readJson } from "./read-json";
import { tidPath } from "./tickets";
import { COMMON_ERRORS, JSON_BODY_ERRORS, bodyRef, errors, json, jsonBody, op, routes, security } from "./contract";
import { numericId, numericIdPath, queried, readsJson } from "./route-shapes";

const GUARD_ERRORS: ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "CSRF_FAILED", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS];

const escalations = createRoute({
  ...op("get", "/escalations", "listOpenEscalations", "supervisor", "Open escalations, oldest first", security.staff),
  ...queried(listLimitSchema, { 200: json(escalationListSchema, "The escalations.") }, GUARD_ERRORS),
});
const handled = createRoute({
  ...op("post", "/escalations/{id}/handled", "handleEscalation", "supervisor", "Mark an escalation handled, with an optional note", security.staffWrite),
  request: {
    params: numericIdPath("The escalation's id."),
    // The note is optional, and so is the body.
    body: { required: false, content: { "application/json": { schema: bodyRef("EscalationHandled", escalationHandledSchema) } } },
  },
  responses: { 200: json(escalationHandledResultSchema, "Handled."), ...errors(...GUARD_ERRORS, ...JSON_BODY_ERRORS, "NOT_FOUND") },
});
const breaches = createRoute({
  ...op("get", "/breaches", "listBreaches", "supervisor", "Tickets past their maximum response time", security.staff),
  ...queried(listLimitSchema, { 200: json(breachListSchema, "The tickets.") }, GUARD_ERRORS),
});
const reassign = createRoute({
  ...op("post", "/tickets/{tid}/assign", "reassignTicket", "supervisor", "Assign a ticket to any staff member, or to nobody", security.staffWrite),
  ...readsJson({ params: z.object({ tid: tidPath }), body: jsonBody("SupervisorAssign", supervisorAssignSchema) }, { 200: json(assignedSchema, "The assignee now.") }, GUARD_ERRORS, "TID_INVALID", "NOT_FOUND"),
});

/** Supervisors (SLA 5): escalations, breaches, reassigning to anyone (mounted at /api/v1/supervisor). */
export function supervisorRoutes(deps: Deps) {
  const app = routes();
  app.use("*", requireSupervisor());

  app.openapi(escalations, async (c) => c.json({ items: await openEscalations(deps, c.req.valid("query").limit) }, 200));

  app.openapi(handled, async (c) => {
    const id = numericId(c.req.param("id"));
    const body = escalationHandledSchema.parse(c.req.header("content-type") ? await readJson(c) : {});
    const p = c.get("principal");
    return c.json(await handleEscalation(deps, id, { actor: actorOf(p), staffId: p.kind === "staff" ? p.id : null }, body.note), 200);
  });

  app.openapi(breaches, async (c) => c.json({ items: await breachedTickets(deps, c.req.valid("query").limit) }, 200));

  app.openapi(reassign, async (c) => {
    const tid = tidParam(c);
    const { email } = supervisorAssignSchema.parse(await readJson(c));
    return c.json(await assignTicket(deps, tid, actorOf(c.get("principal")), email), 200);
  });
  return app;
}
