import { createRoute } from "@hono/zod-openapi";
import { licenseCreateSchema, siteCreateSchema } from "../../shared/api/admin";
import { licenseCreatedSchema, siteCreatedSchema } from "../../shared/api/console-responses";
import type { Deps } from "../deps";
import { createLicense } from "../services/accounts/licenses";
import { createSite } from "../services/accounts/sites";
import { adminCalendarRoutes } from "./admin-calendar";
import { adminMailRoutes } from "./admin-mail";
import { ADMIN_ERRORS, adminListRoutes } from "./admin-lists";
import { adminSuppressionRoutes } from "./admin-suppressions";
import { adminCannedRoutes } from "./canned";
import { adminKbRoutes } from "./admin-kb";
import { requireAdmin } from "./middleware/admin-auth";
import { readJson } from "./read-json";
import { JSON_BODY_ERRORS, errors, json, jsonBody, op, routes, security } from "./contract";

const licenseCreate = createRoute({
  ...op("post", "/licenses", "createLicense", "admin", "Add a license", security.adminWrite),
  request: { body: jsonBody("LicenseCreate", licenseCreateSchema, "supportUntil null: unlimited support.") },
  responses: { 201: json(licenseCreatedSchema, "Created."), ...errors(...ADMIN_ERRORS, ...JSON_BODY_ERRORS, "CONFLICT") },
});
const siteCreate = createRoute({
  ...op("post", "/sites", "createSite", "admin", "Register a site for the widget; answers its key and snippet", security.adminWrite),
  request: { body: jsonBody("SiteCreate", siteCreateSchema) },
  responses: { 201: json(siteCreatedSchema, "Created, with the script tag to embed."), ...errors(...ADMIN_ERRORS, ...JSON_BODY_ERRORS) },
});

export function adminRoutes(deps: Deps) {
  const app = routes();
  app.use("*", requireAdmin(deps.config.adminToken));
  app.openapi(licenseCreate, async (c) => c.json(await createLicense(deps.db, licenseCreateSchema.parse(await readJson(c))), 201));
  app.openapi(siteCreate, async (c) => c.json(await createSite(deps.db, deps.config.publicUrl, siteCreateSchema.parse(await readJson(c))), 201));
  app.route("/", adminCalendarRoutes(deps));
  app.route("/mail", adminMailRoutes(deps));
  app.route("/", adminListRoutes(deps));
  app.route("/", adminSuppressionRoutes(deps));
  app.route("/canned", adminCannedRoutes(deps));
  app.route("/kb", adminKbRoutes(deps));
  return app;
}
