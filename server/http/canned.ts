import { createRoute } from "@hono/zod-openapi";
import { cannedInputSchema, cannedQuerySchema } from "../../shared/api/console";
import { cannedAnswerSchema, cannedListSchema, deletedSchema } from "../../shared/api/console-responses";
import type { ErrorCode } from "../../shared/error-codes";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { createCanned, deleteCanned, listCanned, updateCanned } from "../services/tickets/canned";
import { requireStaff } from "./middleware/admin-auth";
import { readJson } from "./read-json";
import { ADMIN_ERRORS } from "./admin-lists";
import { COMMON_ERRORS, json, jsonBody, op, routes, security } from "./contract";
import { byNumericId, numericId, numericIdPath, queried, readsJson } from "./route-shapes";

const id = numericIdPath();
const STAFF_ERRORS: ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS];

const list = createRoute({
  ...op("get", "/", "listCanned", "staff", "Canned answers to insert into a reply", security.staff),
  ...queried(cannedQuerySchema, { 200: json(cannedListSchema, "The answers.") }, STAFF_ERRORS),
});
const create = createRoute({
  ...op("post", "/", "createCanned", "admin", "Add a canned answer", security.adminWrite),
  ...readsJson({ body: jsonBody("CannedInput", cannedInputSchema) }, { 201: json(cannedAnswerSchema, "Created.") }, ADMIN_ERRORS),
});
const update = createRoute({
  ...op("put", "/{id}", "updateCanned", "admin", "Replace a canned answer", security.adminWrite),
  ...readsJson({ params: id, body: jsonBody("CannedInput", cannedInputSchema) }, { 200: json(cannedAnswerSchema, "The answer now.") }, ADMIN_ERRORS, "NOT_FOUND"),
});
const remove = createRoute({
  ...op("delete", "/{id}", "deleteCanned", "admin", "Delete a canned answer", security.adminWrite),
  ...byNumericId(id, { 200: json(deletedSchema, "Deleted.") }, ADMIN_ERRORS, "NOT_FOUND"),
});

/** Staff read canned answers to insert into a reply (mounted at /api/v1/canned). */
export function cannedRoutes(deps: Deps) {
  const app = routes();
  app.use("*", requireStaff());
  app.openapi(list, async (c) => c.json({ items: await listCanned(deps, c.req.valid("query")) }, 200));
  return app;
}

/** Admins write them (mounted inside the admin routes at /canned, behind requireAdmin). */
export function adminCannedRoutes(deps: Deps) {
  const app = routes();
  app.openapi(create, async (c) => c.json(await createCanned(deps, cannedInputSchema.parse(await readJson(c)), actorOf(c.get("principal"))), 201));
  app.openapi(update, async (c) => {
    const id = numericId(c.req.param("id"));
    return c.json(await updateCanned(deps, id, cannedInputSchema.parse(await readJson(c)), actorOf(c.get("principal"))), 200);
  });
  app.openapi(remove, async (c) => c.json(await deleteCanned(deps, numericId(c.req.param("id")), actorOf(c.get("principal"))), 200));
  return app;
}
