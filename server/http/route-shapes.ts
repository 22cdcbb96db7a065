import { z, type RouteConfig } from "@hono/zod-openapi";
import type { ErrorCode } from "../../shared/error-codes";
import { JSON_BODY_ERRORS, errors, pathText, type jsonBody } from "./contract";

/**
 * The request and answers of the route shapes that recur across the route files, each with the
 * refusals it implies written once, so a declaration names only what is its own (contract.ts has
 * the parts these are made of).
 */

export type Answers = NonNullable<RouteConfig["responses"]>;
type Params = NonNullable<RouteConfig["request"]>["params"];

/**
 * A list read with a query zod checks: a bad query leaves as 422 VALIDATION_FAILED (contract.ts
 * routes()), after what the guard refuses.
 */
export function queried<Q extends z.ZodObject, A extends Answers>(query: Q, answers: A, guard: readonly ErrorCode[]) {
  return { request: { query }, responses: { ...answers, ...errors(...guard, "VALIDATION_FAILED") } };
}

/**
 * A route whose JSON body the handler reads with readJson (declared by reference, see jsonBody):
 * readJson's refusals come between the guard's and the route's own.
 */
export function readsJson<R extends { params?: Params; body: ReturnType<typeof jsonBody> }, A extends Answers>(
  request: R, answers: A, guard: readonly ErrorCode[], ...own: ErrorCode[]
) {
  return { request, responses: { ...answers, ...errors(...guard, ...JSON_BODY_ERRORS, ...own) } };
}

/** An `{id}` path parameter that is a row's number: described here, checked by the handler (numericId). */
export const numericIdPath = (description = "A positive whole number.") => z.object({ id: pathText(description, { pattern: "^[0-9]+$" }) });

/**
 * A route on one row named by its numeric `{id}` (numericIdPath), with no body: an id that is not
 * a number is 422 VALIDATION_FAILED (numericId), after what the guard refuses and before the route's own.
 */
export function byNumericId<A extends Answers>(params: ReturnType<typeof numericIdPath>, answers: A, guard: readonly ErrorCode[], ...own: ErrorCode[]) {
  return { request: { params }, responses: { ...answers, ...errors(...guard, "VALIDATION_FAILED", ...own) } };
}

/** The `{id}` of numericIdPath as a number; anything else is 422 VALIDATION_FAILED. */
export const numericId = (raw: string | undefined) => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).parse(raw);
