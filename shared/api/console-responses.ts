import { z } from "zod";
import { STAFF_ROLES } from "../roles";
import { FIRST_RESPONSE_BUCKETS } from "./console";
import { WEEKDAYS } from "./calendar";
import { TICKET_STATUSES } from "../ticket-status";
import { at } from "./instant";

/**
 * Answers of the console's routes (staff, supervisor, admin), as output schemas for the OpenAPI
 * document. The handlers are typed by them (zod-openapi), so a service that answers otherwise
 * fails the compile. Levels and statuses are strings; their vocabulary lives elsewhere in shared/.
 */
const itemsOf = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item) }).meta({ id });
const role = z.enum(STAFF_ROLES);
const category = z.enum(["partner", "commercial", "non-commercial"]);
const edition = z.enum(["cloud", "self-hosted"]);

// ---- reports
const week = z.object({ week: z.string(), weekStart: z.string(), startsAt: at, endsAt: at });
const period = { timeZone: z.string(), generatedAt: at, weeks: z.array(week) };
const slaRow = z.object({
  week: z.string(), weekStart: z.string(), level: z.string(), received: z.number().int(), respondedWithinTarget: z.number().int(),
  respondedWithinMaximum: z.number().int(), breached: z.number().int(), open: z.number().int(), closedWithoutResponse: z.number().int(), compliancePct: z.number().nullable(),
});
export const slaReportSchema = z.object({ ...period, rows: z.array(slaRow), totals: z.array(slaRow) }).meta({ id: "SlaReport" });
export const firstResponseReportSchema = z
  .object({
    ...period,
    buckets: z.array(z.object({ key: z.enum(FIRST_RESPONSE_BUCKETS.map((b) => b.key)), label: z.string(), fromHours: z.number(), toHours: z.number().nullable() })).readonly(),
    rows: z.array(z.object({
      level: z.string(), answered: z.number().int(), unanswered: z.number().int(), medianHours: z.number().nullable(),
      counts: z.object(Object.fromEntries(FIRST_RESPONSE_BUCKETS.map((b) => [b.key, z.number().int()])) as Record<(typeof FIRST_RESPONSE_BUCKETS)[number]["key"], z.ZodNumber>),
    })),
  })
  .meta({ id: "FirstResponseReport" });
const backlogCounts = { count: z.number().int(), pastTarget: z.number().int(), pastMaximum: z.number().int() };
export const backlogReportSchema = z
  .object({
    timeZone: z.string(), generatedAt: at,
    rows: z.array(z.object({ level: z.string(), status: z.enum(TICKET_STATUSES), ...backlogCounts })),
    byLevel: z.array(z.object({ level: z.string(), ...backlogCounts })),
    total: z.object(backlogCounts),
  })
  .meta({ id: "BacklogReport" });
export const ratingsReportSchema = z
  .object({
    ...period,
    perWeek: z.array(z.object({ week: z.string(), weekStart: z.string(), count: z.number().int(), average: z.number().nullable() })),
    distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
    count: z.number().int(),
    average: z.number().nullable(),
    comments: z.array(z.object({ tid: z.string(), subject: z.string(), level: z.string(), score: z.number().int(), comment: z.string(), confirmedAt: at })),
  })
  .meta({ id: "RatingsReport" });

// ---- canned answers, supervisor
export const cannedAnswerSchema = z
  .object({ id: z.number().int(), title: z.string(), locale: z.enum(["en", "de"]), body: z.string(), category: z.string(), updatedBy: z.string(), updatedAt: at })
  .meta({ id: "CannedAnswer" });
export const cannedListSchema = itemsOf(cannedAnswerSchema, "CannedList");
export const deletedSchema = z.object({ id: z.number().int(), deleted: z.boolean() }).meta({ id: "Deleted" });
const ticketBrief = { tid: z.string(), subject: z.string(), slaLevel: z.string(), status: z.string(), urgent: z.boolean(), requesterEmail: z.string() };
export const escalationListSchema = itemsOf(
  z.object({ id: z.number().int(), target: z.enum(["supervisor", "account-manager"]), reason: z.string(), byEmail: z.string(), createdAt: at, ticket: z.object(ticketBrief) }),
  "EscalationList",
);
export const escalationHandledResultSchema = z
  .object({ id: z.number().int(), tid: z.string(), handledAt: at, handledBy: z.number().int().nullable(), changed: z.boolean() })
  .meta({ id: "EscalationHandled" });
export const breachListSchema = itemsOf(
  z.object({
    ...ticketBrief, receivedAt: at, responseTargetAt: at.nullable(), responseDueAt: at.nullable(), firstResponseAt: at.nullable(), answeredAt: at.nullable(),
    breached: z.boolean(), assignee: z.object({ id: z.number().int(), email: z.string(), name: z.string().nullable() }).nullable(),
  }),
  "BreachList",
);

// ---- admin lists
export const staffMemberSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string().nullable(), role, disabled: z.boolean(), lockedUntil: at.nullable(), createdAt: at })
  .meta({ id: "StaffMember" });
export const staffListSchema = itemsOf(staffMemberSchema, "StaffList");
export const staffCreatedSchema = z
  .object({ id: z.number().int(), email: z.string(), role, name: z.string().nullable(), disabled: z.boolean(), createdAt: at, generatedPassword: z.string().nullable() })
  .meta({ id: "StaffCreated", description: "generatedPassword is shown once (Cache-Control: no-store)." });
export const staffDisabledSchema = z.object({ id: z.number().int(), email: z.string(), disabled: z.boolean(), changed: z.boolean() }).meta({ id: "StaffDisabled" });
const licenseBase = { id: z.number().int(), key: z.string(), holder: z.string(), category, edition, supportUntil: z.string().nullable() };
export const licenseCreatedSchema = z.object({ ...licenseBase, emails: z.array(z.string()) }).meta({ id: "LicenseCreated" });
export const licenseUpdatedSchema = z.object({ ...licenseBase, accountManagerEmail: z.string().nullable(), emails: z.array(z.string()) }).meta({ id: "LicenseUpdated" });
export const licenseListSchema = z
  .object({
    items: z.array(z.object({ ...licenseBase, supportActive: z.boolean(), accountManagerEmail: z.string().nullable(), createdAt: at, emails: z.array(z.object({ email: z.string(), isContact: z.boolean() })) })),
    next: z.number().int().nullable(),
  })
  .meta({ id: "LicenseList" });
export const siteSchema = z
  .object({ id: z.number().int(), siteKey: z.string(), name: z.string(), allowedOrigins: z.array(z.string()), disabled: z.boolean(), ackArticles: z.boolean(), createdAt: at, snippet: z.string() })
  .meta({ id: "Site" });
export const siteListSchema = itemsOf(siteSchema, "SiteList");
export const siteCreatedSchema = z.object({ siteKey: z.string(), name: z.string(), allowedOrigins: z.array(z.string()), snippet: z.string() }).meta({ id: "SiteCreated" });
const outboxItem = {
  id: z.number().int(), tid: z.string().nullable(), kind: z.string(), to: z.string(), subject: z.string(), status: z.enum(["pending", "sent", "failed", "suppressed"]),
  automatic: z.boolean(), attempts: z.number().int(), lastError: z.string().nullable(), nextAttemptAt: at, sentAt: at.nullable(), createdAt: at,
};
export const outboxListSchema = z.object({ items: z.array(z.object(outboxItem)), mailConfigured: z.boolean() }).meta({ id: "OutboxList" });
export const outboxMailSchema = z.object({ ...outboxItem, text: z.string(), html: z.string().nullable(), links: z.array(z.string()) }).meta({ id: "OutboxMail" });
export const outboxRetriedSchema = z.object({ id: z.number().int(), status: z.literal("pending"), attempts: z.number().int(), nextAttemptAt: at }).meta({ id: "OutboxRetried" });

// ---- mail
export const heldMailListSchema = itemsOf(
  z.object({ id: z.number().int(), from: z.string().nullable(), subject: z.string().nullable(), reason: z.string().nullable(), size: z.number().int(), receivedAt: at }),
  "HeldMailList",
);
export const spamReleasedSchema = z
  .object({ id: z.number().int(), outcome: z.string(), reason: z.string().optional(), tid: z.string().optional(), duplicate: z.boolean().optional(), level: z.string().optional() })
  .meta({ id: "SpamReleased" });
export const suppressionListSchema = itemsOf(
  z.object({
    email: z.string(), reason: z.string(), code: z.string().nullable(), createdAt: at,
    cause: z.object({ outboxId: z.number().int(), kind: z.string(), subject: z.string(), tid: z.string().nullable() }).nullable(), heldBack: z.number().int(),
  }),
  "SuppressionList",
);
export const suppressionLiftedSchema = z.object({ email: z.string(), requeued: z.number().int(), notRequeued: z.number().int() }).meta({ id: "SuppressionLifted" });
export const mailAlertListSchema = itemsOf(
  z.object({ id: z.number().int(), kind: z.string(), code: z.string().nullable(), reply: z.string(), to: z.string().nullable(), outboxId: z.number().int().nullable(), createdAt: at }),
  "MailAlertList",
);

// ---- calendar
export const holidayListSchema = z
  .object({ from: z.string(), to: z.string(), holidays: z.array(z.object({ date: z.string(), name: z.string(), source: z.enum(["public", "admin"]) })) })
  .meta({ id: "HolidayList" });
export const holidaySchema = z.object({ date: z.string(), name: z.string() }).meta({ id: "Holiday" });
export const importCountsSchema = z.object({ added: z.number().int(), updated: z.number().int(), skipped: z.number().int() }).meta({ id: "ImportCounts" });
export const closureSchema = z.object({ id: z.number().int(), name: z.string(), startsAt: at, endsAt: at }).meta({ id: "Closure" });
export const closureListSchema = z.object({ timeZone: z.string(), closures: z.array(closureSchema), past: z.array(closureSchema) }).meta({ id: "ClosureList" });
export const dueAnswerSchema = z.object({ due: at.nullable() }).meta({ id: "DueAnswer" });
export const scheduleSchema = z
  .object({
    timeZone: z.string(),
    hours: z.array(z.object({ day: z.enum(WEEKDAYS), intervals: z.array(z.object({ open: z.string(), close: z.string() })) })),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
    closures: z.array(z.object({ name: z.string(), startsAt: at, endsAt: at })),
  })
  .meta({ id: "Schedule", description: 'Local times "HH:MM" in timeZone; "24:00" closes at midnight.' });

// ---- queue
export const queuePageSchema = z
  .object({
    items: z.array(z.object({
      tid: z.string(), subject: z.string(), status: z.enum(TICKET_STATUSES), urgent: z.boolean(), slaLevel: z.string(), channel: z.string(), breached: z.boolean(),
      email: z.string(), assignee: z.string().nullable(), receivedAt: at, responseTargetAt: at.nullable(), responseDueAt: at.nullable(),
      firstResponseAt: at.nullable(), answeredAt: at.nullable(),
    })),
    next: z.string().nullable(),
  })
  .meta({ id: "QueuePage" });
