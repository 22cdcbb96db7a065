/**
 * The core both web API clients (web/shared/api.ts for the portal, web/console/api.ts) build on.
 * Every call goes to our own origin with the session cookie; every write carries the session's
 * CSRF token (server/http/middleware/principal.ts refuses a cookie-authorised write without it).
 * Calls never throw: a failure is a value with the server's stable error code, which the pages
 * translate; "NETWORK" stands for no answer at all.
 */
import type { z } from "zod";

export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

export type Fetch = typeof fetch;

export interface CallOptions {
  json?: unknown;
  form?: FormData;
  text?: { body: string; type: string };
  headers?: Record<string, string>;
  /** The signed link's token, for a ticket opened from a mail. */
  ticketToken?: string | null;
  etag?: string | null;
}

/** A conditional GET's answer: `data` null when the server said 304 (nothing changed). */
export interface Conditional<T> {
  data: T | null;
  etag: string | null;
}

/**
 * The answer's type is the output of the route's own response schema (shared/api), the one the
 * server's handler is checked against (zod-openapi's typed c.json). The bytes are not parsed again
 * here: zod would add some 50 KB to each web bundle, for drift the server's compile already stops.
 * This is that one point of trust, so no call site casts a body.
 */
function answerOf<S extends z.ZodType>(body: unknown): z.output<S> {
  return body as z.output<S>;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createClient(fetchImpl: Fetch) {
  let csrfToken: string | null = null;
  let sessionLost: (() => void) | null = null;

  async function send(method: string, path: string, opts: CallOptions): Promise<{ res: Response } | { error: ApiFailure }> {
    const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
    if (UNSAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
    if (opts.ticketToken) headers["X-Ticket-Token"] = opts.ticketToken;
    if (opts.etag) headers["If-None-Match"] = opts.etag;
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      body = opts.form;
    } else if (opts.text) {
      headers["Content-Type"] = opts.text.type;
      body = opts.text.body;
    }
    try {
      // no-store: the browser's cache must not answer a conditional request itself.
      return { res: await fetchImpl(`/api/v1${path}`, { method, headers, body, credentials: "same-origin", cache: "no-store" }) };
    } catch {
      return { error: { status: 0, code: "NETWORK", message: "no answer" } };
    }
  }

  async function failure(res: Response): Promise<ApiFailure> {
    type ErrorBody = { error?: Partial<ApiFailure> } | null;
    let parsed: ErrorBody = null;
    try {
      // The error shape every route answers with (server/errors.ts); any field of it may be missing.
      const body: unknown = await res.json();
      parsed = body && typeof body === "object" ? body : null;
    } catch {
      /* a proxy's HTML error page: the status alone decides */
    }
    const e = parsed?.error;
    // The session ended (expired, signed out in another tab): the page falls back to signing in.
    if (res.status === 401 && e?.code === "UNAUTHENTICATED") {
      csrfToken = null;
      sessionLost?.();
    }
    return { status: res.status, code: e?.code ?? (res.status >= 500 ? "INTERNAL" : "UNKNOWN"), message: e?.message ?? "", field: e?.field };
  }

  /** `S` is the route's response schema (`typeof xSchema`, a type-only import): the answer's type. */
  async function call<S extends z.ZodType>(method: string, path: string, opts: CallOptions = {}): Promise<Result<z.output<S>>> {
    const r = await send(method, path, opts);
    if ("error" in r) return { ok: false, error: r.error };
    if (!r.res.ok) return { ok: false, error: await failure(r.res) };
    let body: unknown = null;
    try {
      body = await r.res.json();
    } catch {
      /* an empty answer: the pages that call such routes read nothing from it */
    }
    return { ok: true, data: answerOf<S>(body) };
  }

  return {
    call,
    conditional: async <S extends z.ZodType>(path: string, etag: string | null): Promise<Result<Conditional<z.output<S>>>> => {
      const r = await send("GET", path, { etag });
      if ("error" in r) return { ok: false, error: r.error };
      if (r.res.status === 304) return { ok: true, data: { data: null, etag } };
      if (!r.res.ok) return { ok: false, error: await failure(r.res) };
      return { ok: true, data: { data: answerOf<S>(await r.res.json()), etag: r.res.headers.get("ETag") } };
    },
    /** A call that starts or shows a session: its CSRF token is kept for the writes that follow. */
    session: async <T extends { csrfToken: string | null }>(answer: Promise<Result<T>>): Promise<Result<T>> => {
      const r = await answer;
      if (r.ok) csrfToken = r.data.csrfToken;
      return r;
    },
    /** Signed out: later writes carry no token. */
    forget: () => {
      csrfToken = null;
    },
    /** Called when the server says the session is gone. */
    onSessionLost: (fn: () => void) => {
      sessionLost = fn;
    },
  };
}

export type Client = ReturnType<typeof createClient>;
