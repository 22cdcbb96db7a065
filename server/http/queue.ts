import { createHash } from "node:crypto";
import { Hono } from "hono";
import { queueQuerySchema } from "../../shared/api/ticket-actions";
import type { Deps } from "../deps";
import { listQueue } from "../services/queue";
import { requireStaff } from "./middleware/admin-auth";

export function queueRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireStaff());
  // Consoles poll this; an unchanged page answers 304 so polling costs one query and no body.
  app.get("/", async (c) => {
    const page = await listQueue(deps.db, queueQuerySchema.parse(c.req.query()));
    const body = JSON.stringify(page);
    const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "private, no-cache");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.body(body, 200, { "Content-Type": "application/json" });
  });
  return app;
}
