import type { MiddlewareHandler } from "hono";
import type { ChangeBus } from "../../db/change-bus";

/** Where a write may change a ticket: intake and the per-ticket actions, the portal, the supervisor's hand-overs. */
const TICKET_WRITES = /^\/api\/v1\/(tickets|portal|supervisor)(\/|$)/;

/**
 * Announces a queue change after every successful write below the ticket routes. Here, once the
 * handler has answered, its transaction has committed, so a console that fetches the queue on
 * the notice sees the change; a notice inside the transaction would have made concurrent intakes
 * commit one at a time (migration 0017). A write that changed nothing costs consoles one 304.
 */
export function announceQueueChanges(changes: Pick<ChangeBus, "announce">): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return;
    if (c.res.status < 400 && TICKET_WRITES.test(c.req.path)) changes.announce("queue");
  };
}
