/**
 * The ticket's states and the named sets the product reasons with (CONTRACT §5), written once:
 * the database's column and partial indexes (server/db/schema.ts), the services, the API schemas
 * and the pages all take them from here. A status is stored and sent over the API, so once
 * published it keeps its meaning. Free of zod: the web pages import this without the validator.
 */
export const TICKET_STATUSES = ["new", "open", "pending-client", "in-development", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Still being worked: the queue, the backlog and the supervisor's lists hold these. Order is the queue's filter order. */
export const ACTIVE_STATUSES = ["new", "open", "pending-client", "in-development"] as const satisfies readonly TicketStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/**
 * The SLA clock runs and the SLA watch looks at the ticket. A pending-client ticket's clock stands
 * still (it has no due time); it is recomputed when the client's reply resumes it.
 */
export const RUNNING_CLOCK_STATUSES = ["new", "open", "in-development"] as const satisfies readonly ActiveStatus[];

/** The clock stands still: staff wait for the client's answer (SLA 4.11). */
export const WAITING_ON_CLIENT = "pending-client" satisfies ActiveStatus;

/** Done with: credentials are purged, the client may reopen or rate, a new answer starts a new clock. */
export const DONE_STATUSES = ["resolved", "closed"] as const satisfies readonly TicketStatus[];
export type DoneStatus = (typeof DONE_STATUSES)[number];

/** What staff may set by hand; `new` is only where a ticket starts, `in-development` comes with the level. */
export const STAFF_SET_STATUSES = ["open", "pending-client", "resolved", "closed"] as const satisfies readonly TicketStatus[];
export type StaffSetStatus = (typeof STAFF_SET_STATUSES)[number];

/** A client's own (not automatic) reply moves a ticket in one of these back to `open`. */
export const RESUMED_BY_CLIENT_REPLY = [WAITING_ON_CLIENT, ...DONE_STATUSES] as const satisfies readonly TicketStatus[];

const has = <S extends string>(set: readonly S[]) => (status: string): status is S => (set as readonly string[]).includes(status);

export const isDone: (status: string) => status is DoneStatus = has(DONE_STATUSES);
export const isResumedByClientReply: (status: string) => status is (typeof RESUMED_BY_CLIENT_REPLY)[number] = has(RESUMED_BY_CLIENT_REPLY);
