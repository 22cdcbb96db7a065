import { createRoute } from "@hono/zod-openapi";
import { kbSearchQuerySchema, kbSearchResponseSchema } from "../../shared/api/kb";
import { isStaff } from "../../shared/principal";
import type { Deps } from "../deps";
import { searchArticles } from "../services/kb/search";
import { COMMON_ERRORS, json, op, routes, security } from "./contract";
import { queried } from "./route-shapes";

const search = createRoute({
  ...op("get", "/search", "searchKb", "kb", "Search the knowledge base", security.optionalSession),
  description: "Public articles for anyone; a staff session (or the admin token) also finds internal ones. Drafts and articles scheduled for later are never found. A query that no article fits answers an empty list.",
  ...queried(kbSearchQuerySchema, { 200: json(kbSearchResponseSchema, "The matching articles, best first.") }, COMMON_ERRORS),
});

/** The knowledge base's API (mounted at /api/v1/kb); the help center pages are rendered elsewhere. */
export function kbRoutes(deps: Deps) {
  const app = routes();
  app.openapi(search, async (c) => {
    const audience = isStaff(c.get("principal")) ? "staff" : "public";
    return c.json(await searchArticles(deps, c.req.valid("query"), audience, { source: audience === "staff" ? "console" : "api" }), 200);
  });
  return app;
}
