/**
 * Renders the staff console (web/console/App.tsx) in happy-dom with the network replaced by a
 * scripted server: each route is a function of the request, every request is recorded. The pages,
 * their API client and their shortcuts are the real code.
 */
import { render } from "@testing-library/preact";
import { App } from "../../web/console/App";
import type { z } from "zod";
import { createConsoleApi } from "../../web/console/api";
import type { queuePageSchema } from "../../shared/api/console-responses";
import type { ticketViewSchema } from "../../shared/api/ticket-view";
import type { meSchema } from "../../shared/api/session-responses";
import type { Lang } from "../../web/console/i18n";
import type { StaffRole } from "../../shared/roles";

export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Route = (req: Seen) => Reply | Promise<Reply>;

export const NOW = new Date("2026-12-07T10:00:00Z");

// The fixtures are the routes' response schemas' outputs: a field renamed there fails their compile.
export const staff = (role: StaffRole = "agent") => ({
  principal: { kind: "staff", id: 1, email: `${role}@support.test`, role, name: null },
  csrfToken: "csrf-1",
}) satisfies z.output<typeof meSchema>;

type QueueItem = z.output<typeof queuePageSchema>["items"][number];
type TicketView = z.output<typeof ticketViewSchema>;

export function renderConsole(opts: { path: string; routes: Record<string, Route>; lang?: Lang; now?: Date; pollMs?: number }) {
  history.replaceState(null, "", opts.path);
  const seen: Seen[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, "http://console.test");
    const method = (init.method ?? "GET").toUpperCase();
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init.body === "string" && headers["content-type"]?.startsWith("application/json") ? (JSON.parse(init.body) as unknown) : init.body;
    const req: Seen = { method, path: `${url.pathname.replace(/^\/api\/v1/, "")}${url.search}`, headers, body };
    seen.push(req);
    const key = Object.keys(opts.routes).find((k) => {
      const [m, p] = k.split(" ");
      return m === method && (p === req.path || p === req.path.split("?")[0]);
    });
    const reply: Reply = key ? await opts.routes[key]!(req) : { status: 404, body: { error: { code: "NOT_FOUND", message: "no route", requestId: "r" } } };
    const status = reply.status ?? 200;
    return new Response(status === 304 || reply.body === undefined ? null : JSON.stringify(reply.body), {
      status, headers: { "Content-Type": "application/json", ...reply.headers },
    });
  };
  const now = opts.now ?? NOW;
  const view = render(
    <App api={createConsoleApi(fetchImpl)} initialLang={opts.lang ?? "en"} browserLangs={["en-GB"]} now={() => now} pollMs={opts.pollMs ?? 60_000} />,
  );
  return { ...view, seen, requests: (method: string, prefix: string) => seen.filter((s) => s.method === method && s.path.startsWith(prefix)) };
}

export const queueItem = (over: Partial<QueueItem> = {}): QueueItem => ({
  tid: "1000015", subject: "Export fails", status: "open", urgent: false, slaLevel: "commercial-cloud", channel: "email",
  receivedAt: "2026-12-07T08:00:00.000Z", responseTargetAt: "2026-12-07T16:00:00.000Z", responseDueAt: "2026-12-08T16:00:00.000Z",
  firstResponseAt: null, answeredAt: null, breached: false, email: "client@shop.test", assignee: null, ...over,
});

export const ticketView = (over: Partial<TicketView> = {}): TicketView => ({
  tid: "1000015", status: "open", channel: "email", subject: "Export fails", description: "The export shows error 500.", steps: null,
  url: null, productVersion: "24.100.0", edition: "cloud", urgent: false, locale: null, slaLevel: "commercial-cloud",
  receivedAt: "2026-12-07T08:00:00.000Z", responseTargetAt: "2026-12-07T16:00:00.000Z", responseDueAt: "2026-12-08T16:00:00.000Z",
  firstResponseAt: null, answeredAt: null, slaStartedAt: "2026-12-07T08:00:00.000Z", requester: { email: "client@shop.test", name: "Chris Client" },
  messages: [{ id: 1, kind: "message", authorKind: "requester", authorEmail: "client@shop.test", visibility: "public", channel: "email", body: "The export shows error 500.", createdAt: "2026-12-07T08:00:00.000Z", attachmentIds: [] }],
  attachments: [], ...over,
});

/** The routes every ticket page asks for, with an empty history and no phpinfo unless given. */
export const ticketRoutes = (tid: string, view: unknown, extra: Record<string, Route> = {}): Record<string, Route> => ({
  "GET /auth/me": () => ({ body: staff() }),
  [`GET /tickets/${tid}`]: () => ({ body: view }),
  [`GET /tickets/${tid}/events`]: () => ({ body: { items: [] } }),
  [`GET /tickets/${tid}/sla`]: () => ({ body: { level: "commercial-cloud", targetAt: null, dueAt: null, trace: ["Clock started at receipt"] } }),
  [`GET /tickets/${tid}/credentials`]: () => ({ body: { items: [] } }),
  "GET /canned": () => ({ body: { items: [] } }),
  ...extra,
});

/** Ticket 1000015's page (ticketRoutes) offering these canned answers, where a reply is accepted and mailed to the one client. */
export const replyRoutes = (canned: unknown[], extra: Record<string, Route> = {}): Record<string, Route> => ticketRoutes("1000015", ticketView(), {
  "GET /canned": () => ({ body: { items: canned } }),
  "POST /tickets/1000015/messages": () => ({ status: 201, body: { messageId: 2, mailed: 1 } }),
  ...extra,
});
