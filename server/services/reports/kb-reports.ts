import { sql } from "drizzle-orm";
import { KB_REPORT_ROWS, type KbDeflectionReport, type KbNoResultReport, type KbReferencedReport, type KbVotesReport } from "../../../shared/api/kb-reports";
import type { Locale } from "../../../shared/locale";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/rows";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import { isoWeeks } from "../../domain/reports/weeks";
import { boundaries, inPeriod } from "./reports";
import { percent } from "../../domain/reports/figures";
import { normaliseQuery } from "../../domain/kb/search-log";

/**
 * The knowledge base's reports (issue 16). The period is the SLA reports' one (ISO weeks in the
 * calendar's zone, computed in domain/reports/ and passed to SQL as instants); each counts by SQL
 * aggregates over the period's rows.
 */
interface ReportDeps { db: Db; now: () => Date; calendar: () => Promise<BusinessCalendar> }

async function periodFor(deps: ReportDeps, weekCount: number) {
  const cal = await deps.calendar();
  const now = deps.now();
  const weeks = isoWeeks(now, cal.timeZone, weekCount);
  return { weeks, head: { timeZone: cal.timeZone, generatedAt: now.toISOString(), weeks } };
}


/** Per week: deflections / (deflections + tickets the widget sent), the share the suggestions saved. */
export async function kbDeflectionReport(deps: ReportDeps, weekCount: number): Promise<KbDeflectionReport> {
  const { weeks, head } = await periodFor(deps, weekCount);
  const rows = rowsOf<{ w: number; deflections: number; tickets: number }>(await deps.db.execute(sql`
    select w::int as w, (count(*) filter (where d))::int as deflections, (count(*) filter (where not d))::int as tickets from (
      select width_bucket(created_at, ${boundaries(weeks)}) as w, true as d from kb_deflections where ${inPeriod(weeks, sql`created_at`)}
      union all
      select width_bucket(received_at, ${boundaries(weeks)}), false from tickets where channel = 'widget' and ${inPeriod(weeks, sql`received_at`)}
    ) x group by 1`));
  const byWeek = new Map(rows.map((r) => [Number(r.w), r]));
  const perWeek = weeks.map((w, i) => {
    const r = byWeek.get(i + 1);
    const deflections = r?.deflections ?? 0;
    const widgetTickets = r?.tickets ?? 0;
    return { week: w.week, weekStart: w.weekStart, deflections, widgetTickets, ratePct: percent(deflections, deflections + widgetTickets) };
  });
  const deflections = perWeek.reduce((a, r) => a + r.deflections, 0);
  const widgetTickets = perWeek.reduce((a, r) => a + r.widgetTickets, 0);
  return { ...head, rows: perWeek, total: { deflections, widgetTickets, ratePct: percent(deflections, deflections + widgetTickets) } };
}

/** Raw query forms fetched for grouping in TypeScript (normaliseQuery); the most frequent win. */
const RAW_FORMS = 5000;

/**
 * What readers searched for and did not find, grouped by the normalised query and language, the
 * most frequent first. SQL groups by the text as stored; normaliseQuery then merges the forms that
 * differ only in case, spacing or punctuation at the ends.
 */
export async function kbNoResultReport(deps: ReportDeps, weekCount: number): Promise<KbNoResultReport> {
  const { weeks, head } = await periodFor(deps, weekCount);
  // zero_result = true leads kb_searches_zero_idx, and created_at follows it.
  const forms = rowsOf<{ query: string; locale: Locale; n: number; last: number; total: number }>(await deps.db.execute(sql`
    select query, locale, count(*)::int as n, (extract(epoch from max(created_at)) * 1000)::float8 as last, (sum(count(*)) over ())::int as total
    from kb_searches where zero_result = true and ${inPeriod(weeks, sql`created_at`)}
    group by query, locale order by n desc, last desc limit ${RAW_FORMS}`));
  const groups = new Map<string, { query: string; locale: Locale; count: number; last: number }>();
  for (const f of forms) {
    const query = normaliseQuery(f.query);
    if (!query) continue;
    const key = `${f.locale}\u0000${query}`;
    const g = groups.get(key) ?? { query, locale: f.locale, count: 0, last: 0 };
    g.count += f.n;
    g.last = Math.max(g.last, Number(f.last));
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => b.count - a.count || b.last - a.last || a.query.localeCompare(b.query)).slice(0, KB_REPORT_ROWS);
  return { ...head, rows: rows.map((g) => ({ query: g.query, locale: g.locale, count: g.count, lastSeenAt: new Date(g.last).toISOString() })), total: forms[0]?.total ?? 0 };
}

/** The articles the period's tickets name most: shown or opened in the widget before sending, linked by staff. */
export async function kbReferencedReport(deps: ReportDeps, weekCount: number): Promise<KbReferencedReport> {
  const { weeks, head } = await periodFor(deps, weekCount);
  const rows = rowsOf<{ articleId: number; slug: string; locale: Locale; title: string; visibility: string; tickets: number; shown: number; opened: number; linked: number }>(await deps.db.execute(sql`
    select a.id::int as "articleId", a.slug, a.locale, a.title, a.visibility, r.tickets, r.shown, r.opened, r.linked
    from (
      select ka.article_id, count(distinct ka.ticket_id)::int as tickets,
        (count(*) filter (where ka.kind = 'shown'))::int as shown,
        (count(*) filter (where ka.kind = 'opened'))::int as opened,
        (count(*) filter (where ka.kind = 'linked'))::int as linked
      from kb_ticket_articles ka join tickets t on t.id = ka.ticket_id
      where ${inPeriod(weeks, sql`t.received_at`)}
      group by ka.article_id
    ) r join kb_articles a on a.id = r.article_id
    order by r.tickets desc, r.opened desc, a.id limit ${KB_REPORT_ROWS}`));
  return { ...head, rows };
}

/** "Did this help?" per article in the period, the most voted first, with the share of yes. */
export async function kbVotesReport(deps: ReportDeps, weekCount: number): Promise<KbVotesReport> {
  const { weeks, head } = await periodFor(deps, weekCount);
  const rows = rowsOf<{ articleId: number; slug: string; locale: Locale; title: string; visibility: string; yes: number; no: number; all_yes: number; all_no: number }>(await deps.db.execute(sql`
    select a.id::int as "articleId", a.slug, a.locale, a.title, a.visibility, v.yes, v.no,
      (sum(v.yes) over ())::int as all_yes, (sum(v.no) over ())::int as all_no
    from (
      select article_id, (count(*) filter (where helpful))::int as yes, (count(*) filter (where not helpful))::int as no
      from kb_votes where ${inPeriod(weeks, sql`created_at`)} group by article_id
    ) v join kb_articles a on a.id = v.article_id
    order by v.yes + v.no desc, v.yes desc, a.id limit ${KB_REPORT_ROWS}`));
  const yes = rows[0]?.all_yes ?? 0;
  const no = rows[0]?.all_no ?? 0;
  return {
    ...head,
    rows: rows.map(({ all_yes: _y, all_no: _n, ...r }) => ({ ...r, helpfulPct: percent(r.yes, r.yes + r.no) })),
    total: { yes, no, helpfulPct: percent(yes, yes + no) },
  };
}
