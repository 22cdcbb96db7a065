import { sql, type SQL } from "drizzle-orm";
import {
  FIRST_RESPONSE_BUCKETS, type BacklogReport, type BacklogRow, type FirstResponseBucketKey, type FirstResponseReport,
  type FirstResponseRow, type RatingsReport, type ReportWeek, type SlaReport, type SlaReportRow,
} from "../../../shared/api/console";
import { SLA_LEVEL_IDS, isSlaLevelId, type SlaLevelId } from "../../../shared/sla";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/rows";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import { isoWeeks, periodOf } from "../../domain/reports/weeks";
import { FIRST_RESPONSE_LIMITS_MS, average, hoursOf, percent } from "../../domain/reports/figures";
import { businessClock } from "../../domain/reports/business-clock";
import { ACTIVE_STATUSES } from "../../../shared/ticket-status";
import { statusIn } from "../../db/status-sql";

/**
 * The console's reports, four queries in one file because they share the period (ISO weeks in the
 * calendar's zone) and the rules of what counts. Everything is counted by SQL aggregates over the
 * tickets received in the period (a range on received_at, applied first); nothing per ticket comes
 * back to the process. Local time never enters SQL (PGlite and Postgres differ on time zones): week
 * boundaries and the business-hours clock are computed in domain/reports/ and passed in as instants.
 *
 * Tickets count on the level they are on now and by their current clock: a reopened ticket counts
 * its latest request for a response, a ticket moved to non-product counts against non-product.
 */

interface ReportDeps { db: Db; now: () => Date; calendar: () => Promise<BusinessCalendar> }

/** Week boundaries as one timestamptz[] for width_bucket: bucket i (1-based) is weeks[i - 1]. */
export const boundaries = (weeks: ReportWeek[]): SQL => sql`${`{${periodOf(weeks).bounds.join(",")}}`}::timestamptz[]`;

/** A condition: the instant in `column` lies in the weeks' period. */
export function inPeriod(weeks: ReportWeek[], column: SQL): SQL {
  const { startsAt, endsAt } = periodOf(weeks);
  return sql`${column} >= ${startsAt}::timestamptz and ${column} < ${endsAt}::timestamptz`;
}
const activeSql = statusIn(ACTIVE_STATUSES);

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
        ${activeSql} as active,
        (breached
          or coalesce(first_response_at > response_due_at, false)
          or (answered_at is null and ${activeSql} and coalesce(response_due_at < ${nowIso}::timestamptz, false))) as late,
        coalesce(first_response_at <= coalesce(response_target_at, response_due_at), true) as in_target
      from tickets
      where ${inPeriod(weeks, sql`received_at`)}
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
  const withPct = (c: SlaReportRow) => ({ ...c, compliancePct: percent(c.respondedWithinMaximum, c.respondedWithinMaximum + c.breached) });
  return {
    timeZone: cal.timeZone, generatedAt: nowIso, weeks,
    rows: [...cells.values()].map(withPct),
    totals: [...totals.values()].map(withPct),
  };
}

const floats = (xs: number[]) => sql`${`{${xs.join(",")}}`}::float8[]`;

export async function firstResponseReport(deps: ReportDeps, weekCount: number): Promise<FirstResponseReport> {
  const cal = await deps.calendar();
  const now = deps.now();
  const weeks = isoWeeks(now, cal.timeZone, weekCount);
  const period = periodOf(weeks);
  // Past the period's end too: a ticket received in it may be answered after it (up to now).
  const clock = businessClock(Date.parse(period.startsAt), Math.max(Date.parse(period.endsAt), now.getTime()), cal);
  const range = inPeriod(weeks, sql`received_at`);
  const b = FIRST_RESPONSE_LIMITS_MS;
  // The clock of the current request for a response starts at sla_started_at (a reopening), but
  // not at a hand-over to development that came after the answer. Paused time (waiting on the
  // client) inside that span does not count. Epoch milliseconds throughout (date_part is float8;
  // extract would be numeric, and slow). Unanswered tickets have ms null: aggregates skip them.
  const rows = rowsOf<{ level: string | null; answered: number; unanswered: number; median: number | null; b0: number; b1: number; b2: number; b3: number; b4: number; b5: number; b6: number }>(await deps.db.execute(sql`
    with c as (select ${floats(clock.starts)} as starts, ${floats(clock.k)} as k, ${floats(clock.e)} as e),
    t as (
      select id, sla_level, first_response_at,
        date_part('epoch', case when sla_started_at <= first_response_at then sla_started_at else received_at end) * 1000 as f,
        date_part('epoch', first_response_at) * 1000 as r
      from tickets where ${range}
    ),
    p as (
      select t.id, greatest(date_part('epoch', sp.started_at) * 1000, t.f) as ps,
        least(coalesce(date_part('epoch', sp.ended_at) * 1000, t.r), t.r) as pe
      from t join sla_pauses sp on sp.ticket_id = t.id and sp.started_at < t.first_response_at
    ),
    paused as (
      select id, sum(greatest(c.k[pi] + least(pe, c.e[pi]) - c.k[si] - least(ps, c.e[si]), 0)) as ms
      from (select p.*, width_bucket(p.pe, c.starts) as pi, width_bucket(p.ps, c.starts) as si from p, c where p.pe > p.ps) x, c
      group by id
    ),
    w as (select t.id, t.sla_level, t.f, t.r, width_bucket(t.r, c.starts) as ri, width_bucket(t.f, c.starts) as fi from t, c),
    d as (
      select w.sla_level, c.k[ri] + least(r, c.e[ri]) - c.k[fi] - least(f, c.e[fi]) - coalesce(paused.ms, 0) as ms
      from w cross join c left join paused on paused.id = w.id
    )
    select sla_level as level, count(ms)::int as answered, (count(*) - count(ms))::int as unanswered,
      (percentile_cont(0.5) within group (order by ms))::float8 as median,
      (count(*) filter (where ms < ${b[0]}))::int as b0,
      (count(*) filter (where ms >= ${b[0]} and ms < ${b[1]}))::int as b1,
      (count(*) filter (where ms >= ${b[1]} and ms < ${b[2]}))::int as b2,
      (count(*) filter (where ms >= ${b[2]} and ms < ${b[3]}))::int as b3,
      (count(*) filter (where ms >= ${b[3]} and ms < ${b[4]}))::int as b4,
      (count(*) filter (where ms >= ${b[4]} and ms < ${b[5]}))::int as b5,
      (count(*) filter (where ms >= ${b[5]}))::int as b6
    from d group by rollup (sla_level)`));

  const found = new Map(rows.map((r) => [r.level ?? "all", r]));
  const rowFor = (level: string): FirstResponseRow => {
    const r = found.get(level);
    const counts = Object.fromEntries(FIRST_RESPONSE_BUCKETS.map((x, i) => [x.key, r ? Number(r[`b${i}` as "b0"]) : 0])) as Record<FirstResponseBucketKey, number>;
    const median = r?.median == null ? null : hoursOf(Number(r.median));
    return { level: level as SlaLevelId, answered: r?.answered ?? 0, unanswered: r?.unanswered ?? 0, medianHours: median, counts };
  };
  const result = levelsWith(rows.flatMap((r) => (r.level ? [r.level] : []))).map(rowFor);
  result.push(rowFor("all"));
  return { timeZone: cal.timeZone, generatedAt: now.toISOString(), weeks, buckets: FIRST_RESPONSE_BUCKETS, rows: result };
}

export async function backlogReport(deps: ReportDeps): Promise<BacklogReport> {
  const cal = await deps.calendar();
  const now = deps.now().toISOString();
  // The statuses are in the SQL text so the planner can use the partial queue index.
  const rows = rowsOf<BacklogRow>(await deps.db.execute(sql`
    select sla_level as level, status, count(*)::int as count,
      (count(*) filter (where answered_at is null and response_target_at < ${now}::timestamptz))::int as "pastTarget",
      (count(*) filter (where answered_at is null and response_due_at < ${now}::timestamptz))::int as "pastMaximum"
    from tickets where ${activeSql}
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
  const range = inPeriod(weeks, sql`r.confirmed_at`);
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
  const count = sum(perWeek, "count");
  return {
    timeZone: cal.timeZone, generatedAt: now.toISOString(), weeks,
    perWeek: perWeek.map(({ total, ...w }) => ({ ...w, average: average(total, w.count) })),
    distribution, count, average: average(sum(perWeek, "total"), count),
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
    where ${inPeriod(weeks, sql`r.confirmed_at`)}
    order by r.confirmed_at desc, r.ticket_id desc limit 100000`));
  return {
    weeks,
    rows: rows.map((r) => ({ week: weeks[r.w - 1]?.week ?? "", tid: r.tid, level: r.level, score: r.score, comment: r.comment, confirmedAt: new Date(Number(r.confirmed)).toISOString() })),
  };
}
