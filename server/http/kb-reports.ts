import { reportQuerySchema } from "../../shared/api/console";
import { kbDeflectionReportSchema, kbNoResultReportSchema, kbReferencedReportSchema, kbVotesReportSchema } from "../../shared/api/kb-reports";
import type { Deps } from "../deps";
import { kbDeflectionReport, kbNoResultReport, kbReferencedReport, kbVotesReport } from "../services/reports/kb-reports";
import { routes } from "./contract";
import { addReport, report, span } from "./report-route";

/**
 * The knowledge base's reports (issue 16), mounted under /api/v1/reports/kb behind the reports'
 * staff guard (server/http/reports.ts): the same callers, period and CSV form as the SLA reports.
 */
export function kbReportRoutes(deps: Deps) {
  const app = routes();

  addReport(app, report("/deflection", "getKbDeflectionReport", "Knowledge base: deflection rate per ISO week (reports the widget's suggestions ended without a ticket)", kbDeflectionReportSchema, reportQuerySchema), {
    load: (q) => kbDeflectionReport(deps, q.weeks),
    sheet: (r) => ({
      name: `tidings-kb-deflection-${span(r.weeks)}`,
      header: ["week", "week_start", "deflections", "widget_tickets", "rate_pct"],
      rows: [...r.rows.map((x) => [x.week, x.weekStart, x.deflections, x.widgetTickets, x.ratePct]), ["total", "total", r.total.deflections, r.total.widgetTickets, r.total.ratePct]],
    }),
  });

  addReport(app, report("/no-result", "getKbNoResultReport", "Knowledge base: searches that found nothing, by normalised query (the docs team's to-do list)", kbNoResultReportSchema, reportQuerySchema), {
    load: (q) => kbNoResultReport(deps, q.weeks),
    sheet: (r) => ({
      name: `tidings-kb-no-result-${span(r.weeks)}`,
      header: ["query", "locale", "count", "last_seen_at"],
      rows: r.rows.map((x) => [x.query, x.locale, x.count, x.lastSeenAt]),
    }),
  });

  addReport(app, report("/referenced", "getKbReferencedReport", "Knowledge base: the articles tickets name most", kbReferencedReportSchema, reportQuerySchema), {
    load: (q) => kbReferencedReport(deps, q.weeks),
    sheet: (r) => ({
      name: `tidings-kb-referenced-${span(r.weeks)}`,
      header: ["locale", "slug", "title", "visibility", "tickets", "shown", "opened", "linked"],
      rows: r.rows.map((x) => [x.locale, x.slug, x.title, x.visibility, x.tickets, x.shown, x.opened, x.linked]),
    }),
  });

  addReport(app, report("/votes", "getKbVotesReport", "Knowledge base: \"did this help?\" votes per article", kbVotesReportSchema, reportQuerySchema), {
    load: (q) => kbVotesReport(deps, q.weeks),
    sheet: (r) => ({
      name: `tidings-kb-votes-${span(r.weeks)}`,
      header: ["locale", "slug", "title", "yes", "no", "helpful_pct"],
      rows: r.rows.map((x) => [x.locale, x.slug, x.title, x.yes, x.no, x.helpfulPct]),
    }),
  });
  return app;
}
