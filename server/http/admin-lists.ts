import { createRoute, z } from "@hono/zod-openapi";
import { licenseListQuerySchema, outboxQuerySchema, staffCreateSchema } from "../../shared/api/console";
import { licenseUpdateSchema, siteUpdateSchema, staffUpdateSchema } from "../../shared/api/admin";
import {
  licenseListSchema, licenseUpdatedSchema, outboxListSchema, outboxMailSchema, outboxRetriedSchema, siteListSchema, siteSchema, staffCreatedSchema,
  staffDisabledSchema, staffListSchema, staffMemberSchema,
} from "../../shared/api/console-responses";
import type { ErrorCode } from "../../shared/error-codes";
import { rotateSiteKey, updateSite } from "../services/accounts/sites";
import { updateLicense } from "../services/accounts/licenses";
import { actorOf, type Principal } from "../../shared/principal";
import type { Deps } from "../deps";
import { createStaff, listLicenses, listOutbox, listSites, listStaff, readOutboxMail, retryOutbox, setStaffDisabled, updateStaff } from "../services/accounts/admin-lists";
import { readJson } from "./read-json";
import { COMMON_ERRORS, errors, json, jsonBody, op, pathText, routes, security } from "./contract";
import { byNumericId, numericId, numericIdPath, queried, readsJson } from "./route-shapes";


/** What the admin guard (admin.ts) refuses, on every admin route. */
export const ADMIN_ERRORS: ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "CSRF_FAILED", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS];
const id = numericIdPath();
const read = (path: string, operationId: string, summary: string) => op("get", path, operationId, "admin", summary, security.admin);

const staffList = createRoute({ ...read("/staff", "listStaff", "Staff accounts"), responses: { 200: json(staffListSchema, "The accounts."), ...errors(...ADMIN_ERRORS) } });
const staffCreate = createRoute({
  ...op("post", "/staff", "createStaff", "admin", "Add a staff account (a generated password is shown once)", security.adminWrite),
  ...readsJson({ body: jsonBody("StaffCreate", staffCreateSchema) }, { 201: json(staffCreatedSchema, "Created; Cache-Control: no-store.") }, ADMIN_ERRORS, "CONFLICT"),
});
const staffDisable = createRoute({
  ...op("post", "/staff/{id}/disable", "disableStaff", "admin", "Disable a staff account (its sessions end)", security.adminWrite),
  ...byNumericId(id, { 200: json(staffDisabledSchema, "Disabled.") }, ADMIN_ERRORS, "NOT_FOUND", "NOT_ALLOWED_NOW"),
});
const staffEnable = createRoute({
  ...op("post", "/staff/{id}/enable", "enableStaff", "admin", "Enable a staff account again", security.adminWrite),
  ...byNumericId(id, { 200: json(staffDisabledSchema, "Enabled.") }, ADMIN_ERRORS, "NOT_FOUND"),
});
const staffUpdate = createRoute({
  ...op("patch", "/staff/{id}", "updateStaff", "admin", "Change a staff account's role, name or state", security.adminWrite),
  ...readsJson({ params: id, body: jsonBody("StaffUpdate", staffUpdateSchema) }, { 200: json(staffMemberSchema, "The account now.") }, ADMIN_ERRORS, "NOT_FOUND", "NOT_ALLOWED_NOW"),
});
const licenseList = createRoute({
  ...read("/licenses", "listLicenses", "Licenses, by key, with their emails"),
  ...queried(licenseListQuerySchema, { 200: json(licenseListSchema, "A page of licenses; `next` continues it.") }, ADMIN_ERRORS),
});
const licenseUpdate = createRoute({
  ...op("patch", "/licenses/{key}", "updateLicense", "admin", "Change a license (emails replace the list)", security.adminWrite),
  ...readsJson({ params: z.object({ key: pathText("The license key.") }), body: jsonBody("LicenseUpdate", licenseUpdateSchema) }, { 200: json(licenseUpdatedSchema, "The license now.") }, ADMIN_ERRORS, "NOT_FOUND"),
});
const siteList = createRoute({ ...read("/sites", "listSites", "Widget sites"), responses: { 200: json(siteListSchema, "The sites."), ...errors(...ADMIN_ERRORS) } });
const siteKey = z.object({ siteKey: pathText("The site's key.") });
const siteUpdate = createRoute({
  ...op("patch", "/sites/{siteKey}", "updateSite", "admin", "Change a site's name, allowed origins or state", security.adminWrite),
  ...readsJson({ params: siteKey, body: jsonBody("SiteUpdate", siteUpdateSchema) }, { 200: json(siteSchema, "The site now.") }, ADMIN_ERRORS, "NOT_FOUND"),
});
const siteRotate = createRoute({
  ...op("post", "/sites/{siteKey}/rotate", "rotateSiteKey", "admin", "Give a site a new key (the old one stops)", security.adminWrite),
  request: { params: siteKey },
  responses: { 200: json(siteSchema, "The site with its new key and snippet."), ...errors(...ADMIN_ERRORS, "NOT_FOUND") },
});
const outboxList = createRoute({
  ...read("/outbox", "listOutbox", "Outgoing mail, newest first"),
  ...queried(outboxQuerySchema, { 200: json(outboxListSchema, "The mails, and whether SMTP is configured.") }, ADMIN_ERRORS),
});
const outboxRead = createRoute({
  ...read("/outbox/{id}", "getOutboxMail", "One outgoing mail with its text (recorded as read)"),
  ...byNumericId(id, { 200: json(outboxMailSchema, "The mail; Cache-Control: no-store.") }, ADMIN_ERRORS, "NOT_FOUND"),
});
const outboxRetry = createRoute({
  ...op("post", "/outbox/{id}/retry", "retryOutboxMail", "admin", "Send a failed mail again now", security.adminWrite),
  ...byNumericId(id, { 200: json(outboxRetriedSchema, "Queued again.") }, ADMIN_ERRORS, "NOT_FOUND", "NOT_ALLOWED_NOW"),
});

/** Staff, licenses, sites and the outbox for the admin console (mounted inside the admin routes). */
export function adminListRoutes(deps: Deps) {
  const app = routes();
  const by = (p: Principal) => ({ actor: actorOf(p), staffId: p.kind === "staff" ? p.id : null });

  app.openapi(staffList, async (c) => c.json({ items: await listStaff(deps) }, 200));
  app.openapi(staffCreate, async (c) => {
    const r = await createStaff(deps, staffCreateSchema.parse(await readJson(c)), actorOf(c.get("principal")));
    // The generated password is shown once; no cache may keep it.
    c.header("Cache-Control", "no-store");
    return c.json(r, 201);
  });
  app.openapi(staffDisable, async (c) => c.json(await setStaffDisabled(deps, numericId(c.req.param("id")), true, by(c.get("principal"))), 200));
  app.openapi(staffEnable, async (c) => c.json(await setStaffDisabled(deps, numericId(c.req.param("id")), false, by(c.get("principal"))), 200));

  app.openapi(staffUpdate, async (c) => c.json(await updateStaff(deps, numericId(c.req.param("id")), staffUpdateSchema.parse(await readJson(c)), by(c.get("principal"))), 200));

  app.openapi(licenseList, async (c) => c.json(await listLicenses(deps, c.req.valid("query")), 200));
  app.openapi(licenseUpdate, async (c) =>
    c.json(await updateLicense(deps, c.req.param("key"), licenseUpdateSchema.parse(await readJson(c)), actorOf(c.get("principal"))), 200));
  app.openapi(siteList, async (c) => c.json({ items: await listSites(deps) }, 200));
  app.openapi(siteUpdate, async (c) =>
    c.json(await updateSite(deps, c.req.param("siteKey"), siteUpdateSchema.parse(await readJson(c)), actorOf(c.get("principal"))), 200));
  app.openapi(siteRotate, async (c) => c.json(await rotateSiteKey(deps, c.req.param("siteKey"), actorOf(c.get("principal"))), 200));

  app.openapi(outboxList, async (c) => c.json({ items: await listOutbox(deps, c.req.valid("query")), mailConfigured: Boolean(deps.config.smtpUrl) }, 200));
  app.openapi(outboxRead, async (c) => {
    const mail = await readOutboxMail(deps, numericId(c.req.param("id")), actorOf(c.get("principal")));
    // It may carry a sign-in link: no cache may keep it.
    c.header("Cache-Control", "no-store");
    return c.json(mail, 200);
  });
  app.openapi(outboxRetry, async (c) => c.json(await retryOutbox(deps, numericId(c.req.param("id")), actorOf(c.get("principal"))), 200));
  return app;
}
