import { and, asc, gt, inArray, isNull, sql } from "drizzle-orm";
import type { SlaLevelId } from "../../../shared/sla";
import type { Deps } from "../../deps";
import type { Tx } from "../../db/client";
import { isDeadlock } from "../../db/pg-errors";
import { tickets } from "../../db/schema";
import type { CalendarCause, WithdrawnAlert } from "../../../shared/events";
import { recordEvents, type NewTicketEvent } from "../tickets/ticket-events";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import { responseTimes } from "../../domain/sla/response-times";
import { loadCalendar } from "./calendar";
import { pausesOfTickets } from "./sla-clock";
import { RUNNING_CLOCK_STATUSES } from "../../../shared/ticket-status";

/**
 * What follows a change of the business calendar (CONTRACT §5): a due time promised at intake was
 * counted with the calendar of that day, so every ticket whose clock still runs is recomputed with
 * the new one, and each one that moves says why in its history (event `sla-recomputed`).
 */

/** The change, as the history of every ticket it moved records it (shared/events.ts). */
export type { CalendarCause };

/**
 * Runs `write` (the holiday or closure change) and the recomputation in one transaction, then
 * drops this process's cached calendar. One transaction so that no one, the SLA watch above all,
 * ever sees the new calendar with the old due times (a breach the SLA does not count), and a crash
 * cannot leave a holiday whose tickets were never moved. It holds the row locks of the running,
 * unanswered tickets for as long as it takes: that set is what the watch's partial indexes keep
 * small (not the million stored tickets), and a due time costs microseconds (bench `sla`).
 */
export async function changeCalendar<T>(
  deps: Pick<Deps, "db" | "now" | "log" | "invalidateCalendar">,
  actor: string,
  write: (tx: Tx) => Promise<T>,
  causeOf: (result: T) => CalendarCause,
): Promise<T> {
  const attempt = () => deps.db.transaction(async (tx) => {
    const result = await write(tx);
    const cause = causeOf(result);
    // Loaded inside the transaction: it must see the change just written, not a cached calendar.
    const moved = await recomputeRunningClocks(tx, await loadCalendar(tx), { now: deps.now(), actor, cause });
    return { result, cause, moved };
  });
  // Mail intake locks the tickets a batch answers in arrival order, this in id order: should the
  // two meet, Postgres aborts one of them. Here the whole change simply runs again.
  let outcome: Awaited<ReturnType<typeof attempt>> | undefined;
  for (let tries = 1; !outcome; tries++) {
    try {
      outcome = await attempt();
    } catch (err) {
      if (!isDeadlock(err) || tries >= 3) throw err;
    }
  }
  const { result, cause, moved } = outcome;
  deps.invalidateCalendar?.();
  if (moved > 0) deps.log.info({ ...cause, moved }, "calendar change moved due times");
  return result;
}

/** Tickets read, locked and written per statement; bounds memory, not the transaction. */
const CHUNK = 500;

/**
 * Recomputes the response target and maximum of every ticket whose clock runs (status new, open or
 * in-development, no first response yet) exactly as a fresh computation from `sla_started_at`
 * with the ticket's pauses would (responseTimes, as recomputeSla), and stores those that moved.
 * Returns how many moved. Rows are locked in id order, so a staff action on the same ticket waits
 * and then sees the new times rather than overwriting them with old ones.
 */
export async function recomputeRunningClocks(
  tx: Tx,
  cal: BusinessCalendar,
  change: { now: Date; actor: string; cause: CalendarCause },
): Promise<number> {
  let moved = 0;
  let afterId = 0;
  for (;;) {
    const rows = await tx
      .select({
        id: tickets.id, slaLevel: tickets.slaLevel, slaStartedAt: tickets.slaStartedAt,
        targetAt: tickets.responseTargetAt, dueAt: tickets.responseDueAt,
        targetWarnedAt: tickets.targetWarnedAt, breachedAt: tickets.breachedAt, breached: tickets.breached,
      })
      .from(tickets)
      .where(and(inArray(tickets.status, [...RUNNING_CLOCK_STATUSES]), isNull(tickets.answeredAt), gt(tickets.id, afterId)))
      .orderBy(asc(tickets.id))
      .limit(CHUNK)
      .for("update");
    if (!rows.length) break;
    afterId = rows[rows.length - 1]!.id;
    const pauses = await pausesOfTickets(tx, rows.map((r) => r.id));
    const writes: { id: number; target_at: string | null; due_at: string | null; withdraw_warning: boolean; withdraw_breach: boolean }[] = [];
    const events: NewTicketEvent[] = [];
    for (const t of rows) {
      const next = responseTimes(t.slaLevel as SlaLevelId, t.slaStartedAt, cal, pauses.get(t.id) ?? []);
      if (sameInstant(next.targetAt, t.targetAt) && sameInstant(next.dueAt, t.dueAt)) continue;
      const withdrawn = withdrawnAlerts(t, next, change.now);
      writes.push({
        id: t.id, target_at: iso(next.targetAt), due_at: iso(next.dueAt),
        withdraw_warning: withdrawn.includes("warning"), withdraw_breach: withdrawn.includes("breach"),
      });
      events.push({
        ticketId: t.id, type: "sla-recomputed", actor: change.actor, createdAt: change.now,
        data: {
          ...change.cause,
          previousTargetAt: iso(t.targetAt), previousDueAt: iso(t.dueAt),
          responseTargetAt: iso(next.targetAt), responseDueAt: iso(next.dueAt),
          withdrawn,
        },
      });
    }
    if (writes.length) {
      // One statement per chunk: a new holiday moves nearly every clock that runs across it.
      // updated_at stays: no one worked on these tickets, and the portal shows it as the last activity.
      await tx.execute(sql`
        update ${tickets} t set
          response_target_at = x.target_at, response_due_at = x.due_at,
          target_warned_at = case when x.withdraw_warning then null else t.target_warned_at end,
          breached_at = case when x.withdraw_breach then null else t.breached_at end,
          breached = case when x.withdraw_breach then false else t.breached end
        from json_to_recordset(${JSON.stringify(writes)}::json)
          as x(id bigint, target_at timestamptz, due_at timestamptz, withdraw_warning boolean, withdraw_breach boolean)
        where t.id = x.id`);
      await recordEvents(tx, events);
      moved += writes.length;
    }
    if (rows.length < CHUNK) break;
  }
  return moved;
}

/**
 * What the SLA watch recorded and the new times no longer bear out. A warning or breach whose
 * recomputed time has passed as well stays on record: the ticket is still late, by a different
 * amount, and the watch must not announce it twice. One whose recomputed time lies ahead of `now`
 * is withdrawn: by the SLA (business hours without the new holiday or closure) the ticket is not
 * late, so the queue, the supervisor's breach list and the reports must not count it, and the watch
 * is re-armed to announce it again should the new time pass without a response. The `sla-warning`
 * or `sla-breach` event and the alert mail already sent stay in the history; the `sla-recomputed`
 * event names what was withdrawn. A null time (the clock stopped) has not passed.
 */
function withdrawnAlerts(
  t: { targetWarnedAt: Date | null; breachedAt: Date | null; breached: boolean },
  next: { targetAt: Date | null; dueAt: Date | null },
  now: Date,
): WithdrawnAlert[] {
  const ahead = (at: Date | null) => at === null || at.getTime() > now.getTime();
  const out: WithdrawnAlert[] = [];
  if (t.targetWarnedAt && ahead(next.targetAt)) out.push("warning");
  if ((t.breachedAt || t.breached) && ahead(next.dueAt)) out.push("breach");
  return out;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}
