import type { ReportWeek } from "../../../shared/api/console";
import { DAY_MS, localToUtc, utcToLocal } from "../../../shared/zone";

/** The last `count` ISO weeks in the zone, the current (unfinished) one last. */
export function isoWeeks(now: Date, timeZone: string, count: number): ReportWeek[] {
  const localNow = utcToLocal(now.getTime(), timeZone);
  const today = Math.floor(localNow / DAY_MS) * DAY_MS;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  const weeks: ReportWeek[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = monday - i * 7 * DAY_MS;
    weeks.push({
      week: isoWeekLabel(start),
      weekStart: new Date(start).toISOString().slice(0, 10),
      startsAt: new Date(localToUtc(start, timeZone)).toISOString(),
      endsAt: new Date(localToUtc(start + 7 * DAY_MS, timeZone)).toISOString(),
    });
  }
  return weeks;
}

/** ISO 8601 week of a local date given as local epoch ms: the week belongs to the year of its Thursday. */
function isoWeekLabel(localDayMs: number): string {
  const d = new Date(localDayMs);
  const thursday = localDayMs + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
