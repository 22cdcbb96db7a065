import type { Context } from "hono";
import { ApiError } from "../errors";

const LIMIT = 256 * 1024;

/** A small JSON body for admin and console calls; anything else is the client's mistake, said so. */
export async function readJson(c: Context): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send this request as application/json.");
  }
  const len = Number(c.req.header("content-length") ?? "0");
  if (len > LIMIT) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is larger than 256 KiB.");
  try {
    const text = await c.req.text();
    if (text.length > LIMIT) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is larger than 256 KiB.");
    return JSON.parse(text);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError("VALIDATION_FAILED", "The body is not valid JSON.", { field: "body" });
  }
}

