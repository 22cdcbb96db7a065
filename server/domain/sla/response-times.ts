import { SLA_LEVELS, type SlaLevelId } from "../../../shared/sla";
import type { BusinessCalendar } from "./calendar";
import { addBusinessTime, addCalendarDays, HOUR_MS, type Pause } from "./due";

/**
 * The two promises of a level (CONTRACT §5): the response target and the maximum, counted from
 * `start` with the clock stopped during `pauses`. Development counts calendar days from the
 * hand-over; every other level counts business hours. Null while an open pause stops the clock.
 */
export function responseTimes(
  level: SlaLevelId,
  start: Date,
  cal: BusinessCalendar,
  pauses: readonly Pause[] = [],
): { targetAt: Date | null; dueAt: Date | null } {
  const def = SLA_LEVELS[level];
  if (def.calendarDays) {
    const due = addCalendarDays(start, def.calendarDays, cal.timeZone, pauses);
    return { targetAt: due, dueAt: due };
  }
  const at = (hours: number | null) => (hours == null ? null : addBusinessTime(start, hours * HOUR_MS, cal, pauses));
  return { targetAt: at(def.targetHours ?? def.maxHours), dueAt: at(def.maxHours) };
}
