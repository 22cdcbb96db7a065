import type { ErrorCode } from "../../shared/error-codes";

/**
 * The domain's "no": a stable code, a sentence for a person and the field it concerns. It knows
 * nothing of HTTP; the transports turn it into their answer (http/on-error.ts: the error body and
 * status; SMTP: a refused attachment listed in the acknowledgement).
 */
export class Rejection extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, opts: { field?: string } = {}) {
    super(message);
    this.name = "Rejection";
    this.code = code;
    this.field = opts.field;
  }
}
