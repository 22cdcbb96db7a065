import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import type { ErrorBody } from "../../shared/error-codes";
import { ApiError } from "../errors";
import { Rejection } from "../domain/rejection";
import type { Logger } from "../log";
import { isDatabaseUnavailable } from "../db/unavailable";
import { isCommitOutcomeUnknown } from "../db/deadline";
import { isStorageUnavailable } from "../storage/unavailable";

/**
 * The one place a failed request becomes a response. Whatever the cause, the body has the
 * CONTRACT §3 shape and never carries a stack trace or an internal message.
 */
export function errorResponse(err: unknown, c: Context, log: Logger): Response {
  const requestId = c.get("requestId") as string | undefined;
  const apiError = toApiError(err);
  c.set("errorCode", apiError.code);
  if (apiError.status >= 500 && apiError.code !== "UNAVAILABLE") {
    log.error({ requestId, err }, "unhandled error");
  } else if (apiError.code === "UNAVAILABLE") {
    log.warn({ requestId, err: String((err as Error)?.message ?? err) }, isStorageUnavailable(err) ? "storage unavailable" : "database unavailable");
  }
  const body: ErrorBody = {
    error: { code: apiError.code, message: apiError.message, ...(apiError.field ? { field: apiError.field } : {}), requestId },
  };
  return c.json(body, apiError.status as 400, apiError.headers);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Rejection) return new ApiError(err.code, err.message, { field: err.field });
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue && issue.path.length ? formatPath(issue.path) : undefined;
    return new ApiError("VALIDATION_FAILED", issue ? describeIssue(issue, field) : "The request is not valid.", { field });
  }
  if (isStorageUnavailable(err)) {
    // Blobs are written before the ticket's transaction, so a refused upload saved nothing; a retry with the same Idempotency-Key is safe either way.
    return new ApiError("UNAVAILABLE", "The file storage is briefly unavailable. Please try again in a few seconds.", { headers: { "Retry-After": "5" } });
  }
  if (isDatabaseUnavailable(err)) {
    // After COMMIT was sent we cannot know; a retry with the same key answers the saved ticket, if any.
    const message = isCommitOutcomeUnknown(err)
      ? "The service lost its database connection while saving, so this may or may not have been saved. Please try again in a few seconds with the same Idempotency-Key: if it was saved, you get that ticket, never a second one."
      : "The service is briefly unavailable. Please try again in a few seconds; nothing was saved.";
    return new ApiError("UNAVAILABLE", message, { headers: { "Retry-After": "5" } });
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError("PAYLOAD_TOO_LARGE", "The request is larger than the server accepts.");
    if (err.status === 404) return new ApiError("NOT_FOUND", "There is nothing at this address.");
    if (err.status < 500) return new ApiError("VALIDATION_FAILED", "The request could not be read.");
  }
  return new ApiError("INTERNAL", "Something went wrong on our side. It has been logged; please try again later.");
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : (i ? "." : "") + String(p))).join("");
}

function describeIssue(issue: ZodError["issues"][number], field: string | undefined): string {
  const subject = field ? `The field "${field}"` : "The request";
  if (issue.code === "invalid_type") {
    return /received undefined/.test(issue.message) ? `${subject} is required.` : `${subject} has the wrong type (expected ${issue.expected}).`;
  }
  if (issue.code === "unrecognized_keys") return `${subject} has unknown fields: ${issue.keys.join(", ")}.`;
  const msg = issue.message.replace(/^Invalid input:?\s*/i, "");
  return sentence(/^(must|is|has|should)\b/.test(msg) ? `${subject} ${msg}` : `${subject} is not valid${msg ? `: ${msg}` : ""}`);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
