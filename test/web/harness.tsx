/**
 * Renders portal parts in happy-dom inside the portal's context, with the real API client
 * (web/shared/api.ts) over a scripted fetch: each test says what the server answers, and can read
 * every request the page made (method, path, headers, body).
 */
import { render } from "@testing-library/preact";
import type { ComponentChildren } from "preact";
import type { Principal } from "../../shared/principal";
import { createApi, type Fetch } from "../../web/shared/api";
import { PORTAL_TEXTS, type Lang } from "../../web/shared/i18n";
import { PortalContext, type Portal } from "../../web/portal/context";

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  json: unknown;
  form: FormData | null;
}

type Answer = { status: number; body: unknown } | ((call: Call) => { status: number; body: unknown });

export interface FakeServer {
  calls: Call[];
  /** Answers for "METHOD /path" (the path without /api/v1, query included), used in order; the last one repeats. */
  on(route: string, ...answers: Answer[]): void;
  fetch: Fetch;
}

export function fakeServer(): FakeServer {
  const routes = new Map<string, Answer[]>();
  const calls: Call[] = [];
  const answer = (input: Parameters<Fetch>[0], init: RequestInit = {}): Response => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^\/api\/v1/, "");
    const method = (init.method ?? "GET").toUpperCase();
    const headers = { ...(init.headers as Record<string, string>) };
    const body = init.body;
    const call: Call = {
      method, path, headers,
      json: typeof body === "string" ? (JSON.parse(body) as unknown) : null,
      form: body instanceof FormData ? body : null,
    };
    calls.push(call);
    const list = routes.get(`${method} ${path}`);
    if (!list?.length) throw new TypeError(`no answer for ${method} ${path}`);
    const next = list.length > 1 ? list.shift()! : list[0]!;
    const a = typeof next === "function" ? next(call) : next;
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { "Content-Type": "application/json" } });
  };
  // A promise that rejects where `answer` throws, as a real fetch does for a request it cannot make.
  const fetch: Fetch = (input, init) => new Promise((resolve) => resolve(answer(input, init)));
  return { calls, fetch, on: (route, ...answers) => routes.set(route, answers) };
}

export const apiError = (status: number, code: string, message = `server says ${code}`, field?: string) => ({
  status, body: { error: { code, message, ...(field ? { field } : {}), requestId: "r1" } },
});

export function renderPortal(ui: ComponentChildren, o: { server?: FakeServer; lang?: Lang; principal?: Principal; now?: Date } = {}) {
  const server = o.server ?? fakeServer();
  const api = createApi(server.fetch);
  const announced: string[] = [];
  const state = { principal: o.principal ?? ({ kind: "client", email: "client@kunde.example" }) };
  const lang = o.lang ?? "en";
  const portal: Portal = {
    t: PORTAL_TEXTS[lang],
    lang,
    locale: lang === "de" ? "de-DE" : "en-GB",
    api,
    get principal() { return state.principal; },
    setPrincipal: (p) => { state.principal = p; },
    now: () => o.now ?? new Date("2026-03-02T09:00:00Z"),
    announce: (m) => announced.push(m),
  };
  const result = render(<PortalContext.Provider value={portal}>{ui}</PortalContext.Provider>);
  return { ...result, server, api, announced, state };
}
