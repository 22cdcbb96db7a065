/**
 * The console's API client, on the same core as the portal's (web/shared/client.ts: our own
 * origin, the session cookie, the CSRF token on every write, calls that never throw). The console
 * uses more of it: conditional GETs for the live queue (ETag / 304), plain-text bodies (iCalendar
 * import) and the staff-only endpoints.
 */
import type { Principal } from "../../shared/principal";
import type { ApiFailure, Result, TicketStatus, TicketView, CredentialListed } from "../shared/api";
import { createClient, type Fetch } from "../shared/client";
import type {
  BacklogReport, BreachedTicket, CannedAnswer, CannedInput, FirstResponseReport, LicenseListItem, OpenEscalation, OutboxList, OutboxMail,
  RatingsReport, SiteListItem, SlaReport, StaffMember,
} from "../../shared/api/console";
import type { ClosureList, ClosureListed, Schedule } from "../../shared/api/calendar";
import type { MailAlertItem, SuppressionItem, SuppressionLifted } from "../../shared/api/suppressions";
import type { StaffRole } from "../../shared/roles";
import type { StaffSetStatus } from "../../shared/ticket-status";
import type { TicketEventView } from "../../shared/events";

export type { ClosureList, ClosureListed };
export type { ApiFailure, Result, TicketStatus, TicketView, CredentialListed };

export type { StaffRole };
export type StaffPrincipal = Extract<Principal, { kind: "staff" }>;

export interface QueueItem {
  tid: string;
  subject: string;
  status: TicketStatus;
  urgent: boolean;
  slaLevel: string;
  channel: string;
  receivedAt: string;
  responseTargetAt: string | null;
  responseDueAt: string | null;
  firstResponseAt: string | null;
  answeredAt: string | null;
  breached: boolean;
  email: string;
  assignee?: string | null;
}

export interface QueuePage {
  items: QueueItem[];
  next: string | null;
}

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

export type { SuppressionItem, SuppressionLifted, MailAlertItem } from "../../shared/api/suppressions";
export type { CannedAnswer, OpenEscalation, BreachedTicket, StaffMember, LicenseListItem, SiteListItem, OutboxListItem, OutboxMail, SlaReport, FirstResponseReport, BacklogReport, RatingsReport, CannedInput } from "../../shared/api/console";

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

export function createConsoleApi(fetchImpl: Fetch = (...a) => fetch(...a)) {
  const client = createClient(fetchImpl);
  const { call, conditional } = client;

  const tk = (tid: string) => `/tickets/${encodeURIComponent(tid)}`;

  return {
    me: () => client.session(call<{ principal: Principal; csrfToken: string | null }>("GET", "/auth/me")),
    login: (email: string, password: string) =>
      client.session(call<{ principal: Principal; csrfToken: string }>("POST", "/auth/login", { json: { email, password } })),
    setupUsable: (token: string) => call<{ usable: boolean }>("GET", `/auth/setup${qs({ token })}`),
    setup: (input: { token: string; email: string; name?: string; password: string }) =>
      client.session(call<{ principal: Principal; csrfToken: string }>("POST", "/auth/setup", { json: input })),
    changePassword: (current: string, next: string) => call<{ changed: boolean }>("POST", "/auth/password", { json: { current, next } }),
    async signOut() {
      const r = await call<{ signedOut: boolean }>("POST", "/auth/logout");
      client.forget();
      return r;
    },

    queue: (filters: QueueFilters, after: string | null, etag: string | null, limit = 50) =>
      conditional<QueuePage>(`/queue${qs({ limit, after, ...filters })}`, etag),

    ticket: (tid: string) => call<TicketView & { assignee?: string | null }>("GET", tk(tid)),
    events: (tid: string) => call<{ items: TicketEvent[] }>("GET", `${tk(tid)}/events`),
    sla: (tid: string) => call<SlaExplanation>("GET", `${tk(tid)}/sla`),
    phpinfo: (tid: string) => call<{ sections: PhpinfoSection[] }>("GET", `${tk(tid)}/phpinfo`),
    reply: (tid: string, body: string, visibility: "public" | "internal") =>
      call<{ messageId: number; mailed: number }>("POST", `${tk(tid)}/messages`, { json: { body, visibility } }),
    requestInfo: (tid: string, body: string, missing: string[]) =>
      call<{ status: string; responseDueAt: string | null }>("POST", `${tk(tid)}/request-info`, { json: { body, missing } }),
    assignSelf: (tid: string, email: string | null) => call<{ assignee: string | null }>("POST", `${tk(tid)}/assign`, { json: { email } }),
    assignAny: (tid: string, email: string | null) =>
      call<{ assignee: string | null }>("POST", `/supervisor/tickets/${encodeURIComponent(tid)}/assign`, { json: { email } }),
    level: (tid: string, level: string, reason: string, targetVersion?: string, override?: boolean) =>
      call<{ slaLevel: string; status: string; responseDueAt: string | null }>("POST", `${tk(tid)}/level`, { json: { level, reason, targetVersion: targetVersion || undefined, override: override || undefined } }),
    status: (tid: string, status: StaffSetStatus, reason?: string) =>
      call<{ status: string }>("POST", `${tk(tid)}/status`, { json: { status, reason: reason || undefined } }),
    canned: (locale?: string) => call<{ items: CannedAnswer[] }>("GET", `/canned${qs({ locale })}`),
    credentials: (tid: string) => call<{ items: CredentialListed[] }>("GET", `${tk(tid)}/credentials`),
    reveal: (tid: string, id: string) => call<RevealedCredential>("POST", `${tk(tid)}/credentials/${encodeURIComponent(id)}/reveal`, { json: {} }),

    escalations: () => call<{ items: OpenEscalation[] }>("GET", "/supervisor/escalations"),
    handleEscalation: (id: number) => call<{ id: number; tid: string; changed: boolean }>("POST", `/supervisor/escalations/${id}/handled`, { json: {} }),
    breaches: () => call<{ items: BreachedTicket[] }>("GET", "/supervisor/breaches"),

    staff: () => call<{ items: StaffMember[] }>("GET", "/admin/staff"),
    addStaff: (input: { email: string; name?: string; role: StaffRole; password?: string }) =>
      call<StaffMember & { generatedPassword: string | null }>("POST", "/admin/staff", { json: input }),
    setStaffDisabled: (id: number, disabled: boolean) => call<{ id: number; disabled: boolean }>("POST", `/admin/staff/${id}/${disabled ? "disable" : "enable"}`, { json: {} }),
    licenses: (q?: string, after?: number | null) => call<{ items: LicenseListItem[]; next: number | null }>("GET", `/admin/licenses${qs({ q, after })}`),
    addLicense: (input: { key: string; holder: string; category: string; edition: string; emails: string[]; supportUntil: string | null }) =>
      call<{ id: number; key: string }>("POST", "/admin/licenses", { json: input }),
    sites: () => call<{ items: SiteListItem[] }>("GET", "/admin/sites"),
    updateLicense: (key: string, input: { holder?: string; category?: string; edition?: string; emails?: string[]; supportUntil?: string | null; accountManagerEmail?: string | null }) =>
      call<{ key: string }>("PATCH", `/admin/licenses/${encodeURIComponent(key)}`, { json: input }),
    updateSite: (siteKey: string, input: { name?: string; allowedOrigins?: string[]; disabled?: boolean }) =>
      call<SiteListItem>("PATCH", `/admin/sites/${encodeURIComponent(siteKey)}`, { json: input }),
    rotateSite: (siteKey: string) => call<SiteListItem>("POST", `/admin/sites/${encodeURIComponent(siteKey)}/rotate`, { json: {} }),
    updateStaff: (id: number, input: { role?: StaffRole; disabled?: boolean }) => call<StaffMember>("PATCH", `/admin/staff/${id}`, { json: input }),
    addSite: (name: string, allowedOrigins: string[]) => call<{ siteKey: string; name: string; allowedOrigins: string[]; snippet: string }>("POST", "/admin/sites", { json: { name, allowedOrigins } }),
    holidays: () => call<{ from: string; to: string; holidays: Holiday[] }>("GET", "/admin/holidays"),
    addHoliday: (date: string, name: string) => call<{ date: string; name: string }>("POST", "/admin/holidays", { json: { date, name } }),
    removeHoliday: (date: string) => call<{ date: string; name: string }>("DELETE", `/admin/holidays/${encodeURIComponent(date)}`),
    importHolidays: (ics: string) =>
      call<{ added: number; updated: number; skipped: number }>("POST", "/admin/holidays/import", { text: { body: ics, type: "text/calendar" } }),
    closures: () => call<ClosureList>("GET", "/admin/closures"),
    schedule: () => call<Schedule>("GET", "/schedule"),
    /** Instants in ISO 8601 with their offset; the page has turned the calendar's wall clock into them. */
    addClosure: (input: { name: string; startsAt: string; endsAt: string }) => call<ClosureListed>("POST", "/admin/closures", { json: input }),
    removeClosure: (id: number) => call<ClosureListed>("DELETE", `/admin/closures/${id}`),
    outbox: (status: "failed" | "pending" | "sent") => call<OutboxList>("GET", `/admin/outbox${qs({ status })}`),
    outboxMail: (id: number) => call<OutboxMail>("GET", `/admin/outbox/${id}`),
    retryMail: (id: number) => call<unknown>("POST", `/admin/outbox/${id}/retry`, { json: {} }),
    spam: () => call<{ items: HeldMail[] }>("GET", "/admin/mail/inbound?outcome=spam"),
    suppressions: () => call<{ items: SuppressionItem[] }>("GET", "/admin/suppressions"),
    liftSuppression: (email: string) => call<SuppressionLifted>("DELETE", `/admin/suppressions/${encodeURIComponent(email)}`),
    mailAlerts: () => call<{ items: MailAlertItem[] }>("GET", "/admin/mail/alerts"),
    releaseSpam: (id: number) => call<{ id: number; outcome: string; tid?: string }>("POST", `/admin/mail/spam/${id}/release`, { json: {} }),
    addCanned: (input: CannedInput) => call<CannedAnswer>("POST", "/admin/canned", { json: input }),
    updateCanned: (id: number, input: CannedInput) => call<CannedAnswer>("PUT", `/admin/canned/${id}`, { json: input }),
    deleteCanned: (id: number) => call<unknown>("DELETE", `/admin/canned/${id}`),

    slaReport: () => call<SlaReport>("GET", "/reports/sla"),
    firstResponseReport: () => call<FirstResponseReport>("GET", "/reports/first-response"),
    backlogReport: () => call<BacklogReport>("GET", "/reports/backlog"),
    ratingsReport: () => call<RatingsReport>("GET", "/reports/ratings"),
  };
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;
