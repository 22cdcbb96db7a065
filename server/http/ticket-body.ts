import type { Context } from "hono";
import type { UploadedFile } from "../domain/attachments/judge";
import { ApiError } from "../errors";
import { Rejection } from "../domain/rejection";
import { readMultipart, type MultipartOptions } from "./multipart";
import { readBodyText } from "./node-body";

/** A JSON body read straight from the socket under this limit (node-body.ts), for a route with no body limit in front. */
export interface DirectJson { limit: number; tooLarge: () => never }

export interface TicketBodyOptions {
  /** A multipart body streams its files to temporary files under its own limit (multipart.ts). */
  multipart: MultipartOptions;
  json?: DirectJson;
  /**
   * Told the code of an attachment refused while the body streamed in (too large, too many):
   * those never reach the service's judge, which counts the rest in the metrics.
   */
  onRefused?: (code: string) => void;
}

export interface TicketBody { fields: Record<string, unknown>; files: UploadedFile[] }

/**
 * Reads a registration body, JSON or multipart, into plain fields and files, and runs `work` on
 * it; the files are temporary files that are gone when this returns or throws, whatever `work`
 * did (the store keeps its own link or copy). Validation of the fields and judging of the files
 * happen in the service; this only refuses what cannot be read.
 */
export async function withTicketBody<T>(c: Context, opts: TicketBodyOptions, work: (body: TicketBody) => Promise<T>): Promise<T> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) return work(await readJsonTicket(c, opts.json));
  if (/^multipart\/form-data\b/i.test(type)) {
    const body = await readMultipart(c, opts.multipart).catch((e: unknown) => {
      if (e instanceof Rejection) opts.onRefused?.(e.code);
      throw e;
    });
    try {
      return await work(body);
    } finally {
      await body.release();
    }
  }
  throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the ticket as application/json or multipart/form-data.");
}

async function readJsonTicket(c: Context, direct: DirectJson | undefined): Promise<TicketBody> {
  let body: unknown;
  try {
    body = direct ? JSON.parse(await readBodyText(c, direct.limit, direct.tooLarge)) : await c.req.json();
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError("VALIDATION_FAILED", "The body is not valid JSON.", { field: "body" });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError("VALIDATION_FAILED", "The body must be a JSON object.", { field: "body" });
  }
  if ("attachments" in body) {
    throw new ApiError("VALIDATION_FAILED", "Attachments can only be sent as multipart/form-data.", { field: "attachments" });
  }
  return { fields: body as Record<string, unknown>, files: [] };
}
