import { Hono } from "hono";
import { z } from "zod";
import { licenseListQuerySchema, outboxQuerySchema, staffCreateSchema } from "../../shared/api/console";
import { licenseUpdateSchema, siteUpdateSchema, staffUpdateSchema } from "../../shared/api/admin";
import { rotateSiteKey, updateSite } from "../services/sites";
import { updateLicense } from "../services/licenses";
import { actorOf, type Principal } from "../../shared/principal";
import type { Deps } from "../deps";
import { createStaff, listLicenses, listOutbox, listSites, listStaff, readOutboxMail, retryOutbox, setStaffDisabled, updateStaff } from "../services/admin-lists";
import { readJson } from "./read-json";

const idParam = (raw: string | undefined) => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).parse(raw);

/** Staff, licenses, sites and the outbox for the admin console (mounted inside the admin routes). */
export function adminListRoutes(deps: Deps) {
  const app = new Hono();
  const by = (p: Principal) => ({ actor: actorOf(p), staffId: p.kind === "staff" ? p.id : null });

  app.get("/staff", async (c) => c.json({ items: await listStaff(deps) }));
  app.post("/staff", async (c) => {
    const r = await createStaff(deps, staffCreateSchema.parse(await readJson(c)), actorOf(c.get("principal")));
    // The generated password is shown once; no cache may keep it.
    c.header("Cache-Control", "no-store");
    return c.json(r, 201);
  });
  app.post("/staff/:id/disable", async (c) => c.json(await setStaffDisabled(deps, idParam(c.req.param("id")), true, by(c.get("principal")))));
  app.post("/staff/:id/enable", async (c) => c.json(await setStaffDisabled(deps, idParam(c.req.param("id")), false, by(c.get("principal")))));

  app.patch("/staff/:id", async (c) => c.json(await updateStaff(deps, idParam(c.req.param("id")), staffUpdateSchema.parse(await readJson(c)), by(c.get("principal")))));

  app.get("/licenses", async (c) => c.json(await listLicenses(deps, licenseListQuerySchema.parse(c.req.query()))));
  app.patch("/licenses/:key", async (c) =>
    c.json(await updateLicense(deps, c.req.param("key"), licenseUpdateSchema.parse(await readJson(c)), actorOf(c.get("principal")))));
  app.get("/sites", async (c) => c.json({ items: await listSites(deps) }));
  app.patch("/sites/:siteKey", async (c) =>
    c.json(await updateSite(deps, c.req.param("siteKey"), siteUpdateSchema.parse(await readJson(c)), actorOf(c.get("principal")))));
  app.post("/sites/:siteKey/rotate", async (c) => c.json(await rotateSiteKey(deps, c.req.param("siteKey"), actorOf(c.get("principal")))));

  app.get("/outbox", async (c) => c.json({ items: await listOutbox(deps, outboxQuerySchema.parse(c.req.query())), mailConfigured: Boolean(deps.config.smtpUrl) }));
  app.get("/outbox/:id", async (c) => {
    const mail = await readOutboxMail(deps, idParam(c.req.param("id")), actorOf(c.get("principal")));
    // It may carry a sign-in link: no cache may keep it.
    c.header("Cache-Control", "no-store");
    return c.json(mail);
  });
  app.post("/outbox/:id/retry", async (c) => c.json(await retryOutbox(deps, idParam(c.req.param("id")), actorOf(c.get("principal")))));
  return app;
}
