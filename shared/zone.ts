/**
 * Wall-clock arithmetic in an IANA zone with nothing but Intl. Local times are represented as
 * "local epoch ms": the wall-clock reading encoded as if it were UTC, so whole-day steps are exact.
 * Shared because the SLA calendar (server/domain/sla) and the console's closure form must turn a
 * wall-clock reading into the same instant, including in the hours a DST change skips or repeats.
 */

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when the runtime does not know it. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The zone's offset from UTC in ms at the instant `utcMs` (positive east of Greenwich). */
export function offsetAt(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(whole)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - whole;
}

export function utcToLocal(utcMs: number, timeZone: string): number {
  return utcMs + offsetAt(utcMs, timeZone);
}

/**
 * The instant a wall-clock reading names. A reading skipped by a spring-forward gap moves forward by
 * the gap (02:30 becomes 03:30); a reading that occurs twice takes the earlier instant. This is what
 * Temporal calls "compatible" and what people expect of an appointment.
 */
export function localToUtc(localMs: number, timeZone: string): number {
  // Offsets a day apart bracket any one transition; zones never change twice within two days.
  const before = offsetAt(localMs - DAY_MS, timeZone);
  const after = offsetAt(localMs + DAY_MS, timeZone);
  const early = localMs - Math.max(before, after);
  const late = localMs - Math.min(before, after);
  if (before === after) {
    const exact = localMs - before;
    const actual = offsetAt(exact, timeZone);
    return actual === before ? exact : localMs - actual;
  }
  const earlyOk = utcToLocal(early, timeZone) === localMs;
  if (earlyOk) return early;
  const lateOk = utcToLocal(late, timeZone) === localMs;
  if (lateOk) return late;
  return localMs - before;
}
