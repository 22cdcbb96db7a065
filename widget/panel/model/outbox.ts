/**
 * Sends reports so that one report makes at most one ticket, however the network behaves.
 * Invariants:
 * - a draft is stored before its first request and removed only once the server has answered it
 *   for good (a ticket, or a refusal the user must fix);
 * - every request for a draft carries the draft's key as Idempotency-Key and exactly the same body,
 *   so the server answers a repeat with the ticket of the first (CONTRACT §3);
 * - at most one request per draft is in flight.
 * A request with no answer (status 0), or an answer from a server that is down for a moment
 * (502, 503, 504), leaves the draft waiting: it is sent again when the browser comes back online,
 * and meanwhile after growing pauses.
 * A refusal of the page itself (ORIGIN_NOT_ALLOWED: the site does not allow this origin; SITE_UNKNOWN,
 * SITE_DISABLED: the tag's key was replaced or its site switched off) is final
 * for this page, but says nothing against the report: its draft stays stored, and is not sent again
 * until the user sends it (or a later resume, e.g. once the site allows the origin).
 */
import type { ErrorCode } from "../../../shared/error-codes";
import type { TicketCreated } from "../../../shared/api/tickets";
import type { Draft, DraftStore } from "./draft-store";
import type { Transport } from "./transport";

export interface ServerError {
  // A newer server may answer with a code this widget does not know yet; ErrorCode says which it does.
  code: string;
  message: string;
  field?: string;
}

export type Outcome =
  | { kind: "sent"; ticket: TicketCreated }
  | { kind: "rejected"; status: number; error: ServerError }
  | { kind: "waiting" };

export interface OutboxDeps {
  transport: Transport;
  store: DraftStore;
  apiBase: string;
  siteKey: string;
  isOnline(): boolean;
  /** Subscribes to the browser coming back online; returns the unsubscribe function. */
  onOnline(cb: () => void): () => void;
  setPending(pending: boolean): void;
  /** Pauses between retries while online, in ms; the last one repeats. */
  backoff?: readonly number[];
}

const TRANSIENT = new Set([0, 502, 503, 504]);
// Refusals of the page, not of the report: the tag's key was replaced or its site switched off.
const KEEPS_DRAFT: ReadonlySet<string> = new Set<ErrorCode>(["ORIGIN_NOT_ALLOWED", "SITE_UNKNOWN", "SITE_DISABLED"]);
const DEFAULT_BACKOFF = [3_000, 10_000, 30_000, 60_000];

export function draftBody(d: Draft): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(d.fields)) form.append(k, v);
  for (const f of d.files) form.append("attachments", f.blob, f.name);
  return form;
}

/**
 * The 201's body is ticketCreatedSchema's output (shared/api/tickets). Only its number is checked
 * here, by hand: zod would not fit the dialog chunk's size budget, and the server's handler is
 * compiled against that schema.
 */
const isCreated = (body: unknown): body is TicketCreated => typeof body === "object" && body !== null && "tid" in body && typeof body.tid === "string";

function asServerError(status: number, body: unknown): ServerError {
  const e = (body as { error?: Partial<ServerError> } | null)?.error;
  if (e && typeof e.code === "string") return { code: e.code, message: String(e.message ?? ""), field: e.field };
  return { code: status >= 500 ? "INTERNAL" : "VALIDATION_FAILED", message: "" };
}

export interface Outbox {
  /** Stores and sends a draft; "waiting" means it will go by itself later. */
  send(d: Draft, onProgress?: (percent: number) => void): Promise<Outcome>;
  /** Sends what an earlier page left waiting. */
  resume(): Promise<void>;
  /** Sends every waiting draft now (the "Try again now" button). */
  retryNow(): void;
  /** Hears about every draft that leaves the outbox later, by key. */
  subscribe(cb: (key: string, outcome: Outcome) => void): () => void;
  dispose(): void;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const waiting = new Map<string, { draft: Draft; attempt: number; timer?: ReturnType<typeof setTimeout> }>();
  const inFlight = new Map<string, Promise<Outcome>>();
  const listeners = new Set<(key: string, outcome: Outcome) => void>();
  const headers = (key: string) => ({ "Idempotency-Key": key, "X-Tidings-Site": deps.siteKey, Accept: "application/json" });
  const url = new URL("api/v1/tickets", deps.apiBase).href;

  const attempt = (d: Draft, onProgress?: (percent: number) => void): Promise<Outcome> => {
    const running = inFlight.get(d.key);
    if (running) return running;
    const p = (async (): Promise<Outcome> => {
      const res = await deps.transport({ url, headers: headers(d.key), body: draftBody(d) }, (loaded, total) =>
        onProgress?.(total ? Math.min(100, Math.round((loaded / total) * 100)) : 0),
      );
      if (TRANSIENT.has(res.status)) {
        park(d, res.retryAfter);
        return { kind: "waiting" };
      }
      forget(d.key);
      const ok = res.status >= 200 && res.status < 300;
      const ticket = ok && isCreated(res.body) ? res.body : null;
      const error = ticket ? null : asServerError(res.status, res.body);
      if (!error || !KEEPS_DRAFT.has(error.code)) await deps.store.delete(d.key).catch(() => {});
      deps.setPending(waiting.size > 0);
      return ticket ? { kind: "sent", ticket } : { kind: "rejected", status: res.status, error: error ?? asServerError(res.status, res.body) };
    })().finally(() => inFlight.delete(d.key));
    inFlight.set(d.key, p);
    return p;
  };

  const forget = (key: string) => {
    const w = waiting.get(key);
    if (w?.timer) clearTimeout(w.timer);
    waiting.delete(key);
  };

  const park = (d: Draft, retryAfter: number | null) => {
    const prev = waiting.get(d.key);
    if (prev?.timer) clearTimeout(prev.timer);
    const n = prev ? prev.attempt + 1 : 0;
    const entry: { draft: Draft; attempt: number; timer?: ReturnType<typeof setTimeout> } = { draft: d, attempt: n };
    waiting.set(d.key, entry);
    deps.setPending(true);
    // Offline, a timer would only fail again: the "online" event sends it.
    if (deps.isOnline()) {
      const pause = retryAfter != null ? retryAfter * 1000 : backoff[Math.min(n, backoff.length - 1)]!;
      entry.timer = setTimeout(() => void retry(d.key), pause);
    }
  };

  const retry = async (key: string) => {
    const w = waiting.get(key);
    // One attempt at a time, and only its starter reports it: listeners hear of each draft once.
    if (!w || inFlight.has(key)) return;
    const outcome = await attempt(w.draft);
    if (outcome.kind !== "waiting") for (const cb of listeners) cb(key, outcome);
  };

  const retryAll = () => {
    for (const key of [...waiting.keys()]) void retry(key);
  };
  const stopOnline = deps.onOnline(retryAll);

  return {
    async send(d, onProgress) {
      await deps.store.put(d).catch(() => {});
      deps.setPending(true);
      return attempt(d, onProgress);
    },
    async resume() {
      const drafts = await deps.store.list(deps.siteKey).catch(() => [] as Draft[]);
      for (const d of drafts) if (!waiting.has(d.key) && !inFlight.has(d.key)) waiting.set(d.key, { draft: d, attempt: 0 });
      if (!drafts.length) deps.setPending(waiting.size > 0);
      if (deps.isOnline()) retryAll();
    },
    retryNow: retryAll,
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    dispose() {
      stopOnline();
      for (const key of [...waiting.keys()]) forget(key);
    },
  };
}
