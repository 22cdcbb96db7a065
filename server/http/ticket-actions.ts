import { createRoute, z } from "@hono/zod-openapi";
import { assignSchema, levelChangeSchema, requestInfoSchema, statusChangeSchema } from "../../shared/api/ticket-actions";
import { assignedSchema, levelChangedSchema, phpinfoTableSchema, slaExplanationSchema, statusChangedSchema, ticketEventsSchema } from "../../shared/api/ticket-responses";
import type { ErrorCode } from "../../shared/error-codes";
import { assignTicket, phpinfoTable, requestInfo, slaExplanation, ticketHistory } from "../services/tickets/ticket-work";
import type { SlaLevelId } from "../../shared/sla";
import type { Deps } from "../deps";
import { actorOf, isSupervisor } from "../../shared/principal";
import { ApiError } from "../errors";
import { changeLevel } from "../services/tickets/ticket-level";
import { changeStatus } from "../services/tickets/ticket-status";
import { requireStaff } from "./middleware/admin-auth";
import { readJson } from "./read-json";
import { tidParam } from "./ticket-request";
import { tidPath } from "./tickets";
import { COMMON_ERRORS, errors, json, jsonBody, routes, security } from "./contract";
import { readsJson, type Answers } from "./route-shapes";

const iso = (d: Date | null) => d?.toISOString() ?? null;

const STAFF_ERRORS: ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "TID_INVALID", "NOT_FOUND", "CSRF_FAILED", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS];
const params = z.object({ tid: tidPath });
const staffRoute = (method: "get" | "post", path: string, operationId: string, summary: string) => ({
  method, path, operationId, summary, tags: ["staff"], security: method === "get" ? security.staff : security.staffWrite,
});
/** A read of one part of the ticket (its history, clock, phpinfo): only the guard refuses. */
const partRead = <A extends Answers>(answers: A) => ({ request: { params }, responses: { ...answers, ...errors(...STAFF_ERRORS) } });

const status = createRoute({
  ...staffRoute("post", "/{tid}/status", "changeTicketStatus", "Change a ticket's status"),
  ...readsJson({ params, body: jsonBody("StatusChange", statusChangeSchema) }, { 200: json(statusChangedSchema, "The status and due times now.") }, STAFF_ERRORS, "NOT_ALLOWED_NOW"),
});
const level = createRoute({
  ...staffRoute("post", "/{tid}/level", "changeTicketLevel", "Move a ticket to another SLA level (or back to the license's)"),
  ...readsJson({ params, body: jsonBody("LevelChange", levelChangeSchema) }, { 200: json(levelChangedSchema, "The level, status and due times now.") }, STAFF_ERRORS, "NOT_ALLOWED_NOW", "HANDOVER_NOT_ENTITLED"),
});
const events = createRoute({
  ...staffRoute("get", "/{tid}/events", "listTicketEvents", "A ticket's history"),
  ...partRead({ 200: json(ticketEventsSchema, "The events, oldest first.") }),
});
const sla = createRoute({
  ...staffRoute("get", "/{tid}/sla", "explainTicketSla", "How the ticket's due times were counted"),
  ...partRead({ 200: json(slaExplanationSchema, "The level, clock and its trace.") }),
});
const phpinfo = createRoute({
  ...staffRoute("get", "/{tid}/phpinfo", "getTicketPhpinfo", "The ticket's phpinfo as a table"),
  ...partRead({ 200: json(phpinfoTableSchema, "Sections of key/value rows.") }),
});
const info = createRoute({
  ...staffRoute("post", "/{tid}/request-info", "requestTicketInfo", "Ask the client for what is missing (a message; the clock pauses)"),
  ...readsJson({ params, body: jsonBody("InfoRequest", requestInfoSchema) }, { 200: json(statusChangedSchema, "The status and due times now.") }, STAFF_ERRORS, "NOT_ALLOWED_NOW"),
});
const assign = createRoute({
  ...staffRoute("post", "/{tid}/assign", "assignTicket", "Take a ticket, or give it back (agents: themselves only)"),
  ...readsJson({ params, body: jsonBody("AssignRequest", assignSchema) }, { 200: json(assignedSchema, "The assignee now.") }, STAFF_ERRORS),
});

/** Staff actions on one ticket: the admin token or a staff session. */
export function ticketActionRoutes(deps: Deps) {
  const app = routes();
  // Per route, not app.use("*"): this sub-app shares its mount point with public intake.
  const admin = requireStaff();
  app.openapi({ ...status, middleware: admin }, async (c) => {
    const body = statusChangeSchema.parse(await readJson(c));
    const r = await changeStatus(deps, tidParam(c), { ...body, actor: actorOf(c.get("principal")) });
    return c.json({ tid: r.tid, status: r.status, responseTargetAt: iso(r.responseTargetAt), responseDueAt: iso(r.responseDueAt) }, 200);
  });
  app.openapi({ ...level, middleware: admin }, async (c) => {
    const body = levelChangeSchema.parse(await readJson(c));
    const p = c.get("principal");
    const r = await changeLevel(deps, tidParam(c), { ...body, level: body.level as SlaLevelId | "license", actor: actorOf(p), mayOverride: isSupervisor(p) });
    return c.json({ tid: r.tid, slaLevel: r.slaLevel, status: r.status, responseTargetAt: iso(r.responseTargetAt), responseDueAt: iso(r.responseDueAt) }, 200);
  });
  app.openapi({ ...events, middleware: admin }, async (c) => c.json({ items: await ticketHistory(deps, tidParam(c)) }, 200));
  app.openapi({ ...sla, middleware: admin }, async (c) => c.json(await slaExplanation(deps, tidParam(c)), 200));
  app.openapi({ ...phpinfo, middleware: admin }, async (c) => c.json(await phpinfoTable(deps, tidParam(c)), 200));
  app.openapi({ ...info, middleware: admin }, async (c) => {
    const body = requestInfoSchema.parse(await readJson(c));
    return c.json(await requestInfo(deps, tidParam(c), actorOf(c.get("principal")), body.body, body.missing), 200);
  });
  // Agents take a ticket themselves or give it back; reassigning to others is the supervisors' (supervisor routes).
  app.openapi({ ...assign, middleware: admin }, async (c) => {
    const p = c.get("principal");
    const { email } = assignSchema.parse(await readJson(c));
    if (p.kind === "staff" && p.role === "agent" && email !== null && email.toLowerCase() !== p.email) {
      throw new ApiError("FORBIDDEN", "Agents can assign tickets to themselves only; ask a supervisor to reassign.");
    }
    return c.json(await assignTicket(deps, tidParam(c), actorOf(p), email), 200);
  });
  return app;
}
