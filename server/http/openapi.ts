import { OpenApiGeneratorV3, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { SESSION_COOKIE } from "./middleware/principal";
import { documentedBodies, errors, inlinedBodies, json, routes, security } from "./contract";

type Document = ReturnType<OpenAPIHono["getOpenAPIDocument"]>;

const TAGS = [
  { name: "intake", description: "Registering tickets: the widget, API clients and the portal form (CONTRACT §3)." },
  { name: "tickets", description: "One ticket: reading it, its attachments, and what client and staff do on it." },
  { name: "staff", description: "The console's work on tickets: the queue, status, level, assignment, history." },
  { name: "supervisor", description: "Escalations, breaches and reassignment (SLA 5)." },
  { name: "reports", description: "SLA, first-response, backlog and rating reports, as JSON or CSV." },
  { name: "auth", description: "Sign-in for staff and clients, sign-out, the first admin's setup." },
  { name: "portal", description: "The signed-in client's own tickets." },
  { name: "admin", description: "Licenses, sites, staff, the outbox, canned answers (admin token or admin account)." },
  { name: "calendar", description: "Opening hours, holidays and closures (CONTRACT §5)." },
  { name: "mail", description: "Inbound mail held back, suppressions and delivery alerts (CONTRACT §7)." },
  { name: "widget", description: "What the embedded widget asks before it opens." },
  { name: "operations", description: "Probes, metrics and this document." },
];

const SECURITY_SCHEMES = {
  adminToken: { type: "http", scheme: "bearer", description: "TIDINGS_ADMIN_TOKEN: the admin API and any ticket." },
  session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "A staff or client session, set by POST /api/v1/auth/login or /api/v1/auth/link/consume." },
  csrfToken: { type: "apiKey", in: "header", name: "X-CSRF-Token", description: "The session's CSRF token (from sign-in or GET /api/v1/auth/me); every write made with a session cookie carries it." },
  mailLink: { type: "apiKey", in: "query", name: "token", description: "The signed ticket link from the requester's mail; it counts as the requester." },
  mailLinkHeader: { type: "apiKey", in: "header", name: "X-Ticket-Token", description: "The same signed link token, sent as a header." },
} as const;

/** The generated document: every declared route, the bodies documented by reference, the schemes. */
export function openApiDocument(app: OpenAPIHono, publicUrl: string, routeList: { method: string; path: string }[] = []): Document {
  // A registry of its own over the app's, so building the document twice adds nothing twice.
  const registry = new OpenAPIRegistry([app.openAPIRegistry]);
  for (const [name, schema] of documentedBodies) registry.register(name, schema);
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) registry.registerComponent("securitySchemes", name, scheme);
  const doc = new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: "3.0.3",
    info: {
      title: "Tidings API",
      version: "1",
      description: "The HTTP API of Tidings, an open-source support desk. Every refusal has the Error body with a stable code (CONTRACT §3).",
      license: { name: "Open source: see the project's LICENSE file", url: `${publicUrl}/` },
    },
    servers: [{ url: publicUrl, description: "This server" }],
    tags: TAGS,
  });
  return withAllRoutes(inlineBodies(doc), routeList);
}

/** Writes the bodies marked inline (contract.ts bodyInline) in place of their references. */
function inlineBodies(doc: Document): Document {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    const ref = (node as { $ref?: string }).$ref?.replace("#/components/schemas/", "");
    if (ref && inlinedBodies.has(ref)) return schemas[ref];
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  const paths = walk(doc.paths) as Document["paths"];
  for (const name of inlinedBodies) delete schemas[name];
  return { ...doc, paths };
}

/**
 * Routes not yet declared with createRoute still appear, with their method, path parameters and
 * the common error body, so the document lists every endpoint while the conversion goes on.
 */
export function withAllRoutes(doc: Document, routeList: { method: string; path: string }[]): Document {
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  for (const r of routeList) {
    if (r.method === "ALL" || !r.path.startsWith("/api/") && !["/healthz", "/readyz", "/metrics"].includes(r.path)) continue;
    const path = r.path.replace(/:(\w+)/g, "{$1}");
    const method = r.method.toLowerCase();
    paths[path] ??= {};
    if (paths[path]![method]) continue;
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    paths[path]![method] = {
      summary: `${r.method} ${path}`,
      parameters: params,
      responses: { default: { description: "JSON, or the error body", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
    };
  }
  return doc;
}

const documentRoute = createRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  tags: ["operations"],
  summary: "This API's OpenAPI 3.0 document",
  security: security.optionalSession,
  responses: {
    200: json(z.looseObject({ openapi: z.string() }), "The OpenAPI document, generated from the route declarations."),
    ...errors("PASSWORD_CHANGE_REQUIRED"),
  },
});

/** Served lazily and once, so it sees every route mounted after it. */
export function openApiRoutes(publicUrl: string, root: () => OpenAPIHono) {
  const app = routes();
  let doc: Document | null = null;
  app.openapi(documentRoute, (c) => c.json((doc ??= openApiDocument(root(), publicUrl, root().routes)), 200));
  return app;
}
