/**
 * Staff roles. An agent works tickets, a supervisor also handles escalations and may override
 * hand-overs, an admin also runs the desk. An editor works tickets like an agent and also writes
 * the knowledge base's articles (issue 16), but is neither supervisor nor admin: the docs team
 * need not be trusted with the desk's settings. Stored as text, so a new role needs no migration.
 */
export const STAFF_ROLES = ["agent", "editor", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The roles that may write and publish articles; every staff member may read them and draft one from a ticket. */
export const ARTICLE_WRITERS = ["editor", "admin"] as const satisfies readonly StaffRole[];
export const writesArticles = (role: StaffRole) => (ARTICLE_WRITERS as readonly StaffRole[]).includes(role);

/** How a refused role is worded in validation messages. */
export const STAFF_ROLES_TEXT = "must be agent, editor, supervisor or admin";

/** Who an escalating client may address (SLA 5). */
export const ESCALATION_TARGETS = ["supervisor", "account-manager"] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];
