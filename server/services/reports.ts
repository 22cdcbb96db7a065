import { sql, type SQL } from "drizzle-orm";
import {
  FIRST_RESPONSE_BUCKETS, type BacklogReport, type BacklogRow, type FirstResponseBucketKey, type FirstResponseReport,
  type FirstResponseRow, type RatingsReport, type ReportWeek, type SlaReport, type SlaReportRow,
} from "../../shared/api/console";
import { SLA_LEVEL_IDS, isSlaLevelId, type SlaLevelId } from "../../shared/sla";
import type { Db } from "../db/client";
import { rowsOf } from "../db/rows";
import type { BusinessCalendar } from "../domain/sla/calendar";
import { businessTimeBetween, HOUR_MS, type Pause } from "../domain/sla/due";
import { DAY_MS, localToUtc, utcToLocal } from "../domain/sla/zone";
import { ACTIVE_STATUSES } from "./ticket-status";

/**
 * The console's reports. Counting happens in SQL over the tickets received in the period (a range
 * on received_at, applied first); only the first-response distribution needs TypeScript, because
 * business time depends on the calendar (and PGlite and Postgres differ on time zones).
 *
 * Tickets count on the level they are on now and by their current clock: a reopened ticket counts
 * its latest request for a response, a ticket moved to non-product counts against non-product.
 */

interface ReportDeps { db: Db; now: () => Date; calendar: () => Promise<BusinessCalendar> }

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

/** Week boundaries as one timestamptz[] for width_bucket: bucket i (1-based) is weeks[i - 1]. */
function boundaries(weeks: ReportWeek[]): SQL {
  const list = [...weeks.map((w) => w.startsAt), weeks[weeks.length - 1]!.endsAt];
  return sql`${`{${list.join(",")}}`}::timestamptz[]`;
}

const pct = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);
const activeSql = sql.raw(`(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(",")})`);

/** Level ids a report lists: every published level, then any unknown id found in old rows. */
const levelsWith = (found: Iterable<string>): string[] => [...SLA_LEVEL_IDS, ...[...new Set(found)].filter((l) => !isSlaLevelId(l)).sort()];

export async function slaReport(deps: ReportDeps, weekCount: number): Promise<SlaReport> {
  const cal = await deps.calendar();
  const now = deps.now();
  const weeks = isoWeeks(now, cal.timeZone, weekCount);
  const nowIso = now.toISOString();
  // "late": answered after the maximum, marked breached by the SLA watch, or still unanswered past
  // the maximum while being worked (the watch may not have run yet).
  const rows = rowsOf<{ w: number; level: string; received: number; target: number; maximum: number; breached: number; open: number; closed: number }>(await deps.db.execute(sql`
    with t as (
      select width_bucket(received_at, ${boundaries(weeks)}) as w, sla_level,
        first_response_at is not null as answered,
        status in ${activeSql} as active,
        (breached
          or coalesce(first_response_at > response_due_at, false)
          or (first_response_at is null and status in ${activeSql} and coalesce(response_due_at < ${nowIso}::timestamptz, false))) as late,
        coalesce(first_response_at <= coalesce(response_target_at, response_due_at), true) as in_target
      from tickets
      where received_at >= ${weeks[0]!.startsAt}::timestamptz and received_at < ${weeks[weeks.length - 1]!.endsAt}::timestamptz
    )
    select w::int as w, sla_level as level, count(*)::int as received,
      (count(*) filter (where answered and not late and in_target))::int as target,
      (count(*) filter (where answered and not late))::int as maximum,
      (count(*) filter (where late))::int as breached,
      (count(*) filter (where not answered and not late and active))::int as open,
      (count(*) filter (where not answered and not late and not active))::int as closed
    from t group by 1, 2`));

  const zero = (week: string, weekStart: string, level: string): SlaReportRow => ({
    week, weekStart, level: level as SlaLevelId, received: 0, respondedWithinTarget: 0, respondedWithinMaximum: 0, breached: 0, open: 0, closedWithoutResponse: 0, compliancePct: null,
  });
  const levels = levelsWith(rows.map((r) => r.level));
  const cells = new Map<string, SlaReportRow>();
  for (const w of weeks) for (const l of levels) cells.set(`${w.week}|${l}`, zero(w.week, w.weekStart, l));
  const totals = new Map(levels.map((l) => [l, zero("total", "total", l)]));
  for (const r of rows) {
    const w = weeks[r.w - 1];
    if (!w) continue;
    for (const cell of [cells.get(`${w.week}|${r.level}`)!, totals.get(r.level)!]) {
      cell.received += r.received;
      cell.respondedWithinTarget += r.target;
      cell.respondedWithinMaximum += r.maximum;
      cell.breached += r.breached;
      cell.open += r.open;
      cell.closedWithoutResponse += r.closed;
    }
  }
  const withPct = (c: SlaReportRow) => ({ ...c, compliancePct: pct(c.respondedWithinMaximum, c.respondedWithinMaximum + c.breached) });
  return {
    timeZone: cal.timeZone, generatedAt: nowIso, weeks,
    rows: [...cells.values()].map(withPct),
    totals: [...totals.values()].map(withPct),
  };
}

/** Which bucket a business-time duration falls in: [from, to) hours. */
export function bucketOf(ms: number): FirstResponseBucketKey {
  const hours = ms / HOUR_MS;
  for (const b of FIRST_RESPONSE_BUCKETS) if (b.toHours === null || hours < b.toHours) return b.key;
  return "gt48h";
}

export function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function firstResponseReport(deps: ReportDeps, weekCount: number): Promise<FirstResponseReport> {
  const cal = await deps.calendar();
  const now = deps.now();
  const weeks = isoWeeks(now, cal.timeZone, weekCount);
  const range = sql`received_at >= ${weeks[0]!.startsAt}::timestamptz and received_at < ${weeks[weeks.length - 1]!.endsAt}::timestamptz`;
  // Epoch milliseconds, not timestamps: both drivers then hand back plain numbers.
  const answered = rowsOf<{ level: string; received: number; started: number; responded: number; pauses: Array<[number, number | null]> | string | null }>(await deps.db.execute(sql`
    select t.sla_level as level,
      (extract(epoch from t.received_at) * 1000)::float8 as received,
      (extract(epoch from t.sla_started_at) * 1000)::float8 as started,
      (extract(epoch from t.first_response_at) * 1000)::float8 as responded,
      (select json_agg(json_build_array((extract(epoch from p.started_at) * 1000)::float8, (extract(epoch from p.ended_at) * 1000)::float8) order by p.started_at)
         from sla_pauses p where p.ticket_id = t.id and p.started_at < t.first_response_at) as pauses
    from tickets t
    where ${range} and t.first_response_at is not null`));
  const unanswered = rowsOf<{ level: string; n: number }>(await deps.db.execute(sql`
    select sla_level as level, count(*)::int as n from tickets where ${range} and first_response_at is null group by 1`));

  const durations = new Map<string, number[]>();
  for (const r of answered) {
    // The clock of the current request for a response: from a reopening when there was one, but
    // not from a hand-over to development that came after the answer.
    const from = r.started <= r.responded ? r.started : r.received;
    const raw = typeof r.pauses === "string" ? (JSON.parse(r.pauses) as Array<[number, number | null]>) : (r.pauses ?? []);
    const pauses: Pause[] = raw.map(([s, e]) => ({ from: new Date(s), to: e === null ? null : new Date(e) }));
    const ms = businessTimeBetween(new Date(from), new Date(r.responded), cal, pauses);
    const list = durations.get(r.level) ?? [];
    list.push(ms);
    durations.set(r.level, list);
  }
  const open = new Map(unanswered.map((r) => [r.level, r.n]));
  const rowFor = (level: string, list: number[], unansweredCount: number): FirstResponseRow => {
    const sorted = [...list].sort((a, b) => a - b);
    const counts = Object.fromEntries(FIRST_RESPONSE_BUCKETS.map((b) => [b.key, 0])) as Record<FirstResponseBucketKey, number>;
    for (const ms of sorted) counts[bucketOf(ms)] += 1;
    const m = median(sorted);
    return { level: level as SlaLevelId, answered: sorted.length, unanswered: unansweredCount, medianHours: m === null ? null : Math.round((m / HOUR_MS) * 100) / 100, counts };
  };
  const levels = levelsWith([...durations.keys(), ...open.keys()]);
  const rows = levels.map((l) => rowFor(l, durations.get(l) ?? [], open.get(l) ?? 0));
  rows.push(rowFor("all", [...durations.values()].flat(), [...open.values()].reduce((a, b) => a + b, 0)));
  return { timeZone: cal.timeZone, generatedAt: now.toISOString(), weeks, buckets: FIRST_RESPONSE_BUCKETS, rows };
}

export async function backlogReport(deps: ReportDeps): Promise<BacklogReport> {
  const cal = await deps.calendar();
  const now = deps.now().toISOString();
  // The statuses are in the SQL text so the planner can use the partial queue index.
  const rows = rowsOf<BacklogRow>(await deps.db.execute(sql`
    select sla_level as level, status, count(*)::int as count,
      (count(*) filter (where first_response_at is null and response_target_at < ${now}::timestamptz))::int as "pastTarget",
      (count(*) filter (where first_response_at is null and response_due_at < ${now}::timestamptz))::int as "pastMaximum"
    from tickets where status in ${activeSql}
    group by 1, 2`));
  const statusOrder = new Map<string, number>(ACTIVE_STATUSES.map((s, i) => [s, i]));
  const levels = levelsWith(rows.map((r) => r.level));
  const levelOrder = new Map(levels.map((l, i) => [l, i]));
  rows.sort((a, b) => levelOrder.get(a.level)! - levelOrder.get(b.level)! || statusOrder.get(a.status)! - statusOrder.get(b.status)!);
  const byLevel = levels.map((level) => {
    const mine = rows.filter((r) => r.level === level);
    return { level: level as SlaLevelId, count: sum(mine, "count"), pastTarget: sum(mine, "pastTarget"), pastMaximum: sum(mine, "pastMaximum") };
  });
  return {
    timeZone: cal.timeZone, generatedAt: now, rows, byLevel,
    total: { count: sum(rows, "count"), pastTarget: sum(rows, "pastTarget"), pastMaximum: sum(rows, "pastMaximum") },
  };
}

const sum = <K extends string>(rows: Array<Record<K, number>>, key: K) => rows.reduce((a, r) => a + r[key], 0);

export async function ratingsReport(deps: ReportDeps, weekCount: number): Promise<RatingsReport> {
  const cal = await deps.calendar();
  const now = deps.now();
  const weeks = isoWeeks(now, cal.timeZone, weekCount);
  const range = sql`r.confirmed_at >= ${weeks[0]!.startsAt}::timestamptz and r.confirmed_at < ${weeks[weeks.length - 1]!.endsAt}::timestamptz`;
  const perCell = rowsOf<{ w: number; score: number; n: number }>(await deps.db.execute(sql`
    select width_bucket(r.confirmed_at, ${boundaries(weeks)})::int as w, r.score::int as score, count(*)::int as n
    from ratings r where ${range} group by 1, 2`));
  const comments = rowsOf<{ tid: string; subject: string; level: string; score: number; comment: string; confirmed: number }>(await deps.db.execute(sql`
    select t.tid, t.subject, t.sla_level as level, r.score::int as score, r.comment,
      (extract(epoch from r.confirmed_at) * 1000)::float8 as confirmed
    from ratings r join tickets t on t.id = r.ticket_id
    where ${range} and r.comment is not null and r.comment <> ''
    order by r.confirmed_at desc, r.ticket_id desc limit 20`));

  const perWeek = weeks.map((w) => ({ week: w.week, weekStart: w.weekStart, count: 0, total: 0 }));
  const distribution: RatingsReport["distribution"] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const c of perCell) {
    const w = perWeek[c.w - 1];
    if (!w) continue;
    w.count += c.n;
    w.total += c.score * c.n;
    const key = String(c.score) as keyof typeof distribution;
    if (key in distribution) distribution[key] += c.n;
  }
  const avg = (total: number, n: number) => (n === 0 ? null : Math.round((total / n) * 100) / 100);
  const count = sum(perWeek, "count");
  return {
    timeZone: cal.timeZone, generatedAt: now.toISOString(), weeks,
    perWeek: perWeek.map(({ total, ...w }) => ({ ...w, average: avg(total, w.count) })),
    distribution, count, average: avg(sum(perWeek, "total"), count),
    comments: comments.map(({ confirmed, ...c }) => ({ ...c, confirmedAt: new Date(Number(confirmed)).toISOString() })),
  };
}

/** Every confirmed vote of the period, newest first, for the CSV export (capped: a year of votes fits). */
export async function ratingsExport(deps: ReportDeps, weekCount: number) {
  const cal = await deps.calendar();
  const weeks = isoWeeks(deps.now(), cal.timeZone, weekCount);
  const rows = rowsOf<{ w: number; tid: string; level: string; score: number; comment: string | null; confirmed: number }>(await deps.db.execute(sql`
    select width_bucket(r.confirmed_at, ${boundaries(weeks)})::int as w, t.tid, t.sla_level as level, r.score::int as score, r.comment,
      (extract(epoch from r.confirmed_at) * 1000)::float8 as confirmed
    from ratings r join tickets t on t.id = r.ticket_id
    where r.confirmed_at >= ${weeks[0]!.startsAt}::timestamptz and r.confirmed_at < ${weeks[weeks.length - 1]!.endsAt}::timestamptz
    order by r.confirmed_at desc, r.ticket_id desc limit 100000`));
  return {
    weeks,
    rows: rows.map((r) => ({ week: weeks[r.w - 1]?.week ?? "", tid: r.tid, level: r.level, score: r.score, comment: r.comment, confirmedAt: new Date(Number(r.confirmed)).toISOString() })),
  };
}
