/**
 * The knowledge base's part of the reports page (issue 16): the deflection rate per week, the
 * searches that found nothing (the docs team's to-do list, shown open rather than folded), the
 * articles tickets name most, and the "did this help?" votes. Same panels, period and CSV
 * downloads as the SLA reports above it (Reports.tsx).
 */
import type { KbDeflectionReport, KbNoResultReport, KbReferencedReport, KbVotesReport } from "../../../shared/api/kb-reports";
import { formatWhen } from "../clock";
import { useConsole } from "../context";
import { BarChart, type Bar } from "../parts/BarChart";
import { DataTable, type Column } from "../../shared/DataTable";
import { KB_REPORT_TEXTS } from "../texts/kb-reports";
import { useReport } from "../parts/useReport";
import { Numbers, Report, pct } from "./Reports";

const useTexts = () => KB_REPORT_TEXTS[useConsole().lang];

export function KbReports() {
  const { api } = useConsole();
  const k = useTexts();
  const deflection = useReport(() => api.kbDeflectionReport());
  const noResult = useReport(() => api.kbNoResultReport());
  const referenced = useReport(() => api.kbReferencedReport());
  const votes = useReport(() => api.kbVotesReport());
  return (
    <section class="kb-reports" aria-labelledby="r-kb">
      <h2 id="r-kb">{k.title}</h2>
      <p class="lead">{k.intro}</p>
      <div class="reports">
        <Report id="kb-deflection" title={k.deflection.title} csv="/api/v1/reports/kb/deflection?format=csv" data={deflection} render={(r) => <Deflection r={r} />} />
        <Report id="kb-no-result" title={k.noResult.title} csv="/api/v1/reports/kb/no-result?format=csv" data={noResult} render={(r) => <NoResult r={r} />} />
        <Report id="kb-referenced" title={k.referenced.title} csv="/api/v1/reports/kb/referenced?format=csv" data={referenced} render={(r) => <Referenced r={r} />} />
        <Report id="kb-votes" title={k.votes.title} csv="/api/v1/reports/kb/votes?format=csv" data={votes} render={(r) => <Votes r={r} />} />
      </div>
    </section>
  );
}

function Deflection({ r }: { r: KbDeflectionReport }) {
  const { t, locale } = useConsole();
  const k = useTexts().deflection;
  const all = r.total.deflections + r.total.widgetTickets;
  if (all === 0) return <p class="muted">{k.none}</p>;
  const bars: Bar[] = r.rows.map((w) => ({
    label: w.week,
    value: w.ratePct ?? 0,
    display: w.ratePct === null ? "—" : k.bar(pct(w.ratePct, locale), w.deflections, w.deflections + w.widgetTickets),
    tone: w.ratePct === null ? "neutral" : "ok",
  }));
  const columns: Column<KbDeflectionReport["rows"][number]>[] = [
    { head: t.reports.week, cell: (w) => w.week },
    { head: k.deflections, cell: (w) => w.deflections },
    { head: k.tickets, cell: (w) => w.widgetTickets },
    { head: k.rate, cell: (w) => pct(w.ratePct, locale) },
  ];
  return (
    <>
      <p class="hint">{k.explain(r.total.deflections, all, pct(r.total.ratePct, locale))}</p>
      <BarChart title={k.chart} bars={bars} max={100} />
      <Numbers summary={k.perWeek} columns={columns} rows={r.rows} rowKey={(w) => w.week} />
    </>
  );
}

function NoResult({ r }: { r: KbNoResultReport }) {
  const { locale } = useConsole();
  const texts = useTexts();
  const k = texts.noResult;
  if (r.rows.length === 0) return <p class="muted">{k.none}</p>;
  const columns: Column<KbNoResultReport["rows"][number]>[] = [
    { head: k.query, cell: (x) => x.query, class: "kb-query" },
    { head: k.locale, cell: (x) => texts.locales[x.locale] ?? x.locale },
    { head: k.count, cell: (x) => x.count, class: "num" },
    { head: k.lastSeen, cell: (x) => <time dateTime={x.lastSeenAt}>{formatWhen(x.lastSeenAt, locale)}</time> },
  ];
  return (
    <>
      <p class="hint">{k.explain(r.total)}</p>
      <DataTable caption={k.caption} class="numbers" columns={columns} rows={r.rows} rowKey={(x) => `${x.locale}:${x.query}`} labelled />
    </>
  );
}

/** An article as the reports name it: its title, a link to its help page when the public may read it. */
function ArticleName({ a }: { a: { title: string; slug: string; locale: string; visibility: string } }) {
  const texts = useTexts();
  const tag = `${a.locale}${a.visibility === "public" ? "" : ` · ${texts.notPublic(a.visibility)}`}`;
  return (
    <>
      {a.visibility === "public" ? <a href={`/help/${a.locale}/${a.slug}`}>{a.title}</a> : a.title}
      <span class="muted"> ({tag})</span>
    </>
  );
}

function Referenced({ r }: { r: KbReferencedReport }) {
  const k = useTexts().referenced;
  if (r.rows.length === 0) return <p class="muted">{k.none}</p>;
  const columns: Column<KbReferencedReport["rows"][number]>[] = [
    { head: k.article, cell: (x) => <ArticleName a={x} /> },
    { head: k.tickets, cell: (x) => x.tickets, class: "num" },
    { head: k.shown, cell: (x) => x.shown, class: "num" },
    { head: k.opened, cell: (x) => x.opened, class: "num" },
    { head: k.linked, cell: (x) => x.linked, class: "num" },
  ];
  return (
    <>
      <p class="hint">{k.explain}</p>
      <DataTable caption={k.caption} class="numbers" columns={columns} rows={r.rows} rowKey={(x) => x.articleId} labelled />
    </>
  );
}

function Votes({ r }: { r: KbVotesReport }) {
  const { locale } = useConsole();
  const k = useTexts().votes;
  if (r.rows.length === 0) return <p class="muted">{k.none}</p>;
  const columns: Column<KbVotesReport["rows"][number]>[] = [
    { head: k.article, cell: (x) => <ArticleName a={x} /> },
    { head: k.yes, cell: (x) => x.yes, class: "num" },
    { head: k.no, cell: (x) => x.no, class: "num" },
    { head: k.ratio, cell: (x) => pct(x.helpfulPct, locale), class: "num" },
  ];
  return (
    <>
      <p class="hint">{k.explain(r.total.yes, r.total.no, pct(r.total.helpfulPct, locale))}</p>
      <DataTable caption={k.caption} class="numbers" columns={columns} rows={r.rows} rowKey={(x) => x.articleId} labelled />
    </>
  );
}
