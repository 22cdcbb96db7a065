import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * The document is generated from the route declarations (server/http/contract.ts): every route the
 * app answers is in it, and each operation says its name, its tag, who may call it and how it refuses.
 */
const PAGES = /^\/(portal|console|widget|demo|help)(\/|$)|^\/widget\.js$|^\/$/;
// The probes never refuse (no input, no access control); readyz's one refusal is 503.
const NEVER_4XX = new Set(["GET /healthz", "GET /readyz"]);

describe("the OpenAPI document", () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, { operationId?: string; tags?: string[]; security?: unknown[]; responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown> } };
  beforeAll(async () => {
    t = await startTestApp("pglite");
    doc = (await (await t.app.request("/api/v1/openapi.json")).json()) as typeof doc;
  });
  afterAll(async () => { await t?.close(); });

  test("has every route of the app, with operationId, tag, security and its refusals", () => {
    // A route with its own middleware appears once a handler in app.routes.
    const routes = new Map(t.app.routes.filter((r) => r.method !== "ALL" && !PAGES.test(r.path)).map((r) => [`${r.method} ${r.path}`, r]));
    expect(routes.size).toBeGreaterThan(60);
    const ids = new Set<string>();
    for (const [name, r] of routes) {
      const operation = doc.paths[r.path.replace(/:(\w+)/g, "{$1}")]?.[r.method.toLowerCase()];
      expect(operation, name).toBeTruthy();
      expect(operation!.operationId, name).toMatch(/^[a-zA-Z]+$/);
      expect(ids.has(operation!.operationId!), `${name}: operationId ${operation!.operationId} twice`).toBe(false);
      ids.add(operation!.operationId!);
      expect(operation!.tags?.length, name).toBe(1);
      expect(Array.isArray(operation!.security), name).toBe(true);
      for (const req of operation!.security as Record<string, unknown>[]) {
        for (const scheme of Object.keys(req)) expect(doc.components.securitySchemes, `${name}: ${scheme}`).toHaveProperty(scheme);
      }
      if (!NEVER_4XX.has(name)) expect(Object.keys(operation!.responses).some((s) => /^4\d\d$/.test(s)), `${name} has no 4xx`).toBe(true);
    }
  });

  test("public routes say so, and admin routes need the admin token or a session", () => {
    expect(doc.paths["/api/v1/tickets"]!.post!.security).toEqual([]);
    expect(doc.paths["/api/v1/admin/licenses"]!.post!.security).toEqual([{ adminToken: [] }, { session: [], csrfToken: [] }]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "tidings_session" });
    expect(doc.components.securitySchemes.csrfToken).toMatchObject({ type: "apiKey", in: "header", name: "X-CSRF-Token" });
  });

  test("refusals use the shared error body and name the codes the contract lists for intake", () => {
    const intake = doc.paths["/api/v1/tickets"]!.post!.responses as Record<string, { description: string; content: { "application/json": { schema: { $ref: string } } } }>;
    const described = Object.values(intake).map((r) => r.description).join(" ");
    for (const code of ["ATTACHMENT_TOO_LARGE", "TOO_MANY_ATTACHMENTS", "ARCHIVE_REJECTED", "SITE_UNKNOWN", "UNSUPPORTED_MEDIA_TYPE", "IDEMPOTENCY_CONFLICT", "ORIGIN_NOT_ALLOWED"]) {
      expect(described).toContain(code);
    }
    expect(intake["413"]!.content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
  });
});
