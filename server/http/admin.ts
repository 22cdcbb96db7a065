import { Hono } from "hono";
import { licenseCreateSchema, siteCreateSchema } from "../../shared/api/admin";
import type { Deps } from "../deps";
import { createLicense } from "../services/licenses";
import { createSite } from "../services/sites";
import { adminCalendarRoutes } from "./admin-calendar";
import { adminMailRoutes } from "./admin-mail";
import { adminListRoutes } from "./admin-lists";
import { adminSuppressionRoutes } from "./admin-suppressions";
import { adminCannedRoutes } from "./canned";
import { requireAdmin } from "./middleware/admin-auth";
import { readJson } from "./read-json";

export function adminRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireAdmin(deps.config.adminToken));
  app.post("/licenses", async (c) => c.json(await createLicense(deps.db, licenseCreateSchema.parse(await readJson(c))), 201));
  app.post("/sites", async (c) => c.json(await createSite(deps.db, deps.config.publicUrl, siteCreateSchema.parse(await readJson(c))), 201));
  app.route("/", adminCalendarRoutes(deps));
  app.route("/mail", adminMailRoutes(deps));
  app.route("/", adminListRoutes(deps));
  app.route("/", adminSuppressionRoutes(deps));
  app.route("/canned", adminCannedRoutes(deps));
  return app;
}
