import { createRoute } from "@hono/zod-openapi";
import { healthSchema, readySchema } from "../../shared/api/operations";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { errors, json, routes, security } from "./contract";
import { withTimeout } from "../with-timeout";

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  tags: ["operations"],
  summary: "The process is up",
  security: security.public,
  responses: { 200: json(healthSchema, "Up.") },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  operationId: "getReadiness",
  tags: ["operations"],
  summary: "The database and the attachment storage are reachable, and the process is not stopping",
  security: security.public,
  responses: { 200: json(readySchema, "Ready to serve."), ...errors("UNAVAILABLE") },
});

export function healthRoutes(deps: Deps) {
  const app = routes();
  app.openapi(healthz, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyz, async (c) => {
    // A load balancer takes a stopping process out of rotation while it finishes what it has.
    if (deps.stopping?.()) throw new ApiError("UNAVAILABLE", "The server is stopping.", { headers: { "Retry-After": "5" } });
    const [db, storage] = await Promise.allSettled([withTimeout(deps.ping(), 3000), withTimeout(deps.blobs.ping(), 3000)]);
    if (db.status === "rejected") throw new ApiError("UNAVAILABLE", "The database is not reachable.", { headers: { "Retry-After": "5" } });
    if (storage.status === "rejected") throw new ApiError("UNAVAILABLE", "The attachment storage is not reachable.", { headers: { "Retry-After": "5" } });
    return c.json({ status: "ready" as const, database: deps.dbKind, storage: deps.blobs.kind }, 200);
  });
  return app;
}
