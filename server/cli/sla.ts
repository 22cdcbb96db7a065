import { type BusinessCalendar, defaultCalendar } from "../domain/sla/calendar";
import type { Pause } from "../domain/sla/due";
import { dueOn, type DueArgs } from "../domain/sla/due-request";

/**
 * `sla due` of the admin CLI (CONTRACT §5, §6). Prints exactly one line on success so scripts can
 * read it; every failure is one line on `err`. Exit codes: 0 done, 1 no due time (the clock is
 * paused indefinitely), 2 bad arguments, 3 the database's calendar could not be read.
 * The calendar is the one in the database (admin holidays, closures, hours) when the caller gives
 * a source for it; `--default-calendar` counts with the built-in one whatever the database holds.
 */
export const SLA_USAGE =
  "usage: sla due --from ISO-INSTANT (--business-hours N | --calendar-days N) [--pause FROM/TO]... [--default-calendar]";

/** A calendar, or something that computes the due time with the calendar in force (a running server). */
export type DueSource = BusinessCalendar | ((req: DueArgs) => Promise<Date | null>);

export async function runSla(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  source: DueSource = defaultCalendar(),
): Promise<number> {
  // The dispatcher may pass its own arguments with or without the group name.
  const rest = args[0] === "sla" ? args.slice(1) : args;
  if (rest[0] === "--help" || rest[0] === "-h" || rest[0] === "help") {
    out(SLA_USAGE);
    return 0;
  }
  if (rest[0] !== "due") {
    err(rest[0] === undefined ? SLA_USAGE : `unknown sla command "${rest[0]}"; ${SLA_USAGE}`);
    return 2;
  }
  const builtIn = rest.includes("--default-calendar");
  const parsed = parseDueArgs(rest.slice(1).filter((a) => a !== "--default-calendar"));
  if (typeof parsed === "string") {
    err(parsed);
    return 2;
  }
  // Only asked once the arguments are right: a typo never opens the database.
  let due: Date | null;
  try {
    due = builtIn ? dueOn(defaultCalendar(), parsed) : typeof source === "function" ? await source(parsed) : dueOn(source, parsed);
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)} (--default-calendar counts without the database)`);
    return 3;
  }
  if (due === null) {
    err("no due time: an open-ended pause stops the clock before the duration is used up");
    return 1;
  }
  out(formatInstant(due));
  return 0;
}

/** UTC ISO 8601 with `Z`; milliseconds only when there are any. */
export function formatInstant(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, "Z");
}

const OPTIONS = new Set(["--from", "--business-hours", "--calendar-days", "--pause"]);

/** A DueArgs, or the one line that says what is wrong. */
function parseDueArgs(args: string[]): DueArgs | string {
  const values = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const name = eq > 0 && arg.startsWith("--") ? arg.slice(0, eq) : arg;
    if (!OPTIONS.has(name)) return `unknown argument "${arg}"; ${SLA_USAGE}`;
    const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === "") return `${name} needs a value; ${SLA_USAGE}`;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  for (const name of ["--from", "--business-hours", "--calendar-days"]) {
    if ((values.get(name)?.length ?? 0) > 1) return `${name} may be given only once`;
  }
  const fromText = values.get("--from")?.[0];
  if (fromText === undefined) return `--from is required; ${SLA_USAGE}`;
  const from = parseInstant(fromText);
  if (!from) return `--from must be an ISO 8601 instant with a zone, e.g. 2026-03-02T09:00:00Z; got "${fromText}"`;

  const hoursText = values.get("--business-hours")?.[0];
  const daysText = values.get("--calendar-days")?.[0];
  if ((hoursText === undefined) === (daysText === undefined)) {
    return `give exactly one of --business-hours and --calendar-days; ${SLA_USAGE}`;
  }
  const pauses: Pause[] = [];
  for (const text of values.get("--pause") ?? []) {
    const pause = parsePause(text);
    if (typeof pause === "string") return pause;
    pauses.push(pause);
  }
  if (hoursText !== undefined) {
    const hours = /^\d+(\.\d+)?$/.test(hoursText) ? Number(hoursText) : NaN;
    if (!Number.isFinite(hours)) return `--business-hours must be a number of hours ≥ 0, got "${hoursText}"`;
    return { from, businessHours: hours, pauses };
  }
  const days = /^\d+$/.test(daysText!) ? Number(daysText) : NaN;
  if (!Number.isSafeInteger(days)) return `--calendar-days must be a whole number ≥ 0, got "${daysText}"`;
  return { from, calendarDays: days, pauses };
}

/** FROM/TO as in ISO 8601 intervals; an empty TO means the pause still lasts. */
function parsePause(text: string): Pause | string {
  const slash = text.indexOf("/");
  const fromText = slash < 0 ? "" : text.slice(0, slash);
  const toText = slash < 0 ? "" : text.slice(slash + 1);
  const from = parseInstant(fromText);
  const to = toText === "" ? null : parseInstant(toText);
  if (slash < 0 || !from || to === undefined) {
    return `--pause must be FROM/TO with ISO 8601 instants (TO may be empty: still paused); got "${text}"`;
  }
  if (to !== null && to.getTime() < from.getTime()) return `--pause ends before it starts: "${text}"`;
  return { from, to };
}

// A zone is required: a bare local time would be read in the server's zone, silently.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Date.parse rolls 2026-02-30 over to March 2; a typo must be an error instead. */
function parseInstant(text: string): Date | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const fields = new Date(Date.UTC(y, mo - 1, d));
  if (fields.getUTCMonth() !== mo - 1 || fields.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
