import { createRoute, z } from "@hono/zod-openapi";
import {
  kbArticleDetailSchema, kbArticleListSchema, kbArticleWriteSchema, kbPreviewResultSchema, kbPreviewSchema, kbStaffListQuerySchema,
} from "../../shared/api/kb-staff";
import type { ErrorCode } from "../../shared/error-codes";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import { renderMarkdown } from "../domain/kb/markdown";
import { articleDetail, createArticle, draftFromTicket, listForStaff, updateArticle } from "../services/kb/editor";
import { requireArticleWriter, requireStaff } from "./middleware/admin-auth";
import { readJson } from "./read-json";
import { byNumericId, numericId, numericIdPath, queried, readsJson } from "./route-shapes";
import { tidParam } from "./ticket-request";
import { tidPath } from "./tickets";
import { COMMON_ERRORS, errors, json, jsonBody, op, routes, security } from "./contract";

/**
 * The console's articles (issue 16, "Staff"; mounted at /api/v1/kb/articles). Every staff member
 * lists, opens, previews and drafts from a resolved ticket; editors and admins create and update.
 * Each route carries its own guard rather than one `use("*")`: the help center and the widget
 * mount public routes under /api/v1/kb too, and a wildcard guard here would shut them.
 */
const GUARD_ERRORS: ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS];
/** A write's guard also refuses a cookie session without its CSRF header. */
const WRITER_GUARD: ErrorCode[] = [...GUARD_ERRORS, "CSRF_FAILED"];
const idPath = numericIdPath("The article's id.");

const list = createRoute({
  ...op("get", "/", "listKbArticles", "kb", "Articles for the console, drafts and internal ones included", security.staff),
  ...queried(kbStaffListQuerySchema, { 200: json(kbArticleListSchema, "Newest change first, at most 500.") }, GUARD_ERRORS),
});
const one = createRoute({
  ...op("get", "/{id}", "getKbArticleForEditing", "kb", "One article with its Markdown and revisions", security.staff),
  ...byNumericId(idPath, { 200: json(kbArticleDetailSchema, "The article.") }, GUARD_ERRORS, "NOT_FOUND"),
});
const create = createRoute({
  ...op("post", "/", "createKbArticle", "kb", "Write a new article (editors and admins)", security.staffWrite),
  ...readsJson({ body: jsonBody("KbArticleWrite", kbArticleWriteSchema) }, { 201: json(kbArticleDetailSchema, "Created, as revision 1.") }, WRITER_GUARD, "CONFLICT"),
});
const update = createRoute({
  ...op("put", "/{id}", "updateKbArticle", "kb", "Replace an article's content (editors and admins); a change writes a revision", security.staffWrite),
  description: "The same content again writes no revision. With `baseRevision` older than the stored revision the save is refused (409 CONFLICT).",
  ...readsJson({ params: idPath, body: jsonBody("KbArticleWrite", kbArticleWriteSchema) }, { 200: json(kbArticleDetailSchema, "The article now.") }, WRITER_GUARD, "NOT_FOUND", "CONFLICT"),
});
const preview = createRoute({
  ...op("post", "/preview", "previewKbArticle", "kb", "Render Markdown as the help center would, sanitised", security.staffWrite),
  ...readsJson({ body: jsonBody("KbPreview", kbPreviewSchema) }, { 200: json(kbPreviewResultSchema, "The HTML.") }, WRITER_GUARD),
});
const fromTicket = createRoute({
  ...op("post", "/from-ticket/{tid}", "draftKbArticleFromTicket", "kb", "Draft an article from a resolved ticket", security.staffWrite),
  description: "Title from the subject, body from the description and the last public staff answer; visibility draft. Any staff member may draft; an editor publishes.",
  request: { params: z.object({ tid: tidPath }) },
  responses: { 201: json(kbArticleDetailSchema, "The draft."), ...errors(...GUARD_ERRORS, "CSRF_FAILED", "TID_INVALID", "NOT_FOUND", "CONFLICT") },
});

export function kbArticleRoutes(deps: Deps) {
  const app = routes();
  const staff = [requireStaff()];
  const writer = [requireArticleWriter()];
  app.openapi({ ...list, middleware: staff }, async (c) => c.json({ items: await listForStaff(deps, c.req.valid("query")) }, 200));
  app.openapi({ ...preview, middleware: staff }, async (c) => c.json({ html: renderMarkdown(kbPreviewSchema.parse(await readJson(c)).body) }, 200));
  app.openapi({ ...fromTicket, middleware: staff }, async (c) => c.json(await draftFromTicket(deps, tidParam(c), actorOf(c.get("principal"))), 201));
  app.openapi({ ...one, middleware: staff }, async (c) => c.json(await articleDetail(deps, numericId(c.req.param("id"))), 200));
  app.openapi({ ...create, middleware: writer }, async (c) => {
    const { baseRevision: _, ...input } = kbArticleWriteSchema.parse(await readJson(c));
    return c.json(await createArticle(deps, input, actorOf(c.get("principal"))), 201);
  });
  app.openapi({ ...update, middleware: writer }, async (c) => {
    const id = numericId(c.req.param("id"));
    await updateArticle(deps, id, kbArticleWriteSchema.parse(await readJson(c)), actorOf(c.get("principal")));
    return c.json(await articleDetail(deps, id), 200);
  });
  return app;
}
