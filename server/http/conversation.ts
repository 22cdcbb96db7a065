import { createRoute, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { credentialSchema, escalationSchema, ratingSchema, reopenSchema, replySchema } from "../../shared/api/accounts";
import {
  credentialListSchema, credentialRefSchema, credentialRevealedSchema, escalationCreatedSchema, messageAddedSchema, ratingStateSchema, reopenedSchema,
} from "../../shared/api/ticket-responses";
import { actorOf } from "../../shared/principal";
import type { ErrorCode } from "../../shared/error-codes";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { judgeAttachments } from "../domain/attachments/judge";
import { storeBlobs } from "../services/tickets/blob-writes";
import { confirmRating, escalateTicket, rateTicket, reopenTicket } from "../services/tickets/client-actions";
import { listCredentials, revealCredential, storeCredential } from "../services/tickets/credentials";
import { addRequesterReply } from "../services/tickets/requester-reply";
import { addStaffMessage } from "../services/tickets/staff-reply";
import type { TicketAccess } from "../services/tickets/ticket-access";
import { lockTicket } from "../services/tickets/ticket-lookup";
import { readJson } from "./read-json";
import { withTicketBody } from "./ticket-body";
import { MULTIPART_LIMIT, tidPath } from "./tickets";
import { ticketRequest } from "./ticket-request";
import { COMMON_ERRORS, JSON_BODY_ERRORS, bodyInline, bodyRef, errors, json, jsonBody, routes, security } from "./contract";
import { readsJson } from "./route-shapes";

type Who = TicketAccess & { actor: string };

/** Who reaches a ticket, and what refuses them (ticketRequest: access first, the TID after). */
const ACCESS_ERRORS: ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "TID_INVALID", "LINK_INVALID", "CSRF_FAILED", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS];
const tid = z.object({ tid: tidPath });

const onTicket = (r: { method: "get" | "post"; path: string; operationId: string; summary: string; description?: string }) =>
  ({ ...r, tags: ["tickets"], security: r.method === "get" ? security.ticket : security.ticketWrite });

const messages = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/messages", operationId: "addTicketMessage", summary: "Reply on a ticket", description: "Staff send JSON (ReplyCreate, public or internal); the client JSON or multipart with attachments, judged like intake." }),
  request: {
    params: tid,
    body: {
      required: true,
      content: {
        "application/json": { schema: bodyRef("ReplyCreate", replySchema) },
        "multipart/form-data": { schema: bodyInline("ReplyForm", z.object({ body: z.string().max(50_000), attachments: z.array(z.string().meta({ format: "binary" })).max(10).optional() })) },
      },
    },
  },
  responses: {
    201: json(messageAddedSchema, "The message was added (and mailed to the client, for a public staff reply)."),
    ...errors(...ACCESS_ERRORS, ...JSON_BODY_ERRORS, "BMP_NOT_ARCHIVED", "UNSUPPORTED_ATTACHMENT", "ATTACHMENT_TOO_LARGE", "TOO_MANY_ATTACHMENTS", "ARCHIVE_REJECTED", "NOT_ALLOWED_NOW"),
  },
});

const reopen = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/reopen", operationId: "reopenTicket", summary: "The client reopens a resolved ticket, saying what is still wrong" }),
  ...readsJson({ params: tid, body: jsonBody("ReopenRequest", reopenSchema) }, { 200: json(reopenedSchema, "Reopened; the clock runs again.") }, ACCESS_ERRORS, "NOT_ALLOWED_NOW"),
});

const rating = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/rating", operationId: "rateTicket", summary: "The requester rates the answer (1 to 5)" }),
  ...readsJson({ params: tid, body: jsonBody("RatingRequest", ratingSchema) }, { 200: json(ratingStateSchema, "The rating as stored.") }, ACCESS_ERRORS, "NOT_ALLOWED_NOW"),
});

const ratingConfirm = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/rating/confirm", operationId: "confirmTicketRating", summary: "The requester confirms the rating" }),
  request: { params: tid },
  responses: { 200: json(ratingStateSchema, "The rating, confirmed."), ...errors(...ACCESS_ERRORS, "NOT_ALLOWED_NOW") },
});

const escalations = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/escalations", operationId: "escalateTicket", summary: "The client escalates to a supervisor or the account manager" }),
  ...readsJson({ params: tid, body: jsonBody("EscalationRequest", escalationSchema) }, { 201: json(escalationCreatedSchema, "Escalated.") }, ACCESS_ERRORS, "NOT_ALLOWED_NOW", "CONFLICT"),
});

const credentialList = createRoute({
  ...onTicket({ method: "get", path: "/{tid}/credentials", operationId: "listTicketCredentials", summary: "The credentials handed over on a ticket, without their secrets" }),
  request: { params: tid },
  responses: { 200: json(credentialListSchema, "The credentials."), ...errors(...ACCESS_ERRORS) },
});

const credentialStore = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/credentials", operationId: "storeTicketCredential", summary: "The client hands over a credential, stored encrypted" }),
  ...readsJson({ params: tid, body: jsonBody("CredentialInput", credentialSchema) }, { 201: json(credentialRefSchema, "Stored.") }, ACCESS_ERRORS, "NOT_ALLOWED_NOW"),
});

const credentialReveal = createRoute({
  ...onTicket({ method: "post", path: "/{tid}/credentials/{id}/reveal", operationId: "revealTicketCredential", summary: "Staff reveal a credential's secret (recorded as an event)" }),
  request: { params: z.object({ tid: tidPath, id: z.string() }) },
  responses: { 200: json(credentialRevealedSchema, "The credential with its secret; Cache-Control: no-store."), ...errors(...ACCESS_ERRORS) },
});

/**
 * What people do on one ticket besides reading it: reply (client or staff), reopen, rate, escalate,
 * hand over and reveal credentials. Access is the ticket rule (services/tickets/ticket-access.ts); the
 * signed link from the requester's mail counts as the requester.
 */
export function conversationRoutes(deps: Deps) {
  const app = routes();
  const who = async (c: Context): Promise<Who> => {
    const token = c.req.query("token") ?? c.req.header("x-ticket-token");
    const access = await ticketRequest(c, deps, token, "Sign in, or open the link from your mail, to work on this ticket.");
    return { ...access, actor: access.role === "staff" ? actorOf(c.get("principal")) : `requester:${access.actorEmail}` };
  };
  const clientOnly = (w: Who) => {
    if (w.role === "staff") throw new ApiError("FORBIDDEN", "This is for the client; staff use the console actions.");
  };
  const staffOnly = (w: Who) => {
    if (w.role !== "staff") throw new ApiError("FORBIDDEN", "Only support staff can do this.");
  };

  const messageTooLarge = (): never => {
    throw new ApiError("PAYLOAD_TOO_LARGE", "The message is too large: attachments may total at most 25 MiB.");
  };
  // A multipart message is refused by its reader as it streams (multipart.ts); JSON under bodyLimit.
  const messageLimit = bodyLimit({ maxSize: MULTIPART_LIMIT, onError: messageTooLarge });
  const jsonUnderLimit: MiddlewareHandler = async (c, next) => (/^multipart\/form-data\b/i.test(c.req.header("content-type") ?? "") ? next() : messageLimit(c, next));
  const bodyOptions = { multipart: { tempDir: deps.config.uploadsTempDir, maxBodyBytes: MULTIPART_LIMIT, tooLarge: messageTooLarge } };

  app.openapi({ ...messages, middleware: [jsonUnderLimit] as const }, async (c) => {
    const w = await who(c);
    if (w.role === "staff") {
      const body = replySchema.parse(await readJson(c));
      const p = c.get("principal");
      return c.json(await addStaffMessage(deps, w.tid, { ...body, actor: w.actor, agentName: p.kind === "staff" ? (p.name ?? p.email) : "Support" }), 201);
    }
    const r = await withTicketBody(c, bodyOptions, async ({ fields, files }) => {
      const { body } = replySchema.pick({ body: true }).parse(fields);
      const accepted = await judgeAttachments(files);
      const cal = await deps.calendar();
      return storeBlobs(deps, accepted.map((f) => ({ sha256: f.sha256, source: f.source })), () =>
        deps.db.transaction(async (tx) => addRequesterReply(tx, deps, cal, await lockTicket(tx, w.tid), { email: w.actorEmail!, body, channel: "portal", files: accepted, automatic: false })),
      );
    });
    return c.json({ tid: w.tid, ...r }, 201);
  });

  app.openapi(reopen, async (c) => {
    const w = await who(c);
    clientOnly(w);
    return c.json(await reopenTicket(deps, w.tid, w.actorEmail!, reopenSchema.parse(await readJson(c)).reason), 200);
  });
  app.openapi(rating, async (c) => {
    const w = await who(c);
    if (w.role !== "requester") throw new ApiError("FORBIDDEN", "Only the person who asked can rate the answer.");
    const r = ratingSchema.parse(await readJson(c));
    return c.json(await rateTicket(deps, w.tid, w.actorEmail!, r.score, r.comment), 200);
  });
  app.openapi(ratingConfirm, async (c) => {
    const w = await who(c);
    if (w.role !== "requester") throw new ApiError("FORBIDDEN", "Only the person who asked can rate the answer.");
    return c.json(await confirmRating(deps, w.tid, w.actorEmail!), 200);
  });
  app.openapi(escalations, async (c) => {
    const w = await who(c);
    clientOnly(w);
    const e = escalationSchema.parse(await readJson(c));
    return c.json(await escalateTicket(deps, w.tid, w.actorEmail!, e.target, e.reason), 201);
  });
  app.openapi(credentialList, async (c) => {
    const w = await who(c);
    return c.json({ items: await listCredentials(deps.db, w.ticketId) }, 200);
  });
  app.openapi(credentialStore, async (c) => {
    const w = await who(c);
    clientOnly(w);
    return c.json(await storeCredential(deps, w.tid, w.actor, credentialSchema.parse(await readJson(c))), 201);
  });
  app.openapi(credentialReveal, async (c) => {
    const w = await who(c);
    staffOnly(w);
    c.header("Cache-Control", "no-store");
    return c.json(await revealCredential(deps, w.tid, c.req.valid("param").id, w.actor), 200);
  });
  return app;
}
