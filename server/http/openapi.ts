import { Hono } from "hono";
import { z } from "zod";
import { environmentSchema } from "../../shared/api/environment";
import { ticketCreateSchema, ticketCreatedSchema } from "../../shared/api/tickets";
import { licenseCreateSchema, siteCreateSchema } from "../../shared/api/admin";
import { ERROR_STATUS } from "../../shared/error-codes";

/**
 * The OpenAPI document, generated from the same zod schemas the server validates with, so it
 * cannot drift from what the server accepts.
 */
export function openApiDocument(publicUrl: string) {
  const input = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "openapi-3.0" });
  const output = (s: z.ZodType) => z.toJSONSchema(s, { io: "output", unrepresentable: "any", target: "openapi-3.0" });
  const error = {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", enum: Object.keys(ERROR_STATUS) },
          message: { type: "string" },
          field: { type: "string" },
          requestId: { type: "string" },
        },
      },
    },
  };
  const errors = (...codes: (keyof typeof ERROR_STATUS)[]) =>
    Object.fromEntries(codes.map((c) => [String(ERROR_STATUS[c]), { description: codes.filter((x) => ERROR_STATUS[x] === ERROR_STATUS[c]).join(", "), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));
  const ticketFields = input(ticketCreateSchema) as { properties: Record<string, unknown>; required?: string[] };
  // The field's parser (JSON text or an object) has no JSON Schema of its own: say what it takes.
  const environmentNote = "The client's browser details (CONTRACT §9); staff read them back in GET /api/v1/tickets/{tid}. Unknown keys are dropped; addresses lose their query.";
  ticketFields.properties.environment = { allOf: [{ $ref: "#/components/schemas/Environment" }], description: environmentNote };
  const bearer = [{ adminToken: [] }];
  return {
    openapi: "3.0.3",
    info: { title: "Tidings API", version: "1" },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: { adminToken: { type: "http", scheme: "bearer" } },
      schemas: { Error: error, TicketCreate: ticketFields, TicketCreated: output(ticketCreatedSchema), Environment: input(environmentSchema), LicenseCreate: input(licenseCreateSchema), SiteCreate: input(siteCreateSchema) },
    },
    paths: {
      "/api/v1/tickets": {
        post: {
          summary: "Register a support ticket",
          parameters: [
            { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 8, maxLength: 200 } },
            { name: "X-Tidings-Site", in: "header", required: false, schema: { type: "string" } },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/TicketCreate" } },
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ticketFields.required,
                  properties: {
                    ...ticketFields.properties,
                    environment: { type: "string", description: `${environmentNote} In multipart: a text part holding the Environment object as JSON.` },
                    attachments: { type: "array", maxItems: 10, items: { type: "string", format: "binary" } },
                  },
                },
              },
            },
          },
          responses: {
            "201": { description: "Registered", content: { "application/json": { schema: { $ref: "#/components/schemas/TicketCreated" } } } },
            ...errors("VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "BMP_NOT_ARCHIVED", "UNSUPPORTED_ATTACHMENT", "IDEMPOTENCY_CONFLICT", "ORIGIN_NOT_ALLOWED", "RATE_LIMITED", "UNAVAILABLE"),
          },
        },
      },
      "/api/v1/tickets/{tid}": {
        get: {
          summary: "A ticket with its messages and attachment metadata",
          parameters: [{ name: "tid", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]{7,18}$" } }, { name: "token", in: "query", required: false, schema: { type: "string" } }],
          security: [...bearer, {}],
          responses: {
            "200": { description: "The ticket. For staff (the admin token or a staff session) also `assignee` and `environment` (an Environment object, or null when the client left it out); the requester sees neither." },
            ...errors("UNAUTHENTICATED", "TID_INVALID", "NOT_FOUND"),
          },
        },
      },
      "/api/v1/tickets/{tid}/attachments/{id}": {
        get: {
          summary: "An attachment's bytes, always as a download",
          parameters: [{ name: "tid", in: "path", required: true, schema: { type: "string" } }, { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          security: [...bearer, {}],
          responses: { "200": { description: "The bytes" }, ...errors("UNAUTHENTICATED", "NOT_FOUND") },
        },
      },
      "/api/v1/admin/licenses": {
        post: { summary: "Add a license", security: bearer, requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/LicenseCreate" } } } }, responses: { "201": { description: "Created" }, ...errors("UNAUTHENTICATED", "VALIDATION_FAILED", "CONFLICT") } },
      },
      "/api/v1/admin/sites": {
        post: { summary: "Register a site for the widget; answers its key and snippet", security: bearer, requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/SiteCreate" } } } }, responses: { "201": { description: "Created" }, ...errors("UNAUTHENTICATED", "VALIDATION_FAILED") } },
      },
      "/api/v1/admin/suppressions": {
        get: {
          summary: "Addresses no automatic mail goes to, with the failure (reason, enhanced code) and the mail that caused it, newest first",
          security: bearer,
          parameters: [{ name: "q", in: "query", required: false, schema: { type: "string", maxLength: 320 } }, { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } }],
          responses: { "200": { description: "{ items: SuppressionItem[] } (shared/api/suppressions.ts)" }, ...errors("UNAUTHENTICATED", "FORBIDDEN", "VALIDATION_FAILED") },
        },
      },
      "/api/v1/admin/suppressions/{address}": {
        delete: {
          summary: "Lift a suppression (recorded with the actor); re-queues the newest 10 mails held back for the address",
          security: bearer,
          parameters: [{ name: "address", in: "path", required: true, schema: { type: "string", maxLength: 320 } }],
          responses: { "200": { description: "{ email, requeued, notRequeued }" }, ...errors("UNAUTHENTICATED", "FORBIDDEN", "VALIDATION_FAILED", "NOT_FOUND") },
        },
      },
      "/api/v1/admin/mail/alerts": {
        get: {
          summary: "Delivery failures of the last 7 days whose fault is in our setup or on the way (our sender, relay access, policy, system)",
          security: bearer,
          responses: { "200": { description: "{ items: MailAlertItem[] } (shared/api/suppressions.ts)" }, ...errors("UNAUTHENTICATED", "FORBIDDEN") },
        },
      },
      "/healthz": { get: { summary: "Process up", responses: { "200": { description: "ok" } } } },
      "/readyz": { get: { summary: "Database reachable", responses: { "200": { description: "ready" }, ...errors("UNAVAILABLE") } } },
    },
  };
}

/**
 * Routes the hand-written part does not describe still appear, with their method, path parameters
 * and the common error body, so the document lists every endpoint the server has.
 */
export function withAllRoutes(doc: ReturnType<typeof openApiDocument>, routes: { method: string; path: string }[]) {
  const paths = doc.paths as Record<string, Record<string, unknown>>;
  for (const r of routes) {
    if (r.method === "ALL" || !r.path.startsWith("/api/") && !["/healthz", "/readyz"].includes(r.path)) continue;
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

/** Served lazily, so it sees every route mounted after it. */
export function openApiRoutes(publicUrl: string, routes: () => { method: string; path: string }[]) {
  const app = new Hono();
  let doc: ReturnType<typeof openApiDocument> | null = null;
  app.get("/openapi.json", (c) => c.json((doc ??= withAllRoutes(openApiDocument(publicUrl), routes()))));
  return app;
}
