/**
 * How the SLA is kept (issue 7): compliance per level per week, first-response times, the
 * backlog by level, and ratings. Each report is a chart with its numbers written on it, a table
 * of the same numbers, and a CSV download of the server's own export.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { BacklogReport, FirstResponseReport, RatingsReport, SlaReport } from "../api";
import { formatWhen } from "../clock";
import { useConsole, useTitle } from "../context";
import { formatTid, levelText } from "../format";
import { errorText } from "../i18n";
import { BarChart, type Bar } from "../parts/BarChart";
import { ErrorNote } from "../parts/Notes";

type Loaded<T> = T | null | { error: string };
const failed = <T,>(x: Loaded<T>): x is { error: string } => x !== null && typeof x === "object" && "error" in x && Object.keys(x).length === 1;

export function Reports() {
  const { t, api, lang } = useConsole();
  useTitle(t.reports.title);
  const [sla, setSla] = useState<Loaded<SlaReport>>(null);
  const [first, setFirst] = useState<Loaded<FirstResponseReport>>(null);
  const [backlog, setBacklog] = useState<Loaded<BacklogReport>>(null);
  const [ratings, setRatings] = useState<Loaded<RatingsReport>>(null);
  useEffect(() => {
    const err = (e: { code: string }) => ({ error: errorText(lang, e) });
    void api.slaReport().then((r) => setSla(r.ok ? r.data : err(r.error)));
    void api.firstResponseReport().then((r) => setFirst(r.ok ? r.data : err(r.error)));
    void api.backlogReport().then((r) => setBacklog(r.ok ? r.data : err(r.error)));
    void api.ratingsReport().then((r) => setRatings(r.ok ? r.data : err(r.error)));
  }, []);

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
    </>
  );
}

function Report<T>({ id, title, csv, data, render }: { id: string; title: string; csv: string; data: Loaded<T>; render(r: T): ComponentChildren }) {
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

function pct(n: number | null, locale: string): string {
  return n === null ? "—" : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)} %`;
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
  return (
    <>
      <p class="hint">{t.reports.sla.explain(r.weeks.length)}</p>
      <BarChart title={t.reports.sla.chart} bars={bars} max={100} />
      <details>
        <summary>{t.reports.sla.perWeek}</summary>
        <div class="table-wrap">
          <table class="numbers">
            <caption class="visually-hidden">{t.reports.sla.perWeek}</caption>
            <thead>
              <tr>
                <th scope="col">{t.reports.week}</th>
                {levels.map((l) => <th scope="col" key={l.level}>{levelText(l.level, lang)}</th>)}
              </tr>
            </thead>
            <tbody>
              {r.weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  {levels.map((l) => {
                    const c = cell(w.week, l.level);
                    return <td key={l.level}>{c && c.received > 0 ? `${pct(c.compliancePct, locale)} · ${t.reports.sla.received(c.received)}` : "—"}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
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
  return (
    <>
      <p class="hint">{t.reports.first.explain(all.answered, all.unanswered, hours(all.medianHours))}</p>
      <BarChart title={t.reports.first.chart} bars={bars} />
      <details>
        <summary>{t.reports.first.perLevel}</summary>
        <div class="table-wrap">
          <table class="numbers">
            <caption class="visually-hidden">{t.reports.first.perLevel}</caption>
            <thead>
              <tr>
                <th scope="col">{t.queue.level}</th>
                <th scope="col">{t.reports.first.answered}</th>
                <th scope="col">{t.reports.first.unanswered}</th>
                <th scope="col">{t.reports.first.median}</th>
                {r.buckets.map((b) => <th scope="col" key={b.key}>{b.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {[...levels, all].map((x) => (
                <tr key={x.level}>
                  <th scope="row">{x.level === "all" ? t.reports.all : levelText(x.level, lang)}</th>
                  <td>{x.answered}</td>
                  <td>{x.unanswered}</td>
                  <td>{hours(x.medianHours)}</td>
                  {r.buckets.map((b) => <td key={b.key}>{x.counts[b.key]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
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
  return (
    <>
      <p class="hint">{t.reports.backlog.total(r.total.count, r.total.pastTarget, r.total.pastMaximum)}</p>
      <BarChart title={t.reports.backlog.chart} bars={bars} />
      <details>
        <summary>{t.reports.backlog.byStatus}</summary>
        <div class="table-wrap">
          <table class="numbers">
            <caption class="visually-hidden">{t.reports.backlog.byStatus}</caption>
            <thead>
              <tr>
                <th scope="col">{t.queue.level}</th>
                <th scope="col">{t.queue.status}</th>
                <th scope="col">{t.reports.backlog.count}</th>
                <th scope="col">{t.reports.backlog.pastTarget}</th>
                <th scope="col">{t.reports.backlog.pastMaximum}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((x) => (
                <tr key={`${x.level}-${x.status}`}>
                  <th scope="row">{levelText(x.level, lang)}</th>
                  <td>{t.status[x.status]}</td>
                  <td>{x.count}</td>
                  <td>{x.pastTarget}</td>
                  <td>{x.pastMaximum}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
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
  return (
    <>
      <p class="hint">{t.reports.ratings.summary(r.count, avg(r.average))}</p>
      <BarChart title={t.reports.ratings.chart} bars={bars} />
      <details>
        <summary>{t.reports.ratings.perWeek}</summary>
        <div class="table-wrap">
          <table class="numbers">
            <caption class="visually-hidden">{t.reports.ratings.perWeek}</caption>
            <thead>
              <tr><th scope="col">{t.reports.week}</th><th scope="col">{t.reports.ratings.votes}</th><th scope="col">{t.reports.ratings.average}</th></tr>
            </thead>
            <tbody>
              {r.perWeek.map((w) => <tr key={w.week}><th scope="row">{w.week}</th><td>{w.count}</td><td>{avg(w.average)}</td></tr>)}
            </tbody>
          </table>
        </div>
      </details>
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
