import { Hono } from "hono";
import type { Deps } from "../deps";
import { ApiError } from "../errors";

export function healthRoutes(deps: Deps) {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await withTimeout(deps.ping(), 3000);
    } catch {
      throw new ApiError("UNAVAILABLE", "The database is not reachable.", { headers: { "Retry-After": "5" } });
    }
    return c.json({ status: "ready", database: deps.dbKind });
  });
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
