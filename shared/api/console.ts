import { z } from "zod";
import type { SlaLevelId } from "../sla";
import { STAFF_ROLES_TEXT, STAFF_ROLES, type EscalationTarget, type StaffRole } from "../roles";
import type { ActiveStatus } from "../ticket-status";

/**
 * Bodies, queries and answers of the console's reports, canned answers, supervisor and admin-list
 * endpoints. The server validates with these schemas; the console imports the types.
 */

const email = z.string().trim().max(254).pipe(z.email("must be a valid email address")).transform((s) => s.toLowerCase());

// ---- reports -------------------------------------------------------------------------------

export const reportFormat = z.enum(["json", "csv"], { message: "must be json or csv" }).default("json");

export const reportQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1, "must be 1 to 104").max(104, "must be 1 to 104").default(12),
  format: reportFormat,
});
export const backlogQuerySchema = z.object({ format: reportFormat });

/** One ISO week in the calendar's zone: Monday 00:00 local to the next Monday 00:00 local. */
export interface ReportWeek {
  /** ISO week, e.g. "2026-W10". */
  week: string;
  /** Local date of the Monday, YYYY-MM-DD. */
  weekStart: string;
  /** The instants the week spans, UTC ISO 8601, [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
}

export interface ReportPeriod {
  timeZone: string;
  generatedAt: string;
  /** Oldest first; the last one is the current, unfinished week. */
  weeks: ReportWeek[];
}

export interface SlaReportRow {
  week: string;
  weekStart: string;
  level: SlaLevelId;
  /** Tickets received in the week on this level (the level they are on now). */
  received: number;
  /** First response at or before the response target. A subset of respondedWithinMaximum. */
  respondedWithinTarget: number;
  /** First response at or before the maximum response time. */
  respondedWithinMaximum: number;
  /** Answered after the maximum, or still unanswered past it. */
  breached: number;
  /** Unanswered, not past the maximum, still being worked. */
  open: number;
  /** Resolved or closed without a public answer and without a breach (e.g. spam, duplicates). */
  closedWithoutResponse: number;
  /** respondedWithinMaximum / (respondedWithinMaximum + breached) × 100, one decimal; null when both are 0. */
  compliancePct: number | null;
}
export interface SlaReport extends ReportPeriod {
  /** Every week × every level, zero-filled, weeks oldest first. */
  rows: SlaReportRow[];
  /** The whole period per level (week and weekStart are "total"). */
  totals: SlaReportRow[];
}

export const FIRST_RESPONSE_BUCKETS = [
  { key: "lt1h", label: "<1h", fromHours: 0, toHours: 1 },
  { key: "1-4h", label: "1–4h", fromHours: 1, toHours: 4 },
  { key: "4-8h", label: "4–8h", fromHours: 4, toHours: 8 },
  { key: "8-16h", label: "8–16h", fromHours: 8, toHours: 16 },
  { key: "16-24h", label: "16–24h", fromHours: 16, toHours: 24 },
  { key: "24-48h", label: "24–48h", fromHours: 24, toHours: 48 },
  { key: "gt48h", label: ">48h", fromHours: 48, toHours: null },
] as const;
export type FirstResponseBucketKey = (typeof FIRST_RESPONSE_BUCKETS)[number]["key"];

export interface FirstResponseRow {
  /** An SLA level id, or "all". */
  level: SlaLevelId | "all";
  /** Tickets of the period with a first response. */
  answered: number;
  /** Tickets of the period still without one. */
  unanswered: number;
  /** Median business hours to the first response, two decimals; null when none was answered. */
  medianHours: number | null;
  /** Counts per bucket, in the order of `buckets`. */
  counts: Record<FirstResponseBucketKey, number>;
}
export interface FirstResponseReport extends ReportPeriod {
  buckets: typeof FIRST_RESPONSE_BUCKETS;
  /** Every level, then "all". */
  rows: FirstResponseRow[];
}

export interface BacklogRow {
  level: SlaLevelId;
  status: ActiveStatus;
  count: number;
  /** Unanswered and past the response target now. */
  pastTarget: number;
  /** Unanswered and past the maximum response time now. */
  pastMaximum: number;
}
export interface BacklogReport {
  timeZone: string;
  generatedAt: string;
  /** Only the level × status pairs that have tickets. */
  rows: BacklogRow[];
  byLevel: Array<Omit<BacklogRow, "status">>;
  total: { count: number; pastTarget: number; pastMaximum: number };
}

export interface RatingsReport extends ReportPeriod {
  /** Per week of confirmation, zero-filled; average null for a week without votes. */
  perWeek: Array<{ week: string; weekStart: string; count: number; average: number | null }>;
  /** Votes per score over the period. */
  distribution: Record<"1" | "2" | "3" | "4" | "5", number>;
  count: number;
  average: number | null;
  /** The 20 latest votes with a comment. Client text: render it as text. */
  comments: Array<{ tid: string; subject: string; level: string; score: number; comment: string; confirmedAt: string }>;
}

// ---- canned answers ------------------------------------------------------------------------

export const CANNED_CATEGORIES = ["docs", "out-of-scope", "general"] as const;
export type CannedCategory = (typeof CANNED_CATEGORIES)[number];

export const cannedQuerySchema = z.object({
  locale: z.enum(["en", "de"], { message: "must be en or de" }).optional(),
  category: z.enum(CANNED_CATEGORIES).optional(),
});

export const cannedInputSchema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(200),
  locale: z.enum(["en", "de"], { message: "must be en or de" }),
  body: z.string().trim().min(1, "must not be empty").max(20_000),
  category: z.enum(CANNED_CATEGORIES, { message: `must be one of ${CANNED_CATEGORIES.join(", ")}` }).default("docs"),
});
export type CannedInput = z.output<typeof cannedInputSchema>;

export interface CannedAnswer {
  id: number;
  title: string;
  locale: "en" | "de";
  /** Plain text; `{{link}}` marks where the agent puts the documentation address. */
  body: string;
  category: string;
  updatedBy: string;
  updatedAt: string;
}

// ---- supervisor ----------------------------------------------------------------------------

export const escalationHandledSchema = z.object({ note: z.string().trim().max(2000).optional() });
export const supervisorAssignSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email("must be a staff member's email address")).transform((s) => s.toLowerCase()).nullable(),
});
export const listLimitSchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export interface OpenEscalation {
  id: number;
  target: EscalationTarget;
  reason: string;
  byEmail: string;
  createdAt: string;
  ticket: { tid: string; subject: string; slaLevel: string; status: string; urgent: boolean; requesterEmail: string };
}

export interface BreachedTicket {
  tid: string;
  subject: string;
  status: string;
  slaLevel: string;
  urgent: boolean;
  requesterEmail: string;
  receivedAt: string;
  responseTargetAt: string | null;
  responseDueAt: string | null;
  firstResponseAt: string | null;
  /** The answer to the clock that runs now (after a reopening, the answer since). */
  answeredAt: string | null;
  breached: boolean;
  assignee: { id: number; email: string; name: string | null } | null;
}

// ---- admin lists ---------------------------------------------------------------------------

export const staffCreateSchema = z.object({
  email,
  role: z.enum(STAFF_ROLES, { message: STAFF_ROLES_TEXT }),
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(10, "must have at least 10 characters").max(200).optional(),
});

export const licenseListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The last id of the previous page. */
  after: z.coerce.number().int().min(0).optional(),
  /** Part of the key, the holder or one of the emails. */
  q: z.string().trim().max(200).optional(),
});

export const outboxQuerySchema = z.object({
  /** Absent: pending and failed together. */
  status: z.enum(["pending", "failed", "sent"], { message: "must be pending, failed or sent" }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface StaffMember {
  id: number;
  email: string;
  name: string | null;
  role: StaffRole;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface LicenseListItem {
  id: number;
  key: string;
  holder: string;
  category: "partner" | "commercial" | "non-commercial";
  edition: "cloud" | "self-hosted";
  supportUntil: string | null;
  /** Support has not run out (judged by today's date in the calendar's zone). */
  supportActive: boolean;
  accountManagerEmail: string | null;
  createdAt: string;
  emails: Array<{ email: string; isContact: boolean }>;
}

export interface SiteListItem {
  id: number;
  siteKey: string;
  name: string;
  allowedOrigins: string[];
  /** Switched off: its widget files nothing until an admin switches it on again. */
  disabled: boolean;
  /** The acknowledgement of its tickets lists matching public articles. */
  ackArticles: boolean;
  createdAt: string;
  snippet: string;
}

export interface OutboxListItem {
  id: number;
  tid: string | null;
  kind: string;
  to: string;
  subject: string;
  status: "pending" | "sent" | "failed" | "suppressed";
  automatic: boolean;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  createdAt: string;
}

/** One outgoing mail in full, for an admin to read (and, without a mail server, to follow its links). */
export interface OutboxMail extends OutboxListItem {
  text: string;
  html: string | null;
  /** The web addresses in the text, in order, each once: sign-in and ticket links among them. */
  links: string[];
}

export interface OutboxList {
  items: OutboxListItem[];
  /** False when no SMTP_URL is set: mail then waits here and can only be read in the console. */
  mailConfigured: boolean;
}
