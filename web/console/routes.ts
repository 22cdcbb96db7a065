/**
 * The console's addresses. Every one is a real URL the server answers with the console page, so
 * a ticket can be opened in a new tab, bookmarked and reloaded; navigation itself is the shared
 * History API helper (web/shared/router.ts).
 */
import { isValidTid, TID_DIGITS } from "../../shared/tid";

const CONSOLE_TICKET_PATH = new RegExp(`^/console/(?:tickets|t)/(${TID_DIGITS})$`);

export const ADMIN_PAGES = ["staff", "licenses", "sites", "holidays", "closures", "canned", "outbox", "spam", "suppressions"] as const;
export type AdminPage = (typeof ADMIN_PAGES)[number];

export type Route =
  | { name: "queue" }
  | { name: "signIn"; next: string | null }
  | { name: "setup"; token: string }
  | { name: "password" }
  | { name: "ticket"; tid: string }
  | { name: "escalations" }
  | { name: "breaches" }
  | { name: "reports" }
  | { name: "admin"; page: AdminPage }
  | { name: "articles" }
  | { name: "article"; id: number | "new" }
  | { name: "notFound" };

export const BASE = "/console";

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === BASE || path === `${BASE}/queue`) return { name: "queue" };
  if (path === `${BASE}/sign-in`) return { name: "signIn", next: safeNext(new URLSearchParams(search).get("next")) };
  if (path === `${BASE}/setup`) return { name: "setup", token: new URLSearchParams(search).get("token") ?? "" };
  if (path === `${BASE}/password`) return { name: "password" };
  if (path === `${BASE}/escalations`) return { name: "escalations" };
  if (path === `${BASE}/breaches`) return { name: "breaches" };
  if (path === `${BASE}/reports`) return { name: "reports" };
  if (path === `${BASE}/articles`) return { name: "articles" };
  const article = /^\/console\/articles\/(new|[1-9][0-9]{0,14})$/.exec(path);
  if (article) return { name: "article", id: article[1] === "new" ? "new" : Number(article[1]) };
  const admin = /^\/console\/admin\/([a-z]+)$/.exec(path);
  if (admin && (ADMIN_PAGES as readonly string[]).includes(admin[1]!)) return { name: "admin", page: admin[1] as AdminPage };
  // /console/t/… is the short form the escalation mail links to.
  const m = CONSOLE_TICKET_PATH.exec(path);
  if (m && isValidTid(m[1]!)) return { name: "ticket", tid: m[1]! };
  return { name: "notFound" };
}

/** Only a console address of our own may be the place to go after signing in. */
function safeNext(next: string | null): string | null {
  return next && /^\/console(\/[A-Za-z0-9/_-]*)?$/.test(next) ? next : null;
}

export const paths = {
  queue: () => `${BASE}/`,
  signIn: (next?: string) => `${BASE}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`,
  ticket: (tid: string) => `${BASE}/tickets/${tid}`,
  password: () => `${BASE}/password`,
  escalations: () => `${BASE}/escalations`,
  breaches: () => `${BASE}/breaches`,
  reports: () => `${BASE}/reports`,
  admin: (page: AdminPage) => `${BASE}/admin/${page}`,
  articles: () => `${BASE}/articles`,
  article: (id: number | "new") => `${BASE}/articles/${id}`,
};
