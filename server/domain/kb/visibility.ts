import type { KbAudience, KbVisibility } from "../../../shared/kb";

/**
 * Who may read an article. Drafts reach nobody outside the editor; internal articles reach staff
 * only; and nothing is shown before its publishAt. services/kb/visible-sql.ts says the same in SQL.
 */
export function visibleTo(audience: KbAudience, a: { visibility: KbVisibility; publishAt: Date | null }, now: Date): boolean {
  if (a.publishAt && a.publishAt.getTime() > now.getTime()) return false;
  return a.visibility === "public" || (a.visibility === "internal" && audience === "staff");
}

export const visibilitiesFor = (audience: KbAudience): KbVisibility[] => (audience === "staff" ? ["public", "internal"] : ["public"]);
