/**
 * The portal's API client and the response types both web apps read, on the shared core
 * (client.ts: our own origin, the session cookie, the CSRF token on writes, calls that never
 * throw). A ticket opened from the signed link in a mail also carries that link's token.
 */
import type { z } from "zod";
import type { ticketCreatedSchema } from "../../shared/api/tickets";
import type { ticketViewSchema } from "../../shared/api/ticket-view";
import type { credentialListSchema, credentialRefSchema, escalationCreatedSchema, messageAddedSchema, ratingStateSchema, reopenedSchema } from "../../shared/api/ticket-responses";
import type { foundTicketSchema, linkSentSchema, meSchema, myTicketListSchema, signedInSchema, signedOutSchema } from "../../shared/api/session-responses";
import type { scheduleSchema } from "../../shared/api/console-responses";
import type { TicketStatus } from "../../shared/ticket-status";
import type { EscalationTarget } from "../../shared/roles";

import { createClient, type Fetch } from "./client";

export type { ApiFailure, Fetch, Result } from "./client";

export type { TicketStatus };

// The pages' view types are the routes' response schemas (shared/api): a renamed field there
// fails the compile of every page that reads it (test/types/contract.test-d.ts shows it).
export type MyTicket = z.output<typeof myTicketListSchema>["items"][number];
export type TicketView = z.output<typeof ticketViewSchema>;
export type TicketAttachment = TicketView["attachments"][number];
export type TicketMessage = TicketView["messages"][number];
export type CredentialListed = z.output<typeof credentialListSchema>["items"][number];
export type Me = z.output<typeof meSchema>;

export function createApi(fetchImpl: Fetch = (...a) => fetch(...a)) {
  const client = createClient(fetchImpl);
  const { call } = client;

  /** GET with the signed link's token, when the page was opened from a mail. */
  const withToken = (path: string, token: string | null | undefined) => (token ? `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}` : path);

  return {
    onSessionLost: client.onSessionLost,
    /** Who is signed in; remembers the CSRF token for later writes. */
    me: () => client.session(call<typeof meSchema>("GET", "/auth/me")),
    requestLink: (email: string, next: string | undefined, locale: "en" | "de") =>
      call<typeof linkSentSchema>("POST", "/auth/link", { json: { email, next, locale } }),
    consumeLink: (token: string) =>
      client.session(call<typeof signedInSchema>("POST", "/auth/link/consume", { json: { token } })),
    async signOut() {
      const r = await call<typeof signedOutSchema>("POST", "/auth/logout");
      client.forget();
      return r;
    },
    myTickets: () => call<typeof myTicketListSchema>("GET", "/portal/tickets"),
    find: (tid: string) => call<typeof foundTicketSchema>("GET", `/portal/find?tid=${encodeURIComponent(tid)}`),
    // The Idempotency-Key makes a double submit (or a retry after a lost answer) one ticket.
    createTicket: (form: FormData, idempotencyKey: string) =>
      call<typeof ticketCreatedSchema>("POST", "/portal/tickets", { form, headers: { "Idempotency-Key": idempotencyKey } }),
    ticket: (tid: string, token?: string | null) => call<typeof ticketViewSchema>("GET", withToken(`/tickets/${tid}`, token)),
    reply: (tid: string, form: FormData, token?: string | null) => call<typeof messageAddedSchema>("POST", `/tickets/${tid}/messages`, { form, ticketToken: token }),
    reopen: (tid: string, reason: string, token?: string | null) =>
      call<typeof reopenedSchema>("POST", `/tickets/${tid}/reopen`, { json: { reason }, ticketToken: token }),
    rate: (tid: string, score: number, comment: string, token?: string | null) =>
      call<typeof ratingStateSchema>("POST", `/tickets/${tid}/rating`, { json: { score, comment: comment || undefined }, ticketToken: token }),
    confirmRating: (tid: string, token?: string | null) => call<typeof ratingStateSchema>("POST", `/tickets/${tid}/rating/confirm`, { json: {}, ticketToken: token }),
    escalate: (tid: string, target: EscalationTarget, reason: string, token?: string | null) =>
      call<typeof escalationCreatedSchema>("POST", `/tickets/${tid}/escalations`, { json: { target, reason }, ticketToken: token }),
    credentials: (tid: string, token?: string | null) => call<typeof credentialListSchema>("GET", withToken(`/tickets/${tid}/credentials`, token)),
    addCredential: (tid: string, input: { kind: string; label: string; host?: string; username?: string; secret: string; notes?: string }, token?: string | null) =>
      call<typeof credentialRefSchema>("POST", `/tickets/${tid}/credentials`, { json: input, ticketToken: token }),
    /** With `locale`, the public holidays are named in that language (the page's, not the browser's). */
    schedule: (locale?: "en" | "de") => call<typeof scheduleSchema>("GET", "/schedule", locale ? { headers: { "Accept-Language": locale } } : {}),
  };
}

export type Api = ReturnType<typeof createApi>;
