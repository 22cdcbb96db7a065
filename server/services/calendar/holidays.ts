import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import {
  closureCreateSchema, holidayCreateSchema, localDateSchema,
  type HolidayListed, type ImportCounts,
} from "../../../shared/api/calendar";
import type { Db } from "../../db/client";
import { closures, holidays } from "../../db/schema";
import { germanNationwideHolidays } from "../../domain/sla/calendar";
import { parseICalHolidays } from "../../domain/sla/ical";
import { ApiError } from "../../errors";

/**
 * Holidays and closures an admin adds on top of the default calendar (CONTRACT §5, SLA section 6).
 * These functions only write. Callers run them through changeCalendar (calendar-change.ts), which
 * moves the due times of running clocks in the same transaction and then invalidates the cached
 * calendar (`deps.invalidateCalendar`), since the database knows nothing of caches.
 */

/** Adds a holiday, or renames the one on that date. `created` tells the two apart. */
export async function addHoliday(db: Db, input: { date: string; name: string }, actor: string) {
  const { date, name } = holidayCreateSchema.parse(input);
  const [row] = await db
    .insert(holidays)
    .values({ date, name, createdBy: actor })
    .onConflictDoUpdate({ target: holidays.date, set: { name } })
    // xmax is 0 for a row this statement inserted and set for one it updated.
    .returning({ date: holidays.date, name: holidays.name, created: sql<boolean>`(xmax = 0)` });
  return { date: row!.date, name: row!.name, created: Boolean(row!.created) };
}

export async function removeHoliday(db: Db, date: string): Promise<{ date: string; name: string }> {
  const day = parseDate(date, "date");
  const [row] = await db.delete(holidays).where(eq(holidays.date, day)).returning({ date: holidays.date, name: holidays.name });
  if (row) return row;
  const publicName = publicHolidayOn(day);
  if (publicName !== undefined) {
    throw new ApiError("CONFLICT", `${day} is a public holiday (${publicName}); only holidays an admin added can be removed.`, { field: "date" });
  }
  throw new ApiError("NOT_FOUND", `There is no holiday on ${day}.`);
}

/** Longest range one listing may ask for; public holidays are computed per year. */
const MAX_LIST_YEARS = 10;

/** Public and admin holidays from `from` to `to`, both inclusive, by date; an admin's entry wins. */
export async function listHolidays(db: Db, range: { from: string; to: string }): Promise<HolidayListed[]> {
  const from = parseDate(range.from, "from");
  const to = parseDate(range.to, "to");
  if (to < from) throw new ApiError("VALIDATION_FAILED", `The field "to" must not be before "from".`, { field: "to" });
  const [y0, y1] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  if (y1 - y0 >= MAX_LIST_YEARS) {
    throw new ApiError("VALIDATION_FAILED", `The field "to" must be within ${MAX_LIST_YEARS} years of "from".`, { field: "to" });
  }
  const byDate = new Map<string, HolidayListed>();
  for (let y = y0; y <= y1; y++) {
    for (const [date, name] of germanNationwideHolidays(y)) {
      if (date >= from && date <= to) byDate.set(date, { date, name, source: "public" });
    }
  }
  const rows = await db
    .select({ date: holidays.date, name: holidays.name })
    .from(holidays)
    .where(and(gte(holidays.date, from), lte(holidays.date, to)))
    .orderBy(asc(holidays.date));
  for (const r of rows) byDate.set(r.date, { date: r.date, name: r.name, source: "admin" });
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** More distinct days than this in one file is a mistake (a feed covering centuries), not holidays. */
export const MAX_IMPORT_DAYS = 5000;
const CHUNK = 1000;

/**
 * Adds the all-day events of an iCalendar file as holidays. A date that already has an admin
 * holiday of the same name, or is a public holiday anyway, is skipped; an admin holiday under
 * another name is renamed. Events with a time of day are not holidays and are ignored.
 */
export async function importICal(db: Db, text: string, actor: string): Promise<ImportCounts> {
  if (!/^BEGIN:VCALENDAR\s*$/im.test(text)) {
    throw new ApiError("VALIDATION_FAILED", "The body is not an iCalendar file (it has no BEGIN:VCALENDAR).", { field: "body" });
  }
  const wanted = new Map<string, string>();
  for (const h of parseICalHolidays(text)) {
    // A feed lists a day once; when two events share it, the first one names it.
    if (!wanted.has(h.date)) wanted.set(h.date, h.name.slice(0, 200));
  }
  if (wanted.size > MAX_IMPORT_DAYS) {
    throw new ApiError("VALIDATION_FAILED", `The file holds ${wanted.size} days of all-day events; at most ${MAX_IMPORT_DAYS} can be imported at once.`, { field: "body" });
  }
  const counts: ImportCounts = { added: 0, updated: 0, skipped: 0 };
  const dates = [...wanted.keys()];
  await db.transaction(async (tx) => {
    for (let i = 0; i < dates.length; i += CHUNK) {
      const chunk = dates.slice(i, i + CHUNK);
      const existing = new Map(
        (await tx.select({ date: holidays.date, name: holidays.name }).from(holidays).where(inArray(holidays.date, chunk)))
          .map((r) => [r.date, r.name]),
      );
      const writes: { date: string; name: string; createdBy: string }[] = [];
      for (const date of chunk) {
        const name = wanted.get(date)!;
        const had = existing.get(date);
        if (had === name || (had === undefined && publicHolidayOn(date) !== undefined)) counts.skipped++;
        else {
          if (had === undefined) counts.added++;
          else counts.updated++;
          writes.push({ date, name, createdBy: actor });
        }
      }
      if (writes.length) {
        await tx.insert(holidays).values(writes).onConflictDoUpdate({ target: holidays.date, set: { name: sql`excluded.name` } });
      }
    }
  });
  return counts;
}

export interface ClosureView {
  id: number;
  name: string;
  startsAt: string;
  endsAt: string;
}

export async function addClosure(
  db: Db,
  input: { startsAt: string | Date; endsAt: string | Date; name: string },
  actor: string,
): Promise<ClosureView> {
  const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : v);
  const c = closureCreateSchema.parse({ ...input, startsAt: iso(input.startsAt), endsAt: iso(input.endsAt) });
  const [row] = await db
    .insert(closures)
    .values({ startsAt: c.startsAt, endsAt: c.endsAt, name: c.name, createdBy: actor })
    .returning({ id: closures.id });
  return { id: row!.id, name: c.name, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() };
}

/** Closures that have not ended by `now`, soonest first. */
export async function listClosures(db: Db, now: Date): Promise<ClosureView[]> {
  const rows = await db
    .select({ id: closures.id, name: closures.name, startsAt: closures.startsAt, endsAt: closures.endsAt })
    .from(closures)
    .where(gte(closures.endsAt, now))
    .orderBy(asc(closures.startsAt), asc(closures.id));
  return rows.map((r) => ({ id: r.id, name: r.name, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
}

/** How many ended closures the admin list shows: enough to check last year's, never the whole history. */
export const PAST_CLOSURES_LISTED = 20;

/** Closures that ended before `now`, the latest first. */
export async function listPastClosures(db: Db, now: Date, limit = PAST_CLOSURES_LISTED): Promise<ClosureView[]> {
  const rows = await db
    .select({ id: closures.id, name: closures.name, startsAt: closures.startsAt, endsAt: closures.endsAt })
    .from(closures)
    .where(lt(closures.endsAt, now))
    .orderBy(desc(closures.endsAt), desc(closures.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, name: r.name, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
}

export async function removeClosure(db: Db, id: string): Promise<ClosureView> {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new ApiError("VALIDATION_FAILED", `The closure id must be a number.`, { field: "id" });
  const [row] = await db
    .delete(closures)
    .where(eq(closures.id, Number(id)))
    .returning({ id: closures.id, name: closures.name, startsAt: closures.startsAt, endsAt: closures.endsAt });
  if (!row) throw new ApiError("NOT_FOUND", `There is no closure with the id ${id}.`);
  return { id: row.id, name: row.name, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
}

function publicHolidayOn(date: string): string | undefined {
  return germanNationwideHolidays(Number(date.slice(0, 4))).find(([d]) => d === date)?.[1];
}

function parseDate(value: string, field: string): string {
  const r = localDateSchema.safeParse(value);
  if (!r.success) throw new ApiError("VALIDATION_FAILED", `The field "${field}" must be a real date like 2026-12-24.`, { field });
  return r.data;
}
