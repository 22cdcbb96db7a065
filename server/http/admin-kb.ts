import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { KB_FOLDER_LIMITS, kbFolderSchema, kbImportReportSchema } from "../../shared/api/kb-folder";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { exportFiles, importFiles } from "../services/kb/folder";
import { ADMIN_ERRORS } from "./admin-lists";
import { JSON_BODY_ERRORS, errors, json, jsonBody, op, routes, security } from "./contract";

const importRoute = createRoute({
  ...op("post", "/import", "importKbFolder", "admin", "Import a docs folder's .md files (what `tidings kb import DIR` sends while a server runs)", security.adminWrite),
  request: { body: jsonBody("KbFolder", kbFolderSchema, "Creates or updates by locale and slug; an unchanged file changes nothing.") },
  responses: { 200: json(kbImportReportSchema, "What each file did."), ...errors(...ADMIN_ERRORS, ...JSON_BODY_ERRORS) },
});
const exportRoute = createRoute({
  ...op("get", "/export", "exportKbFolder", "admin", "Every article, drafts included, as the files of a docs folder", security.admin),
  responses: { 200: json(kbFolderSchema, "The files, `<locale>/<slug>.md`."), ...errors(...ADMIN_ERRORS) },
});

const tooLarge = () => {
  throw new ApiError("PAYLOAD_TOO_LARGE", `The folder is larger than ${KB_FOLDER_LIMITS.bytes / 1024 / 1024} MiB; import it in parts.`);
};

/** A folder is larger than the admin API's usual 256 KiB JSON (read-json.ts): its own limit. */
async function readFolder(c: Context) {
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send this request as application/json.");
  const body: unknown = await c.req.json().catch(() => { throw new ApiError("VALIDATION_FAILED", "The body is not valid JSON.", { field: "body" }); });
  return kbFolderSchema.parse(body);
}

/** Docs as code through the admin API (mounted at /api/v1/admin/kb, behind the admin guard). */
export function adminKbRoutes(deps: Deps) {
  const app = routes();
  app.openapi({ ...importRoute, middleware: [bodyLimit({ maxSize: KB_FOLDER_LIMITS.bytes, onError: tooLarge })] as const }, async (c) => {
    const folder = await readFolder(c);
    return c.json(await importFiles(deps, folder.files, actorOf(c.get("principal"))), 200);
  });
  app.openapi(exportRoute, async (c) => c.json({ files: await exportFiles(deps) }, 200));
  return app;
}
