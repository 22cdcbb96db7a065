/**
 * The support calendar's time zone, which every time in the portal and the console is shown in
 * (issue 13: due times are promises made in that zone, and "14:00 CET" must mean the same to the
 * client and the agent). Learnt once per page load from GET /api/v1/schedule; until then, and if
 * that fails, times are shown in the browser's zone, named as such.
 */
import { useEffect, useState } from "preact/hooks";
import type { Schedule } from "../../shared/api/calendar";

let zone: string | undefined;

export const calendarZone = (): string | undefined => zone;

/** For tests and for the shell: sets the zone the formatters use. */
export function setCalendarZone(z: string | undefined): void {
  zone = z;
}

/** The shell calls this once; the returned value changes when the zone is known, re-rendering the pages. */
export function useCalendarZone(schedule: () => Promise<{ ok: true; data: Schedule } | { ok: false }>): string | undefined {
  const [known, setKnown] = useState(zone);
  useEffect(() => {
    if (zone) return;
    void schedule().then((r) => {
      if (!r.ok) return;
      setCalendarZone(r.data.timeZone);
      setKnown(r.data.timeZone);
    });
  }, []);
  return known;
}
