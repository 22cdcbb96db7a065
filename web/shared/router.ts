/**
 * The portal's few addresses, parsed from the location, and navigation through the History API.
 * Every address is also a real URL the server answers with the same page (server/http/web-pages.ts),
 * so links can be opened in a new tab, bookmarked and reloaded.
 */
import { isValidTid, TID_DIGITS } from "../../shared/tid";

const PORTAL_TICKET_PATH = new RegExp(`^/portal/(?:t|tickets)/(${TID_DIGITS})$`);

export type Route =
  | { name: "tickets" }
  | { name: "signIn"; token: string | null; next: string | null }
  | { name: "new" }
  | { name: "ticket"; tid: string; token: string | null; rate: boolean }
  | { name: "notFound" };

export const BASE = "/portal";

export function parseRoute(pathname: string, search: string): Route {
  const q = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === BASE || path === `${BASE}/tickets`) return { name: "tickets" };
  if (path === `${BASE}/sign-in`) return { name: "signIn", token: q.get("token"), next: q.get("next") };
  if (path === `${BASE}/new`) return { name: "new" };
  // /portal/t/… is what our mails link to (server/services/tickets/ticket-status.ts: the rating link).
  const m = PORTAL_TICKET_PATH.exec(path);
  if (m && isValidTid(m[1]!)) return { name: "ticket", tid: m[1]!, token: q.get("token"), rate: q.get("rate") === "1" };
  return { name: "notFound" };
}

export const paths = {
  tickets: () => `${BASE}/`,
  newTicket: () => `${BASE}/new`,
  ticket: (tid: string) => `${BASE}/t/${tid}`,
  signIn: (next?: string) => `${BASE}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`,
};

type Listener = () => void;
const listeners = new Set<Listener>();

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  for (const l of listeners) l();
}

export function onNavigate(l: Listener): () => void {
  listeners.add(l);
  const pop = () => l();
  window.addEventListener("popstate", pop);
  return () => {
    listeners.delete(l);
    window.removeEventListener("popstate", pop);
  };
}

/** For <a onClick>: a plain left click navigates in place; modified clicks open tabs as usual. */
export function linkHandler(to: string) {
  return (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}
