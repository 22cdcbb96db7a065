/**
 * The portal's API client and the response types both web apps read, on the shared core
 * (client.ts: our own origin, the session cookie, the CSRF token on writes, calls that never
 * throw). A ticket opened from the signed link in a mail also carries that link's token.
 */
import type { Principal } from "../../shared/principal";
import type { Schedule } from "../../shared/api/calendar";
import type { TicketCreated } from "../../shared/api/tickets";
import type { Environment } from "../../shared/api/environment";
import type { MessageKind } from "../../shared/messages";
import type { TicketStatus } from "../../shared/ticket-status";
import type { EscalationTarget } from "../../shared/roles";

import { createClient, type Fetch } from "./client";

export type { ApiFailure, Fetch, Result } from "./client";

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

export function createApi(fetchImpl: Fetch = (...a) => fetch(...a)) {
  const client = createClient(fetchImpl);
  const { call } = client;

  /** GET with the signed link's token, when the page was opened from a mail. */
  const withToken = (path: string, token: string | null | undefined) => (token ? `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}` : path);

  return {
    onSessionLost: client.onSessionLost,
    /** Who is signed in; remembers the CSRF token for later writes. */
    me: () => client.session(call<Me>("GET", "/auth/me")),
    requestLink: (email: string, next: string | undefined, locale: "en" | "de") =>
      call<{ sent: boolean }>("POST", "/auth/link", { json: { email, next, locale } }),
    consumeLink: (token: string) =>
      client.session(call<{ principal: Principal; csrfToken: string; next: string }>("POST", "/auth/link/consume", { json: { token } })),
    async signOut() {
      const r = await call<{ signedOut: boolean }>("POST", "/auth/logout");
      client.forget();
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
