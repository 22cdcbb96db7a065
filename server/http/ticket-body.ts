import type { Context } from "hono";
import { ApiError } from "../errors";
import { readBodyText } from "./node-body";

const FILE_FIELDS = new Set(["attachments", "attachments[]"]);
const MAX_FILE_PARTS = 50;

/** A JSON body read straight from the socket under this limit (node-body.ts), for a route with no body limit in front. */
export interface DirectJson { limit: number; tooLarge: () => never }

/**
 * Reads a registration body, JSON or multipart, into plain fields and files. Validation of the
 * fields and judging of the files happen in the service; this only refuses what cannot be read.
 */
export async function readTicketBody(c: Context, direct?: DirectJson): Promise<{ fields: Record<string, unknown>; files: { name: string; bytes: Buffer }[] }> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) {
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
  if (/^multipart\/form-data\b/i.test(type)) {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError("VALIDATION_FAILED", "The form data could not be read.", { field: "body" });
    }
    const fields: Record<string, unknown> = {};
    const files: { name: string; bytes: Buffer }[] = [];
    for (const [key, raw] of Object.entries(form)) {
      const values = Array.isArray(raw) ? raw : [raw];
      if (FILE_FIELDS.has(key)) {
        for (const v of values) {
          if (typeof v === "string") {
            if (v === "") continue;
            throw new ApiError("VALIDATION_FAILED", "Each attachment must be a file.", { field: `attachments[${files.length}]` });
          }
          if (files.length >= MAX_FILE_PARTS) break;
          files.push({ name: v.name || "attachment", bytes: Buffer.from(await v.arrayBuffer()) });
        }
        continue;
      }
      if (values.length > 1) throw new ApiError("VALIDATION_FAILED", `The field "${key}" was sent more than once.`, { field: key });
      const v = values[0]!;
      // phpinfo may come as a text part or as an uploaded file; both are text.
      fields[key] = typeof v === "string" ? v : key === "phpinfo" ? await v.text() : fileInTextField(key);
    }
    return { fields, files };
  }
  throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the ticket as application/json or multipart/form-data.");
}

function fileInTextField(key: string): never {
  throw new ApiError("VALIDATION_FAILED", `The field "${key}" must be text, not a file.`, { field: key });
}
