/**
 * Staff roles, each one able to do what the one before can, and more: an agent works tickets, a
 * supervisor also handles escalations and may override hand-overs, an admin also runs the desk.
 */
export const STAFF_ROLES = ["agent", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who an escalating client may address (SLA 5). */
export const ESCALATION_TARGETS = ["supervisor", "account-manager"] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];
