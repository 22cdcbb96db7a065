import type { BusinessCalendar } from "./calendar";
import { addBusinessTime, addCalendarDays, HOUR_MS, type Pause } from "./due";

/** A due time as `sla due` asks for it: the same shape on the command line and on the admin API. */
export interface DueArgs {
  from: Date;
  businessHours?: number;
  calendarDays?: number;
  pauses: Pause[];
}

/** The due instant on a calendar, or null when an open-ended pause stops the clock first. */
export function dueOn(cal: BusinessCalendar, req: DueArgs): Date | null {
  return req.businessHours !== undefined
    ? addBusinessTime(req.from, req.businessHours * HOUR_MS, cal, req.pauses)
    : addCalendarDays(req.from, req.calendarDays!, cal.timeZone, req.pauses);
}
