import { eq } from "drizzle-orm";
import type { SlaLevelId } from "../../../shared/sla";
import type { Deps } from "../../deps";
import { requesters, tickets } from "../../db/schema";
import { recordEvents } from "./ticket-events";
import { localDate } from "../../domain/sla/local-date";
import { recomputeSla } from "../calendar/sla-clock";
import { lockTicket } from "./ticket-lookup";
import { resolveLevel } from "../accounts/levels";
import { handOverEntitlement } from "./handover-entitlement";
import { ApiError } from "../../errors";

/**
 * Staff move a ticket between levels (SLA 2.5.4, 2.5.5): to `non-product` (72 business hours from
 * receipt), to `development` (14 calendar days from the hand-over, status in-development), or back
 * with `license` (the level the sender's license gives, counted from receipt again).
 * A hand-over of a non-commercial ticket is refused (SLA 2.6: "n/a") unless a supervisor or an
 * admin overrides it; the override and its reason are kept in the event.
 */
export async function changeLevel(
  deps: Pick<Deps, "db" | "now" | "calendar">,
  tid: string,
  change: { level: SlaLevelId | "license"; actor: string; reason: string; targetVersion?: string; override?: boolean; mayOverride?: boolean },
) {
  const cal = await deps.calendar();
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const now = deps.now();
    let level: SlaLevelId;
    if (change.level === "license") {
      const [r] = await tx.select({ email: requesters.email }).from(requesters).where(eq(requesters.id, t.requesterId));
      level = (await resolveLevel(tx, r!.email, t.edition ?? undefined, localDate(now, cal.timeZone))).level;
    } else {
      level = change.level;
    }
    const toDevelopment = level === "development";
    let overridden = false;
    if (toDevelopment && t.slaLevel !== "development") {
      const entitled = await handOverEntitlement(tx, t, localDate(now, cal.timeZone));
      if (entitled === "n/a" && !change.override) {
        throw new ApiError("HANDOVER_NOT_ENTITLED", `Propagation to the development department is for partners and commercial clients (SLA 2.6); ${t.requesterEmail} has no partner or commercial license. A supervisor can hand it over anyway, with a reason.`);
      }
      if (entitled === "n/a" && !change.mayOverride) {
        throw new ApiError("FORBIDDEN", "Only a supervisor or an admin can hand a non-commercial ticket over to development.");
      }
      overridden = entitled === "n/a";
    }
    const slaStartedAt = toDevelopment ? now : t.receivedAt;
    const status = toDevelopment ? "in-development" : t.status === "in-development" ? "open" : t.status;
    // The hand-over is a new promise (14 days from now) that an earlier answer does not keep; a
    // clock counted from receipt again is answered by the first response, if there was one.
    const answeredAt = toDevelopment ? null : t.firstResponseAt;
    await tx.update(tickets).set({ slaLevel: level, slaStartedAt, status, answeredAt, targetWarnedAt: null, breachedAt: null, updatedAt: now }).where(eq(tickets.id, t.id));
    const times = await recomputeSla(tx, { id: t.id, slaLevel: level, slaStartedAt }, cal);
    await recordEvents(tx, {
      ticketId: t.id,
      type: toDevelopment ? "handed-to-development" : "level-changed",
      actor: change.actor,
      data: {
        from: t.slaLevel, to: level, reason: change.reason, targetVersion: change.targetVersion ?? null,
        ...(overridden ? { override: "non-commercial" } : {}),
        responseTargetAt: times.targetAt?.toISOString() ?? null, responseDueAt: times.dueAt?.toISOString() ?? null,
      },
      createdAt: now,
    });
    return { tid, slaLevel: level, status, responseTargetAt: times.targetAt, responseDueAt: times.dueAt };
  });
}
