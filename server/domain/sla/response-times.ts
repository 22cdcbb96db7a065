import { SLA_LEVELS, type SlaLevelId } from "../../../shared/sla";
import type { BusinessCalendar } from "./calendar";
import { addBusinessTime, addCalendarDays } from "./due";

const HOUR = 3_600_000;

export interface Pause { from: Date; to: Date | null }

/**
 * The two promises of a level (CONTRACT §5): the response target and the maximum. Development
 * counts calendar days from the hand-over; every other level counts business hours.
 */
export function responseTimes(
  level: SlaLevelId,
  start: Date,
  cal: BusinessCalendar,
  pauses: Pause[] = [],
): { targetAt: Date | null; dueAt: Date | null } {
  const def = SLA_LEVELS[level];
  if (def.calendarDays) {
    const due = addCalendarDays(start, def.calendarDays, cal.timeZone);
    return { targetAt: due, dueAt: due };
  }
  const at = (hours: number | null) => (hours == null ? null : addBusinessTime(start, hours * HOUR, cal, pauses));
  return { targetAt: at(def.targetHours ?? def.maxHours), dueAt: at(def.maxHours) };
}
