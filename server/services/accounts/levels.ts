import { and, eq, gte, isNull, or } from "drizzle-orm";
import { levelFor, type SlaLevelId } from "../../../shared/sla";
import type { Db } from "../../db/client";
import { licenseEmails, licenses } from "../../db/schema";

type Category = "partner" | "commercial" | "non-commercial";
const RANK: Record<Category, number> = { partner: 2, commercial: 1, "non-commercial": 0 };

/**
 * The SLA level a sender is entitled to (CONTRACT §5, SLA 4.9): a commercial or partner level only
 * for an address named in a license whose support has not ended; otherwise non-commercial.
 * When an address is on several licenses the best category wins.
 */
export async function resolveLevel(
  db: Db,
  email: string,
  edition: "cloud" | "self-hosted" | undefined,
  today: string,
): Promise<{ level: SlaLevelId; licenseId: number | null }> {
  const rows = await db
    .select({ id: licenses.id, category: licenses.category, edition: licenses.edition })
    .from(licenseEmails)
    .innerJoin(licenses, eq(licenses.id, licenseEmails.licenseId))
    .where(and(eq(licenseEmails.email, email.toLowerCase()), or(isNull(licenses.supportUntil), gte(licenses.supportUntil, today))));
  return levelFromLicenses(rows, edition);
}

export interface LicenseMatch { id: number; category: Category; edition: "cloud" | "self-hosted" }

/** The level given by the licenses an address is named in (already filtered to those in support). */
export function levelFromLicenses(rows: LicenseMatch[], edition: "cloud" | "self-hosted" | undefined): { level: SlaLevelId; licenseId: number | null } {
  const best = [...rows].sort((a, b) => RANK[b.category] - RANK[a.category])[0];
  if (!best || best.category === "non-commercial") {
    return { level: levelFor({ category: "non-commercial", edition: edition ?? best?.edition ?? null }), licenseId: best?.id ?? null };
  }
  // A ticket that does not say its edition is judged by the edition of the license it comes under.
  return { level: levelFor({ category: best.category, edition: edition ?? best.edition }), licenseId: best.id };
}
