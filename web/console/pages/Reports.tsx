/**
 * How the SLA is kept (issue 7): compliance per level per week, first-response times, the
 * backlog by level, and ratings. Each report is a chart with its numbers written on it, a table
 * of the same numbers, and a CSV download of the server's own export.
 */
import type { ComponentChildren } from "preact";
import type { BacklogReport, FirstResponseReport, RatingsReport, SlaReport } from "../api";
import { formatWhen } from "../clock";
import { useConsole, useTitle } from "../context";
import { formatTid, levelText } from "../format";
import { BarChart, type Bar } from "../parts/BarChart";
import { DataTable, type Column, type DataTableProps } from "../../shared/DataTable";
import { ErrorNote } from "../parts/Notes";
import { useReport, type Loaded } from "../parts/useReport";
import { KbReports } from "./KbReports";

const failed = <T,>(x: Loaded<T>): x is { error: string } => x !== null && typeof x === "object" && "error" in x && Object.keys(x).length === 1;

export function Reports() {
  const { t, api } = useConsole();
  useTitle(t.reports.title);
  const sla = useReport(() => api.slaReport());
  const first = useReport(() => api.firstResponseReport());
  const backlog = useReport(() => api.backlogReport());
  const ratings = useReport(() => api.ratingsReport());

  return (
    <>
      <h1 tabIndex={-1}>{t.reports.title}</h1>
      <p class="lead">{t.reports.intro}</p>
      <div class="reports">
        <Report id="sla" title={t.reports.sla.title} csv="/api/v1/reports/sla?format=csv" data={sla} render={(r) => <SlaCompliance r={r} />} />
        <Report id="first-response" title={t.reports.first.title} csv="/api/v1/reports/first-response?format=csv" data={first} render={(r) => <FirstResponse r={r} />} />
        <Report id="backlog" title={t.reports.backlog.title} csv="/api/v1/reports/backlog?format=csv" data={backlog} render={(r) => <Backlog r={r} />} />
        <Report id="ratings" title={t.reports.ratings.title} csv="/api/v1/reports/ratings?format=csv" data={ratings} render={(r) => <Ratings r={r} />} />
      </div>
      <KbReports />
    </>
  );
}

export function Report<T>({ id, title, csv, data, render }: { id: string; title: string; csv: string; data: Loaded<T>; render: (r: T) => ComponentChildren }) {
  const { t } = useConsole();
  return (
    <section class="panel report" aria-labelledby={`r-${id}`}>
      <div class="report-head">
        <h2 id={`r-${id}`}>{title}</h2>
        <a class="button" href={csv} download>{t.reports.csv}<span class="visually-hidden">: {title}</span></a>
      </div>
      {data === null && <p role="status">{t.loading}</p>}
      {failed(data) && <ErrorNote message={data.error} />}
      {data !== null && !failed(data) && render(data)}
    </section>
  );
}

export function pct(n: number | null, locale: string): string {
  return n === null ? "—" : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)} %`;
}

/** A report's numbers as a table, folded under its summary (the chart above says the same). */
export function Numbers<R>({ summary, ...table }: { summary: string } & Omit<DataTableProps<R>, "caption" | "class">) {
  return (
    <details>
      <summary>{summary}</summary>
      <DataTable caption={summary} class="numbers" {...table} />
    </details>
  );
}

function SlaCompliance({ r }: { r: SlaReport }) {
  const { t, lang, locale } = useConsole();
  const levels = r.totals.filter((x) => x.received > 0 || x.breached > 0);
  if (levels.length === 0) return <p class="muted">{t.reports.empty}</p>;
  const bars: Bar[] = levels.map((x) => ({
    label: levelText(x.level, lang),
    value: x.compliancePct ?? 0,
    display: x.compliancePct === null ? t.reports.sla.noneAnswered : `${pct(x.compliancePct, locale)} (${x.respondedWithinMaximum}/${x.respondedWithinMaximum + x.breached})`,
    tone: x.compliancePct === null ? "neutral" : x.compliancePct >= 95 ? "ok" : x.compliancePct >= 80 ? "warning" : "breach",
  }));
  const cell = (week: string, level: string) => r.rows.find((x) => x.week === week && x.level === level);
  const columns: Column<SlaReport["weeks"][number]>[] = [
    { head: t.reports.week, cell: (w) => w.week },
    ...levels.map((l) => ({
      head: levelText(l.level, lang),
      cell: (w: { week: string }) => {
        const c = cell(w.week, l.level);
        return c && c.received > 0 ? `${pct(c.compliancePct, locale)} · ${t.reports.sla.received(c.received)}` : "—";
      },
    })),
  ];
  return (
    <>
      <p class="hint">{t.reports.sla.explain(r.weeks.length)}</p>
      <BarChart title={t.reports.sla.chart} bars={bars} max={100} />
      <Numbers summary={t.reports.sla.perWeek} columns={columns} rows={r.weeks} rowKey={(w) => w.week} />
    </>
  );
}

function FirstResponse({ r }: { r: FirstResponseReport }) {
  const { t, lang, locale } = useConsole();
  const all = r.rows.find((x) => x.level === "all");
  if (!all || all.answered + all.unanswered === 0) return <p class="muted">{t.reports.empty}</p>;
  const hours = (h: number | null) => (h === null ? "—" : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(h)} ${t.units.h}`);
  const bars: Bar[] = r.buckets.map((b) => ({ label: b.label, value: all.counts[b.key] }));
  const levels = r.rows.filter((x) => x.level !== "all" && x.answered + x.unanswered > 0);
  const columns: Column<typeof all>[] = [
    { head: t.queue.level, cell: (x) => (x.level === "all" ? t.reports.all : levelText(x.level, lang)) },
    { head: t.reports.first.answered, cell: (x) => x.answered },
    { head: t.reports.first.unanswered, cell: (x) => x.unanswered },
    { head: t.reports.first.median, cell: (x) => hours(x.medianHours) },
    ...r.buckets.map((b) => ({ head: b.label, cell: (x: typeof all) => x.counts[b.key] })),
  ];
  return (
    <>
      <p class="hint">{t.reports.first.explain(all.answered, all.unanswered, hours(all.medianHours))}</p>
      <BarChart title={t.reports.first.chart} bars={bars} />
      <Numbers summary={t.reports.first.perLevel} columns={columns} rows={[...levels, all]} rowKey={(x) => x.level} />
    </>
  );
}

function Backlog({ r }: { r: BacklogReport }) {
  const { t, lang } = useConsole();
  if (r.total.count === 0) return <p class="muted">{t.reports.backlog.empty}</p>;
  const bars: Bar[] = r.byLevel.filter((x) => x.count > 0).map((x) => ({
    label: levelText(x.level, lang),
    value: x.count,
    display: t.reports.backlog.bar(x.count, x.pastTarget, x.pastMaximum),
    tone: x.pastMaximum > 0 ? "breach" : x.pastTarget > 0 ? "warning" : "ok",
  }));
  const columns: Column<BacklogReport["rows"][number]>[] = [
    { head: t.queue.level, cell: (x) => levelText(x.level, lang) },
    { head: t.queue.status, cell: (x) => t.status[x.status] },
    { head: t.reports.backlog.count, cell: (x) => x.count },
    { head: t.reports.backlog.pastTarget, cell: (x) => x.pastTarget },
    { head: t.reports.backlog.pastMaximum, cell: (x) => x.pastMaximum },
  ];
  return (
    <>
      <p class="hint">{t.reports.backlog.total(r.total.count, r.total.pastTarget, r.total.pastMaximum)}</p>
      <BarChart title={t.reports.backlog.chart} bars={bars} />
      <Numbers summary={t.reports.backlog.byStatus} columns={columns} rows={r.rows} rowKey={(x) => `${x.level}-${x.status}`} />
    </>
  );
}

function Ratings({ r }: { r: RatingsReport }) {
  const { t, locale, lang } = useConsole();
  if (r.count === 0) return <p class="muted">{t.reports.ratings.none}</p>;
  const avg = (n: number | null) => (n === null ? "—" : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n));
  const bars: Bar[] = (["5", "4", "3", "2", "1"] as const).map((s) => ({
    label: t.reports.ratings.score(Number(s)),
    value: r.distribution[s],
    tone: Number(s) >= 4 ? "ok" : Number(s) === 3 ? "warning" : "breach",
  }));
  const columns: Column<RatingsReport["perWeek"][number]>[] = [
    { head: t.reports.week, cell: (w) => w.week },
    { head: t.reports.ratings.votes, cell: (w) => w.count },
    { head: t.reports.ratings.average, cell: (w) => avg(w.average) },
  ];
  return (
    <>
      <p class="hint">{t.reports.ratings.summary(r.count, avg(r.average))}</p>
      <BarChart title={t.reports.ratings.chart} bars={bars} />
      <Numbers summary={t.reports.ratings.perWeek} columns={columns} rows={r.perWeek} rowKey={(w) => w.week} />
      {r.comments.length > 0 && (
        <>
          <h3>{t.reports.ratings.comments}</h3>
          <ul class="comments">
            {r.comments.map((c) => (
              <li key={`${c.tid}-${c.confirmedAt}`}>
                <p class="meta">{formatTid(c.tid)} · {levelText(c.level, lang)} · {t.reports.ratings.score(c.score)} · <time dateTime={c.confirmedAt}>{formatWhen(c.confirmedAt, locale)}</time></p>
                <p class="body">{c.comment}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
