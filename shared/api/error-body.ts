import { z } from "zod";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../error-codes";

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The body of every error response (CONTRACT §3), as a schema for the OpenAPI document and for clients. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: "Stable, UPPER_SNAKE; clients translate by it." }),
      message: z.string().meta({ description: "A sentence for people; never internal detail." }),
      field: z.string().optional().meta({ description: 'The input at fault, like "email" or "attachments[2]".' }),
      requestId: z.string().optional().meta({ description: "Quote it to support; it names the request in the logs." }),
    }),
  })
  .meta({ id: "Error", description: "Every refusal has this body." });

// The interface in error-codes.ts and this schema describe one body: a drift fails the compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameBody: Same<z.output<typeof errorBodySchema>, ErrorBody> = true;
void sameBody;
