import { writesArticles, type StaffRole } from "./roles";

/** Who is asking. Resolved once per request (server/http/middleware/principal.ts). */
export type Principal =
  | { kind: "anonymous" }
  /** The admin bearer token, or (via "cli") the local token the admin CLI uses to reach a running server. */
  | { kind: "admin-token"; via?: "cli" }
  | { kind: "staff"; id: number; email: string; role: StaffRole; name: string | null; mustChangePassword?: boolean }
  | { kind: "client"; email: string };

export const isStaff = (p: Principal) => p.kind === "staff" || p.kind === "admin-token";
export const isSupervisor = (p: Principal) => p.kind === "admin-token" || (p.kind === "staff" && (p.role === "supervisor" || p.role === "admin"));
/** Who writes knowledge base articles: editors and admins (and the admin token, as for every admin task). */
export const isArticleWriter = (p: Principal) => p.kind === "admin-token" || (p.kind === "staff" && writesArticles(p.role));
export const isAdmin = (p: Principal) => p.kind === "admin-token" || (p.kind === "staff" && p.role === "admin");

/** How the actor of an event is written: who did it, in a form the audit trail keeps. */
export function actorOf(p: Principal): string {
  switch (p.kind) {
    case "admin-token": return p.via === "cli" ? "cli" : "admin";
    case "staff": return `staff:${p.email}`;
    case "client": return `requester:${p.email}`;
    default: return "anonymous";
  }
}
