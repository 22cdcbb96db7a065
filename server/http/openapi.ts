import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { SESSION_COOKIE } from "./middleware/principal";
import { documentedBodies, errors, inlinedBodies, json, routes, security } from "./contract";

type Document = ReturnType<OpenAPIHono["getOpenAPIDocument"]>;

/** The document's tags, in the order it lists them: name → description. */
const TAGS = Object.entries({
  intake: "Registering tickets: the widget, API clients and the portal form (CONTRACT §3).",
  tickets: "One ticket: reading it, its attachments, and what client and staff do on it.",
  staff: "The console's work on tickets: the queue, status, level, assignment, history.",
  supervisor: "Escalations, breaches and reassignment (SLA 5).",
  reports: "SLA, first-response, backlog and rating reports, as JSON or CSV.",
  auth: "Sign-in for staff and clients, sign-out, the first admin's setup.",
  portal: "The signed-in client's own tickets.",
  admin: "Licenses, sites, staff, the outbox, canned answers (admin token or admin account).",
  calendar: "Opening hours, holidays and closures (CONTRACT §5).",
  mail: "Inbound mail held back, suppressions and delivery alerts (CONTRACT §7).",
  kb: "The knowledge base: search now; articles, votes and deflections as the help center grows (issue 16).",
  widget: "What the embedded widget asks before it opens.",
  operations: "Probes, metrics and this document.",
}).map(([name, description]) => ({ name, description }));

const SECURITY_SCHEMES = {
  adminToken: { type: "http", scheme: "bearer", description: "TIDINGS_ADMIN_TOKEN: the admin API and any ticket." },
  session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "A staff or client session, set by POST /api/v1/auth/login or /api/v1/auth/link/consume." },
  csrfToken: { type: "apiKey", in: "header", name: "X-CSRF-Token", description: "The session's CSRF token (from sign-in or GET /api/v1/auth/me); every write made with a session cookie carries it." },
  mailLink: { type: "apiKey", in: "query", name: "token", description: "The signed ticket link from the requester's mail; it counts as the requester." },
  metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN, when it is set (GET /metrics only)." },
  mailLinkHeader: { type: "apiKey", in: "header", name: "X-Ticket-Token", description: "The same signed link token, sent as a header." },
} as const;

/** The generated document: every declared route, the bodies documented by reference, the schemes. */
export function openApiDocument(app: OpenAPIHono, publicUrl: string): Document {
  // A registry of its own over the app's, so building the document twice adds nothing twice. Its
  // class (zod-to-openapi's, a dependency of zod-openapi's only) is reached through the app's.
  type Registry = OpenAPIHono["openAPIRegistry"];
  const holder = new OpenAPIHono();
  holder.openAPIRegistry = new (app.openAPIRegistry.constructor as new (parents: Registry[]) => Registry)([app.openAPIRegistry]);
  // A clone made now has .openapi(), which zod-openapi adds only to schemas made after it loaded.
  for (const [name, schema] of documentedBodies) holder.openAPIRegistry.register(name, schema.meta({ ...schema.meta() }));
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) holder.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  const doc = holder.getOpenAPIDocument({
    openapi: "3.0.3",
    info: {
      title: "Tidings API",
      version: "1",
      description: "The HTTP API of Tidings, an open-source support desk. Every refusal has the Error body with a stable code (CONTRACT §3).",
      // The project has not chosen its license text yet (no LICENSE file); the URL is this server's home page.
      license: { name: "Open source (license to be named by the project)", url: `${publicUrl}/` },
    },
    servers: [{ url: publicUrl, description: "This server" }],
    tags: TAGS,
  });
  return typedNullables(inlineBodies(doc));
}

/**
 * OpenAPI 3.0 wants `nullable` beside a `type`. zod-to-openapi writes a nullable reference as
 * allOf [ref, {nullable}] and an unknown value as {nullable}: the first gets its type (every named
 * schema here is an object), the second is any value, null included, without the keyword.
 */
function typedNullables(doc: Document): Document {
  const fix = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fix);
    if (!node || typeof node !== "object") return node;
    let n = { ...node } as Record<string, unknown>;
    const members = Array.isArray(n.allOf) ? (n.allOf as Record<string, unknown>[]) : null;
    const loose = members?.filter((m) => m.nullable && !m.type && !m.$ref) ?? [];
    if (members && loose.length) n = { type: "object", ...(Object.assign({}, ...loose) as Record<string, unknown>), ...n, allOf: members.filter((m) => !loose.includes(m)) };
    else if (n.nullable && !n.type && !n.allOf && !n.oneOf && !n.anyOf && !n.$ref) delete n.nullable;
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, fix(v)]));
  };
  return { ...doc, components: fix(doc.components) as Document["components"], paths: fix(doc.paths) as Document["paths"] };
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
  app.openapi(documentRoute, (c) => c.json((doc ??= openApiDocument(root(), publicUrl)), 200));
  return app;
}
