import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { registerTicket } from "../services/intake";
import { checkSiteOrigin } from "../services/sites";
import { findTicketView, findAttachment } from "../services/ticket-view";
import type { TicketAccess } from "../services/ticket-access";
import { ticketRequest } from "./ticket-request";
import { rateLimit } from "./middleware/rate-limit";
import { readTicketBody } from "./ticket-body";
import { fromAcceptLanguage } from "../../shared/locale";

/** Whole multipart bodies: 25 MiB of files, 2 MiB of phpinfo, the text fields, and the framing. */
export const MULTIPART_LIMIT = 29 * 1024 * 1024;
export const JSON_LIMIT = 3 * 1024 * 1024;

export function ticketRoutes(deps: Deps) {
  const app = new Hono();
  const tooLarge = () => {
    throw new ApiError("PAYLOAD_TOO_LARGE", "The request is too large: attachments may total at most 25 MiB, and a JSON body at most 3 MiB.");
  };

  app.post(
    "/",
    rateLimit({ ...deps.config.intakeRateLimit, trustProxy: deps.config.trustProxy, message: "Too many tickets from your address in a short time. Please wait a moment and try again." }),
    async (c, next) => {
      const isJson = /^application\/json\b/i.test(c.req.header("content-type") ?? "");
      return bodyLimit({ maxSize: isJson ? JSON_LIMIT : MULTIPART_LIMIT, onError: tooLarge })(c, next);
    },
    async (c) => {
      const siteKey = c.req.header("x-tidings-site");
      const siteId = siteKey ? await checkSiteOrigin(deps.db, siteKey, c.req.header("origin")) : null;
      const idempotencyKey = c.req.header("idempotency-key");
      const { fields, files } = await readTicketBody(c);
      const { ticket, replayed } = await registerTicket(deps, {
        fields, files, channel: siteId ? "widget" : "api", siteId, idempotencyKey, acceptLocale: fromAcceptLanguage(c.req.header("accept-language")),
      });
      if (replayed) c.header("Idempotent-Replayed", "true");
      c.header("Location", `/api/v1/tickets/${ticket.tid}`);
      return c.json(ticket, 201);
    },
  );

  app.get("/:tid", async (c) => {
    const { tid, role, token } = await authorize(c, deps);
    const view = await findTicketView(deps.db, tid, { includeInternal: role === "staff", token });
    if (!view) throw notFound(tid);
    return c.json(view);
  });

  app.get("/:tid/attachments/:id", async (c) => {
    const { tid, role } = await authorize(c, deps);
    const found = await findAttachment(deps.db, tid, c.req.param("id"), role === "staff");
    if (!found) throw new ApiError("NOT_FOUND", "This ticket has no such attachment.");
    const bytes = await deps.blobs.get(found.sha256);
    if (!bytes) throw new ApiError("NOT_FOUND", "The attachment's bytes are no longer stored.");
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": found.contentType,
        "Content-Length": String(bytes.length),
        "Content-Disposition": contentDisposition(found.fileName),
        "X-Content-Type-Options": "nosniff",
        // Even if a browser were tricked into rendering it, nothing in it may run or load.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  });

  return app;
}

async function authorize(c: Context, deps: Deps): Promise<TicketAccess & { token?: string }> {
  const token = c.req.query("token");
  const access = await ticketRequest(c, deps, token, "Sign in, or open the link from your acknowledgement mail, to see this ticket.");
  return { ...access, token: access.role === "staff" ? undefined : token };
}

function notFound(tid: string) {
  return new ApiError("NOT_FOUND", `There is no ticket TID#${tid}.`);
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
