import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { credentialSchema, escalationSchema, ratingSchema, reopenSchema, replySchema } from "../../shared/api/accounts";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { judgeAttachments } from "../domain/attachments/judge";
import { storeBlobs } from "../services/blob-writes";
import { confirmRating, escalateTicket, rateTicket, reopenTicket } from "../services/client-actions";
import { listCredentials, revealCredential, storeCredential } from "../services/credentials";
import { addRequesterReply } from "../services/requester-reply";
import { addStaffMessage } from "../services/staff-reply";
import type { TicketAccess } from "../services/ticket-access";
import { lockTicket } from "../services/ticket-lookup";
import { readJson } from "./read-json";
import { readTicketBody } from "./ticket-body";
import { MULTIPART_LIMIT } from "./tickets";
import { ticketRequest } from "./ticket-request";

type Who = TicketAccess & { actor: string };

/**
 * What people do on one ticket besides reading it: reply (client or staff), reopen, rate, escalate,
 * hand over and reveal credentials. Access is the ticket rule (services/ticket-access.ts); the
 * signed link from the requester's mail counts as the requester.
 */
export function conversationRoutes(deps: Deps) {
  const app = new Hono();
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

  app.post("/:tid/messages", bodyLimit({ maxSize: MULTIPART_LIMIT, onError: () => { throw new ApiError("PAYLOAD_TOO_LARGE", "The message is too large: attachments may total at most 25 MiB."); } }), async (c) => {
    const w = await who(c);
    if (w.role === "staff") {
      const body = replySchema.parse(await readJson(c));
      const p = c.get("principal");
      return c.json(await addStaffMessage(deps, w.tid, { ...body, actor: w.actor, agentName: p.kind === "staff" ? (p.name ?? p.email) : "Support" }), 201);
    }
    const { fields, files } = await readTicketBody(c);
    const { body } = replySchema.pick({ body: true }).parse(fields);
    const accepted = await judgeAttachments(files);
    const cal = await deps.calendar();
    const r = await storeBlobs(deps, accepted.map((f) => ({ sha256: f.sha256, bytes: f.bytes })), () =>
      deps.db.transaction(async (tx) => addRequesterReply(tx, deps, cal, await lockTicket(tx, w.tid), { email: w.actorEmail!, body, channel: "portal", files: accepted, automatic: false })),
    );
    return c.json({ tid: w.tid, ...r }, 201);
  });

  app.post("/:tid/reopen", async (c) => {
    const w = await who(c);
    clientOnly(w);
    return c.json(await reopenTicket(deps, w.tid, w.actorEmail!, reopenSchema.parse(await readJson(c)).reason));
  });
  app.post("/:tid/rating", async (c) => {
    const w = await who(c);
    if (w.role !== "requester") throw new ApiError("FORBIDDEN", "Only the person who asked can rate the answer.");
    const r = ratingSchema.parse(await readJson(c));
    return c.json(await rateTicket(deps, w.tid, w.actorEmail!, r.score, r.comment));
  });
  app.post("/:tid/rating/confirm", async (c) => {
    const w = await who(c);
    if (w.role !== "requester") throw new ApiError("FORBIDDEN", "Only the person who asked can rate the answer.");
    return c.json(await confirmRating(deps, w.tid, w.actorEmail!));
  });
  app.post("/:tid/escalations", async (c) => {
    const w = await who(c);
    clientOnly(w);
    const e = escalationSchema.parse(await readJson(c));
    return c.json(await escalateTicket(deps, w.tid, w.actorEmail!, e.target, e.reason), 201);
  });
  app.get("/:tid/credentials", async (c) => {
    const w = await who(c);
    return c.json({ items: await listCredentials(deps.db, w.ticketId) });
  });
  app.post("/:tid/credentials", async (c) => {
    const w = await who(c);
    clientOnly(w);
    return c.json(await storeCredential(deps, w.tid, w.actor, credentialSchema.parse(await readJson(c))), 201);
  });
  app.post("/:tid/credentials/:id/reveal", async (c) => {
    const w = await who(c);
    staffOnly(w);
    c.header("Cache-Control", "no-store");
    return c.json(await revealCredential(deps, w.tid, c.req.param("id"), w.actor));
  });
  return app;
}
