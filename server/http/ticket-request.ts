import type { Context } from "hono";
import { isValidTid, TID_SHAPE } from "../../shared/tid";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { ticketAccess, type TicketAccess } from "../services/tickets/ticket-access";

/** The TID from the path, checked: a mistyped one is told apart from one that does not exist. */
export function tidParam(c: Context): string {
  const tid = c.req.param("tid") ?? "";
  if (!TID_SHAPE.test(tid)) throw new ApiError("TID_INVALID", "A ticket number has 7 or more digits, like TID#1000015.", { field: "tid" });
  if (!isValidTid(tid)) {
    throw new ApiError("TID_INVALID", `TID#${tid} is not a valid ticket number: its check digit does not match. Please check it for a typo.`, { field: "tid" });
  }
  return tid;
}

/**
 * How the caller stands to the ticket named in the path: by their sign-in, or by the signed link
 * `token` from a mail. Anonymous callers without a token learn nothing, not even a TID's validity.
 */
export async function ticketRequest(c: Context, deps: Deps, token: string | undefined, anonymousMessage: string): Promise<TicketAccess> {
  const p = c.get("principal");
  if (p.kind === "anonymous" && !token) throw new ApiError("UNAUTHENTICATED", anonymousMessage);
  return ticketAccess(deps.db, deps.secret, p, tidParam(c), token);
}
