import type { SlaLevelId } from "../../../shared/sla";
import type { Db } from "../../db/client";
import { resolveLevel } from "../accounts/levels";

/**
 * Whether a ticket may be propagated to the development department (SLA 2.6: "available" for
 * partners and commercial clients, "n/a" for non-commercial ones). A ticket that came in at a
 * partner or commercial level keeps that promise even if the license ended since; otherwise the
 * sender's license today decides (a non-product question from a licensed client may be handed over).
 */
export type HandOver = "available" | "n/a";

const ENTITLED = /^(partner|commercial)-/;

export async function handOverEntitlement(
  db: Db,
  t: { slaLevel: SlaLevelId; edition: string | null; requesterEmail: string },
  today: string,
): Promise<HandOver> {
  if (t.slaLevel === "development" || ENTITLED.test(t.slaLevel)) return "available";
  const edition = t.edition === "cloud" || t.edition === "self-hosted" ? t.edition : undefined;
  const { level } = await resolveLevel(db, t.requesterEmail, edition, today);
  return ENTITLED.test(level) ? "available" : "n/a";
}
