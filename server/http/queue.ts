import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { queueQuerySchema } from "../../shared/api/ticket-actions";
import type { Deps } from "../deps";
import { listQueue } from "../services/tickets/queue";
import { requireStaff } from "./middleware/admin-auth";
import { COMMON_ERRORS, errors, json, op, routes, security } from "./contract";
import { queuePageSchema } from "../../shared/api/console-responses";
import { queueStream } from "./queue-stream";

const queue = createRoute({
  ...op("get", "/", "listQueue", "staff", "The queue: urgent first, then first come, first served", security.staff),
  request: { query: queueQuerySchema },
  parameters: [{ name: "If-None-Match", in: "header", required: false, description: "The ETag of a page already held: an unchanged page answers 304.", schema: { type: "string" } }],
  responses: {
    200: { ...json(queuePageSchema, "A page of the queue; `next` continues it."), headers: { ETag: { description: "Names this page.", schema: { type: "string" } } } },
    304: { description: "The page is unchanged." },
    ...errors("UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED", ...COMMON_ERRORS),
  },
});

const queueEvents = createRoute({
  ...op("get", "/events", "followQueue", "staff", "Server-sent events: the queue changed, fetch it again", security.staff),
  description:
    "A stream of server-sent events (text/event-stream) for the console. It starts with an event `ready`, then sends an " +
    "event `queue` (data `{}`) whenever a ticket was registered or changed (status, reply, assignment, due times) in any " +
    "server process on the database, upon which the reader fetches GET /api/v1/queue again with If-None-Match. A comment " +
    "line every 25 seconds keeps idle connections open. The events carry no ticket data. When a server holds too many " +
    "streams, or is stopping, it answers 503 with Retry-After, and the console falls back to polling the queue.",
  responses: {
    200: { description: "The event stream; it stays open until the reader leaves or the server stops.", content: { "text/event-stream": { schema: z.string() } } },
    ...errors("UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS),
  },
});

export function queueRoutes(deps: Deps) {
  const app = routes();
  const stream = queueStream(deps);
  app.use("*", requireStaff());
  app.openapi(queueEvents, (c) => stream.open(c));
  // Consoles poll this; an unchanged page answers 304 so polling costs one query and no body.
  app.openapi(queue, async (c) => {
    const page = await listQueue(deps.db, c.req.valid("query"));
    const body = JSON.stringify(page satisfies z.output<typeof queuePageSchema>);
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "private, no-cache");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.body(body, 200, { "Content-Type": "application/json" });
  });
  return app;
}
