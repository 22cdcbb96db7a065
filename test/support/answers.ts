import type { z } from "zod";
import type { ErrorBody } from "../../shared/error-codes";

// How a test reads an answer's JSON. `res.json()` is `any`, so a renamed field compiled and a
// misspelt one read as `undefined` without a word; these name the response schema the route
// declares, so the test is typed by the same contract as the web apps (web/shared/client.ts).
// They hand the body over as it came, without parsing: a parse would strip unknown keys and a
// test that checks a key is absent (`stack`, a secret) would then pass whatever the server sent.

/** The answer's body, typed by the route's response schema. */
export async function answerOf<S extends z.ZodType>(res: Response, _schema?: S): Promise<z.output<S>> {
  return (await res.json()) as z.output<S>;
}

/** The body of a refusal (CONTRACT §3). */
export async function errorOf(res: Response): Promise<ErrorBody> {
  return (await res.json()) as ErrorBody;
}

/** A JSON value of a shape no schema names (a test's own probe, a third party's answer). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** A body read as plain JSON, for the checks that look for what a schema would not name. */
export async function jsonOf(res: Response): Promise<{ [key: string]: Json | undefined }> {
  return (await res.json()) as { [key: string]: Json | undefined };
}
