import { ERROR_STATUS, type ErrorCode } from "../shared/error-codes";

/**
 * The one error type a request may end with. Its message is shown to people as it is, so it must
 * be a sentence a client understands and must never carry internal detail.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { field?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.field = opts.field;
    this.headers = opts.headers;
  }
}
