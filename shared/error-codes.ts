/**
 * Every stable error code the API can answer with, and its HTTP status. The widget, portal and
 * console translate by code, so a code, once published, keeps its meaning.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BMP_NOT_ARCHIVED: 415,
  UNSUPPORTED_ATTACHMENT: 415,
  ATTACHMENT_TOO_LARGE: 413,
  TOO_MANY_ATTACHMENTS: 413,
  ARCHIVE_REJECTED: 422,
  IDEMPOTENCY_CONFLICT: 409,
  ORIGIN_NOT_ALLOWED: 403,
  SITE_UNKNOWN: 403,
  SITE_DISABLED: 403,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TID_INVALID: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 423,
  CSRF_FAILED: 403,
  LINK_INVALID: 410,
  INVALID_CREDENTIALS: 401,
  NOT_ALLOWED_NOW: 409,
  HANDOVER_NOT_ENTITLED: 409,
  PASSWORD_CHANGE_REQUIRED: 403,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes only staff meet (the console words them); the widget's dialog does not carry their text. */
export type StaffOnlyErrorCode = "HANDOVER_NOT_ENTITLED";

/** The body of every error response (CONTRACT §3). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; requestId?: string };
}
