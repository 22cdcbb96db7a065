import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../../shared/error-codes";
import { errorBodySchema } from "../../shared/api/error-body";

/**
 * What every route declaration is built from (ARCHITECTURE: each route declared once). A route's
 * `createRoute` object gives its validation, its entry in the OpenAPI document and its handler's
 * types; these helpers keep the repeated parts (errors, security, bodies) written once.
 */

/**
 * The one validation hook: a failed params or query check leaves like every other refusal,
 * through onError and toApiError (422 VALIDATION_FAILED with the field), never as the validator's
 * own 400 body.
 */
export function routes() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
}

type Responses = NonNullable<RouteConfig["responses"]>;

/** The error responses of a route, one entry a status, naming the codes it may carry. */
export function errors(...codes: ErrorCode[]): Responses {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: `Refused: ${list.join(", ")} (error.code).`, content: { "application/json": { schema: errorBodySchema } } },
    ]),
  );
}

/** A JSON answer, described by its output schema. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/**
 * Bodies the handler reads itself (readJson's 256 KiB limit and 415 UNSUPPORTED_MEDIA_TYPE, the
 * multipart reader of intake, text/calendar): declared by reference only, so zod-openapi adds no
 * validator and never reads the body a second time. The named schemas become components of the
 * document (openapi.ts registers them).
 */
export const documentedBodies = new Map<string, z.ZodType>();

export function bodyRef(name: string, schema: z.ZodType) {
  const known = documentedBodies.get(name);
  if (known && known !== schema) throw new Error(`Two schemas are documented as ${name}`);
  documentedBodies.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The same, written out in place in the document rather than as a component: for a form body whose
 * parts differ from its JSON twin only in how they travel (the document stays readable as before).
 */
export const inlinedBodies = new Set<string>();

export function bodyInline(name: string, schema: z.ZodType) {
  inlinedBodies.add(name);
  return bodyRef(name, schema);
}

/** A JSON body read with readJson: its schema, and the refusals reading it may give. */
export function jsonBody(name: string, schema: z.ZodType, description?: string) {
  return { required: true, ...(description ? { description } : {}), content: { "application/json": { schema: bodyRef(name, schema) } } };
}

/** What readJson refuses before the schema is asked. */
export const JSON_BODY_ERRORS: ErrorCode[] = ["UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "VALIDATION_FAILED"];

/** Every /api route can meet a database that is down (503 with Retry-After). */
export const COMMON_ERRORS: ErrorCode[] = ["UNAVAILABLE"];

/**
 * Security requirements, by who may call. A cookie session authorises a write only with the CSRF
 * header (middleware/principal.ts), so the write variants pair them.
 */
type Requirement = Record<string, string[]>;

const requirements: Record<string, Requirement[]> = {
  public: [],
  admin: [{ adminToken: [] }, { session: [] }],
  adminWrite: [{ adminToken: [] }, { session: [], csrfToken: [] }],
  staff: [{ adminToken: [] }, { session: [] }],
  staffWrite: [{ adminToken: [] }, { session: [], csrfToken: [] }],
  client: [{ session: [] }],
  clientWrite: [{ session: [], csrfToken: [] }],
  /** A ticket: staff, the requester's session, or the signed link from their mail. */
  ticket: [{ adminToken: [] }, { session: [] }, { mailLink: [] }],
  ticketWrite: [{ adminToken: [] }, { session: [], csrfToken: [] }, { mailLink: [] }, { mailLinkHeader: [] }],
  /** Sign-out works with or without a session: a session write still needs the CSRF header. */
  optionalSessionWrite: [{}, { session: [], csrfToken: [] }],
  optionalSession: [{}, { session: [] }],
};
export const security = requirements as Record<
  "public" | "admin" | "adminWrite" | "staff" | "staffWrite" | "client" | "clientWrite" | "ticket" | "ticketWrite" | "optionalSessionWrite" | "optionalSession",
  Requirement[]
>;

/** The head of an operation: its name, tag, summary and who may call it. */
export function op<M extends "get" | "post" | "put" | "patch" | "delete", P extends string>(
  method: M, path: P, operationId: string, tag: string, summary: string, callers: Requirement[],
) {
  return { method, path, operationId, tags: [tag], summary, security: callers };
}

/** A path parameter the handler checks itself (its own code and wording): described, not validated here. */
export const pathText = (description: string, extra: { pattern?: string; format?: string } = {}) => z.string().meta({ description, ...extra });
