import { Rejection } from "./domain/rejection";
import { ERROR_STATUS, type ErrorCode } from "../shared/error-codes";

/**
 * The one error type a request may end with. Its message is shown to people as it is, so it must
 * be a sentence a client understands and must never carry internal detail.
 */
export class ApiError extends Rejection {
  readonly status: number;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { field?: string; headers?: Record<string, string> } = {}) {
    super(code, message, opts);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
    this.headers = opts.headers;
  }
}
