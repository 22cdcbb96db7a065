import { Hono } from "hono";
import { queueQuerySchema } from "../../shared/api/ticket-actions";
import type { Deps } from "../deps";
import { listQueue } from "../services/queue";
import { requireStaff } from "./middleware/admin-auth";

export function queueRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireStaff());
  app.get("/", async (c) => c.json(await listQueue(deps.db, queueQuerySchema.parse(c.req.query()))));
  return app;
}
