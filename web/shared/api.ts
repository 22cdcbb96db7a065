/**
 * The one API client of the web pages. Every call goes to our own origin with the session cookie;
 * every write carries the session's CSRF token (server/http/middleware/principal.ts refuses a
 * cookie-authorised write without it), and, for a ticket opened from the signed link in a mail,
 * that link's token. Calls never throw: a failure is a value with the server's stable error code,
 * which the pages translate; "NETWORK" stands for no answer at all.
 */
import type { Principal } from "../../shared/principal";
import type { Schedule } from "../../shared/api/calendar";
import type { TicketCreated } from "../../shared/api/tickets";
import type { Environment } from "../../shared/api/environment";
import type { MessageKind } from "../../shared/messages";
import type { TicketStatus } from "../../shared/ticket-status";
import type { EscalationTarget } from "../../shared/roles";

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

export type { TicketStatus };

export interface MyTicket {
  tid: string;
  subject: string;
  status: TicketStatus;
  slaLevel: string;
  urgent: boolean;
  receivedAt: string;
  updatedAt: string;
  responseDueAt: string | null;
  firstResponseAt: string | null;
  /** The answer to the clock that runs now; null again after a reopening until staff answer. */
  answeredAt: string | null;
  requester: string;
  mine: boolean;
}

export interface TicketAttachment {
  id: string;
  messageId: number | null;
  kind: "file" | "phpinfo";
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  url: string;
}

export interface TicketMessage {
  id: number;
  kind: MessageKind;
  authorKind: "requester" | "staff" | "system";
  authorEmail: string | null;
  visibility: "public" | "internal";
  channel: string;
  body: string;
  createdAt: string;
  attachmentIds: string[];
}

export interface TicketView {
  tid: string;
  status: TicketStatus;
  channel: string;
  subject: string;
  description: string;
  steps: string | null;
  url: string | null;
  productVersion: string | null;
  edition: string | null;
  urgent: boolean;
  slaLevel: string;
  receivedAt: string;
  responseTargetAt: string | null;
  responseDueAt: string | null;
  firstResponseAt: string | null;
  answeredAt: string | null;
  /** Where the current clock started: receipt, the hand-over to development, or the reopening. */
  slaStartedAt: string;
  requester: { email: string; name: string | null };
  messages: TicketMessage[];
  attachments: TicketAttachment[];
  /** Staff only: the client's browser details (CONTRACT §9), null when left out. */
  environment?: Environment | null;
}

export interface CredentialListed {
  id: string;
  kind: string;
  label: string;
  createdBy: string;
  createdAt: string;
}

export interface Me {
  principal: Principal;
  csrfToken: string | null;
}

export type Fetch = typeof fetch;

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createApi(fetchImpl: Fetch = (...a) => fetch(...a)) {
  let csrfToken: string | null = null;
  let sessionLost: (() => void) | null = null;

  async function call<T>(method: string, path: string, opts: { json?: unknown; form?: FormData; ticketToken?: string | null; headers?: Record<string, string> } = {}): Promise<Result<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
    if (UNSAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
    if (opts.ticketToken) headers["X-Ticket-Token"] = opts.ticketToken;
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      body = opts.form;
    }
    let res: Response;
    try {
      res = await fetchImpl(`/api/v1${path}`, { method, headers, body, credentials: "same-origin", cache: "no-store" });
    } catch {
      return { ok: false, error: { status: 0, code: "NETWORK", message: "no answer" } };
    }
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      /* a proxy's HTML error page: the status alone decides */
    }
    if (res.ok) return { ok: true, data: parsed as T };
    const e = (parsed as { error?: Partial<ApiFailure> } | null)?.error;
    // The session ended (expired, signed out in another tab): the page falls back to signing in.
    if (res.status === 401 && e?.code === "UNAUTHENTICATED") {
      csrfToken = null;
      sessionLost?.();
    }
    return { ok: false, error: { status: res.status, code: e?.code ?? (res.status >= 500 ? "INTERNAL" : "UNKNOWN"), message: e?.message ?? "", field: e?.field } };
  }

  /** GET with the signed link's token, when the page was opened from a mail. */
  const withToken = (path: string, token: string | null | undefined) => (token ? `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}` : path);

  return {
    /** Called when the server says the session is gone. */
    onSessionLost(fn: () => void) {
      sessionLost = fn;
    },
    /** Who is signed in; remembers the CSRF token for later writes. */
    async me(): Promise<Result<Me>> {
      const r = await call<Me>("GET", "/auth/me");
      if (r.ok) csrfToken = r.data.csrfToken;
      return r;
    },
    requestLink: (email: string, next: string | undefined, locale: "en" | "de") =>
      call<{ sent: boolean }>("POST", "/auth/link", { json: { email, next, locale } }),
    async consumeLink(token: string): Promise<Result<{ principal: Principal; csrfToken: string; next: string }>> {
      const r = await call<{ principal: Principal; csrfToken: string; next: string }>("POST", "/auth/link/consume", { json: { token } });
      if (r.ok) csrfToken = r.data.csrfToken;
      return r;
    },
    async signOut() {
      const r = await call<{ signedOut: boolean }>("POST", "/auth/logout");
      csrfToken = null;
      return r;
    },
    myTickets: () => call<{ items: MyTicket[] }>("GET", "/portal/tickets"),
    find: (tid: string) => call<{ tid: string }>("GET", `/portal/find?tid=${encodeURIComponent(tid)}`),
    // The Idempotency-Key makes a double submit (or a retry after a lost answer) one ticket.
    createTicket: (form: FormData, idempotencyKey: string) =>
      call<TicketCreated>("POST", "/portal/tickets", { form, headers: { "Idempotency-Key": idempotencyKey } }),
    ticket: (tid: string, token?: string | null) => call<TicketView>("GET", withToken(`/tickets/${tid}`, token)),
    reply: (tid: string, form: FormData, token?: string | null) => call<{ tid: string; status: string }>("POST", `/tickets/${tid}/messages`, { form, ticketToken: token }),
    reopen: (tid: string, reason: string, token?: string | null) =>
      call<{ tid: string; status: string; responseDueAt: string | null }>("POST", `/tickets/${tid}/reopen`, { json: { reason }, ticketToken: token }),
    rate: (tid: string, score: number, comment: string, token?: string | null) =>
      call<{ score: number; confirmed: boolean }>("POST", `/tickets/${tid}/rating`, { json: { score, comment: comment || undefined }, ticketToken: token }),
    confirmRating: (tid: string, token?: string | null) => call<{ score: number; confirmed: boolean }>("POST", `/tickets/${tid}/rating/confirm`, { json: {}, ticketToken: token }),
    escalate: (tid: string, target: EscalationTarget, reason: string, token?: string | null) =>
      call<{ id: number; target: string }>("POST", `/tickets/${tid}/escalations`, { json: { target, reason }, ticketToken: token }),
    credentials: (tid: string, token?: string | null) => call<{ items: CredentialListed[] }>("GET", withToken(`/tickets/${tid}/credentials`, token)),
    addCredential: (tid: string, input: { kind: string; label: string; host?: string; username?: string; secret: string; notes?: string }, token?: string | null) =>
      call<{ id: string; kind: string; label: string }>("POST", `/tickets/${tid}/credentials`, { json: input, ticketToken: token }),
    /** With `locale`, the public holidays are named in that language (the page's, not the browser's). */
    schedule: (locale?: "en" | "de") => call<Schedule>("GET", "/schedule", locale ? { headers: { "Accept-Language": locale } } : {}),
  };
}

export type Api = ReturnType<typeof createApi>;
