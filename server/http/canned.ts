import { Hono } from "hono";
import { z } from "zod";
import { cannedInputSchema, cannedQuerySchema } from "../../shared/api/console";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { createCanned, deleteCanned, listCanned, updateCanned } from "../services/canned";
import { requireStaff } from "./middleware/admin-auth";
import { readJson } from "./read-json";

const idParam = (raw: string | undefined) => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).parse(raw);

/** Staff read canned answers to insert into a reply (mounted at /api/v1/canned). */
export function cannedRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireStaff());
  app.get("/", async (c) => c.json({ items: await listCanned(deps, cannedQuerySchema.parse(c.req.query())) }));
  return app;
}

/** Admins write them (mounted inside the admin routes at /canned, behind requireAdmin). */
export function adminCannedRoutes(deps: Deps) {
  const app = new Hono();
  app.post("/", async (c) => c.json(await createCanned(deps, cannedInputSchema.parse(await readJson(c)), actorOf(c.get("principal"))), 201));
  app.put("/:id", async (c) => {
    const id = idParam(c.req.param("id"));
    return c.json(await updateCanned(deps, id, cannedInputSchema.parse(await readJson(c)), actorOf(c.get("principal"))));
  });
  app.delete("/:id", async (c) => c.json(await deleteCanned(deps, idParam(c.req.param("id")), actorOf(c.get("principal")))));
  return app;
}
