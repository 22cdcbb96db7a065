/** The SLA time engine: pure functions of a calendar, instants and pauses. Import from here. */
export {
  defaultCalendar,
  germanNationwideHolidays,
  validateCalendar,
  WEEKDAYS_9_TO_18,
  YearlyHolidays,
  type BusinessCalendar,
  type Closure,
  type DefaultCalendarOptions,
  type OpeningInterval,
} from "./calendar";
export { parseICalHolidays, type ICalHoliday } from "./ical";
export { addBusinessTime, addCalendarDays, businessTimeBetween, HOUR_MS, type Pause } from "./due";
export { explainDue, type DueExplanation } from "./explain";
