/**
 * The console's API client, on the same core as the portal's (web/shared/client.ts: our own
 * origin, the session cookie, the CSRF token on every write, calls that never throw). The console
 * uses more of it: conditional GETs for the live queue (ETag / 304), plain-text bodies (iCalendar
 * import) and the staff-only endpoints.
 */
import type { z } from "zod";
import type { Principal } from "../../shared/principal";
import type { ApiFailure, Result, TicketStatus, TicketView, CredentialListed } from "../shared/api";
import { createClient, type Client, type Fetch } from "../shared/client";
import type { kbDeflectionReportSchema, kbNoResultReportSchema, kbReferencedReportSchema, kbVotesReportSchema } from "../../shared/api/kb-reports";
import { kbConsoleApi } from "./kb-api";
import type {
  backlogReportSchema, breachListSchema, cannedAnswerSchema, cannedListSchema, closureListSchema, closureSchema, deletedSchema, escalationHandledResultSchema,
  escalationListSchema, firstResponseReportSchema, heldMailListSchema, holidayListSchema, holidaySchema, importCountsSchema, licenseCreatedSchema,
  licenseListSchema, licenseUpdatedSchema, mailAlertListSchema, outboxListSchema, outboxMailSchema, outboxRetriedSchema, queuePageSchema, ratingsReportSchema,
  scheduleSchema, siteCreatedSchema, siteListSchema, siteSchema, slaReportSchema, spamReleasedSchema, staffCreatedSchema, staffDisabledSchema, staffListSchema,
  staffMemberSchema, suppressionLiftedSchema, suppressionListSchema,
} from "../../shared/api/console-responses";
import type {
  assignedSchema, credentialListSchema, credentialRevealedSchema, levelChangedSchema, messageAddedSchema, phpinfoTableSchema, slaExplanationSchema,
  statusChangedSchema, ticketEventsSchema,
} from "../../shared/api/ticket-responses";
import type { ticketViewSchema } from "../../shared/api/ticket-view";
import type { meSchema, passwordChangedSchema, setupUsableSchema, signedInSchema, signedOutSchema } from "../../shared/api/session-responses";
import type { CannedInput } from "../../shared/api/console";
import type { StaffRole } from "../../shared/roles";
import type { StaffSetStatus } from "../../shared/ticket-status";
import type { TicketEventView } from "../../shared/events";

export type ClosureList = z.output<typeof closureListSchema>;
export type ClosureListed = z.output<typeof closureSchema>;
export type { ApiFailure, Result, TicketStatus, TicketView, CredentialListed };

export type { StaffRole };
export type StaffPrincipal = Extract<Principal, { kind: "staff" }>;

export type QueuePage = z.output<typeof queuePageSchema>;
export type QueueItem = QueuePage["items"][number];

export interface QueueFilters {
  status?: string;
  level?: string;
  assignee?: string;
  channel?: string;
  q?: string;
}

/** One entry of a ticket's history, typed by its event type (shared/events.ts). */
export type TicketEvent = TicketEventView;

export interface SlaExplanation {
  level: string;
  targetAt: string | null;
  dueAt: string | null;
  startedAt?: string;
  paused?: boolean;
  trace: string[];
  /** SLA 2.6: whether this client's tickets may be propagated to development. */
  developmentHandOver?: "available" | "n/a";
}

export interface PhpinfoSection {
  name: string;
  rows: { key: string; value: string; master?: string }[];
}

export type SuppressionItem = z.output<typeof suppressionListSchema>["items"][number];
export type SuppressionLifted = z.output<typeof suppressionLiftedSchema>;
export type MailAlertItem = z.output<typeof mailAlertListSchema>["items"][number];
export type { CannedInput } from "../../shared/api/console";
// The pages' view types are the routes' response schemas: a renamed field fails their compile.
export type CannedAnswer = z.output<typeof cannedAnswerSchema>;
export type OpenEscalation = z.output<typeof escalationListSchema>["items"][number];
export type BreachedTicket = z.output<typeof breachListSchema>["items"][number];
export type StaffMember = z.output<typeof staffMemberSchema>;
export type LicenseListItem = z.output<typeof licenseListSchema>["items"][number];
export type SiteListItem = z.output<typeof siteSchema>;
export type OutboxList = z.output<typeof outboxListSchema>;
export type OutboxListItem = OutboxList["items"][number];
export type OutboxMail = z.output<typeof outboxMailSchema>;
export type SlaReport = z.output<typeof slaReportSchema>;
export type FirstResponseReport = z.output<typeof firstResponseReportSchema>;
export type BacklogReport = z.output<typeof backlogReportSchema>;
export type RatingsReport = z.output<typeof ratingsReportSchema>;

export interface RevealedCredential {
  id: string;
  kind: string;
  label: string;
  host?: string | null;
  username?: string | null;
  secret?: string | null;
  notes?: string | null;
}

export interface Holiday {
  date: string;
  name: string;
  source: "public" | "admin";
}

export interface HeldMail {
  id: number;
  from: string | null;
  subject: string | null;
  reason: string | null;
  size: number;
  receivedAt: string;
}

const qs = (params: Record<string, string | number | undefined | null>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
};

/** The admin's pages: staff, licenses, sites, the calendar, mail and canned answers. */
function adminCalls(call: Client["call"]) {
  return {
    staff: () => call<typeof staffListSchema>("GET", "/admin/staff"),
    addStaff: (input: { email: string; name?: string; role: StaffRole; password?: string }) =>
      call<typeof staffCreatedSchema>("POST", "/admin/staff", { json: input }),
    setStaffDisabled: (id: number, disabled: boolean) => call<typeof staffDisabledSchema>("POST", `/admin/staff/${id}/${disabled ? "disable" : "enable"}`, { json: {} }),
    licenses: (q?: string, after?: number | null) => call<typeof licenseListSchema>("GET", `/admin/licenses${qs({ q, after })}`),
    addLicense: (input: { key: string; holder: string; category: string; edition: string; emails: string[]; supportUntil: string | null }) =>
      call<typeof licenseCreatedSchema>("POST", "/admin/licenses", { json: input }),
    sites: () => call<typeof siteListSchema>("GET", "/admin/sites"),
    updateLicense: (key: string, input: { holder?: string; category?: string; edition?: string; emails?: string[]; supportUntil?: string | null; accountManagerEmail?: string | null }) =>
      call<typeof licenseUpdatedSchema>("PATCH", `/admin/licenses/${encodeURIComponent(key)}`, { json: input }),
    updateSite: (siteKey: string, input: { name?: string; allowedOrigins?: string[]; disabled?: boolean; ackArticles?: boolean }) =>
      call<typeof siteSchema>("PATCH", `/admin/sites/${encodeURIComponent(siteKey)}`, { json: input }),
    rotateSite: (siteKey: string) => call<typeof siteSchema>("POST", `/admin/sites/${encodeURIComponent(siteKey)}/rotate`, { json: {} }),
    updateStaff: (id: number, input: { role?: StaffRole; disabled?: boolean }) => call<typeof staffMemberSchema>("PATCH", `/admin/staff/${id}`, { json: input }),
    addSite: (name: string, allowedOrigins: string[]) => call<typeof siteCreatedSchema>("POST", "/admin/sites", { json: { name, allowedOrigins } }),
    holidays: () => call<typeof holidayListSchema>("GET", "/admin/holidays"),
    addHoliday: (date: string, name: string) => call<typeof holidaySchema>("POST", "/admin/holidays", { json: { date, name } }),
    removeHoliday: (date: string) => call<typeof holidaySchema>("DELETE", `/admin/holidays/${encodeURIComponent(date)}`),
    importHolidays: (ics: string) =>
      call<typeof importCountsSchema>("POST", "/admin/holidays/import", { text: { body: ics, type: "text/calendar" } }),
    closures: () => call<typeof closureListSchema>("GET", "/admin/closures"),
    /** Instants in ISO 8601 with their offset; the page has turned the calendar's wall clock into them. */
    addClosure: (input: { name: string; startsAt: string; endsAt: string }) => call<typeof closureSchema>("POST", "/admin/closures", { json: input }),
    removeClosure: (id: number) => call<typeof closureSchema>("DELETE", `/admin/closures/${id}`),
    outbox: (status: "failed" | "pending" | "sent") => call<typeof outboxListSchema>("GET", `/admin/outbox${qs({ status })}`),
    outboxMail: (id: number) => call<typeof outboxMailSchema>("GET", `/admin/outbox/${id}`),
    retryMail: (id: number) => call<typeof outboxRetriedSchema>("POST", `/admin/outbox/${id}/retry`, { json: {} }),
    spam: () => call<typeof heldMailListSchema>("GET", "/admin/mail/inbound?outcome=spam"),
    suppressions: () => call<typeof suppressionListSchema>("GET", "/admin/suppressions"),
    liftSuppression: (email: string) => call<typeof suppressionLiftedSchema>("DELETE", `/admin/suppressions/${encodeURIComponent(email)}`),
    mailAlerts: () => call<typeof mailAlertListSchema>("GET", "/admin/mail/alerts"),
    releaseSpam: (id: number) => call<typeof spamReleasedSchema>("POST", `/admin/mail/spam/${id}/release`, { json: {} }),
    addCanned: (input: CannedInput) => call<typeof cannedAnswerSchema>("POST", "/admin/canned", { json: input }),
    updateCanned: (id: number, input: CannedInput) => call<typeof cannedAnswerSchema>("PUT", `/admin/canned/${id}`, { json: input }),
    deleteCanned: (id: number) => call<typeof deletedSchema>("DELETE", `/admin/canned/${id}`),
  };
}

export function createConsoleApi(fetchImpl: Fetch = (...a) => fetch(...a)) {
  const client = createClient(fetchImpl);
  const { call } = client;

  const tk = (tid: string) => `/tickets/${encodeURIComponent(tid)}`;

  return {
    me: () => client.session(call<typeof meSchema>("GET", "/auth/me")),
    login: (email: string, password: string) =>
      client.session(call<typeof signedInSchema>("POST", "/auth/login", { json: { email, password } })),
    setupUsable: (token: string) => call<typeof setupUsableSchema>("GET", `/auth/setup${qs({ token })}`),
    setup: (input: { token: string; email: string; name?: string; password: string }) =>
      client.session(call<typeof signedInSchema>("POST", "/auth/setup", { json: input })),
    changePassword: (current: string, next: string) => call<typeof passwordChangedSchema>("POST", "/auth/password", { json: { current, next } }),
    async signOut() {
      const r = await call<typeof signedOutSchema>("POST", "/auth/logout");
      client.forget();
      return r;
    },

    queue: (filters: QueueFilters, after: string | null, etag: string | null, limit = 50) =>
      client.conditional<typeof queuePageSchema>(`/queue${qs({ limit, after, ...filters })}`, etag),

    ticket: (tid: string) => call<typeof ticketViewSchema>("GET", tk(tid)),
    events: (tid: string) => call<typeof ticketEventsSchema>("GET", `${tk(tid)}/events`),
    sla: (tid: string) => call<typeof slaExplanationSchema>("GET", `${tk(tid)}/sla`),
    phpinfo: (tid: string) => call<typeof phpinfoTableSchema>("GET", `${tk(tid)}/phpinfo`),
    reply: (tid: string, body: string, visibility: "public" | "internal") =>
      call<typeof messageAddedSchema>("POST", `${tk(tid)}/messages`, { json: { body, visibility } }),
    requestInfo: (tid: string, body: string, missing: string[]) =>
      call<typeof statusChangedSchema>("POST", `${tk(tid)}/request-info`, { json: { body, missing } }),
    assignSelf: (tid: string, email: string | null) => call<typeof assignedSchema>("POST", `${tk(tid)}/assign`, { json: { email } }),
    assignAny: (tid: string, email: string | null) =>
      call<typeof assignedSchema>("POST", `/supervisor/tickets/${encodeURIComponent(tid)}/assign`, { json: { email } }),
    level: (tid: string, level: string, reason: string, targetVersion?: string, override?: boolean) =>
      call<typeof levelChangedSchema>("POST", `${tk(tid)}/level`, { json: { level, reason, targetVersion: targetVersion || undefined, override: override || undefined } }),
    status: (tid: string, status: StaffSetStatus, reason?: string) =>
      call<typeof statusChangedSchema>("POST", `${tk(tid)}/status`, { json: { status, reason: reason || undefined } }),
    canned: (locale?: string) => call<typeof cannedListSchema>("GET", `/canned${qs({ locale })}`),
    credentials: (tid: string) => call<typeof credentialListSchema>("GET", `${tk(tid)}/credentials`),
    reveal: (tid: string, id: string) => call<typeof credentialRevealedSchema>("POST", `${tk(tid)}/credentials/${encodeURIComponent(id)}/reveal`, { json: {} }),

    escalations: () => call<typeof escalationListSchema>("GET", "/supervisor/escalations"),
    handleEscalation: (id: number) => call<typeof escalationHandledResultSchema>("POST", `/supervisor/escalations/${id}/handled`, { json: {} }),
    breaches: () => call<typeof breachListSchema>("GET", "/supervisor/breaches"),

    schedule: () => call<typeof scheduleSchema>("GET", "/schedule"),

    ...adminCalls(call),

    slaReport: () => call<typeof slaReportSchema>("GET", "/reports/sla"),
    firstResponseReport: () => call<typeof firstResponseReportSchema>("GET", "/reports/first-response"),
    backlogReport: () => call<typeof backlogReportSchema>("GET", "/reports/backlog"),
    ratingsReport: () => call<typeof ratingsReportSchema>("GET", "/reports/ratings"),
    kbDeflectionReport: () => call<typeof kbDeflectionReportSchema>("GET", "/reports/kb/deflection"),
    kbNoResultReport: () => call<typeof kbNoResultReportSchema>("GET", "/reports/kb/no-result"),
    kbReferencedReport: () => call<typeof kbReferencedReportSchema>("GET", "/reports/kb/referenced"),
    kbVotesReport: () => call<typeof kbVotesReportSchema>("GET", "/reports/kb/votes"),
    ...kbConsoleApi(call),
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;
