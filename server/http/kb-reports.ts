import type { z } from "@hono/zod-openapi";
import { reportQuerySchema } from "../../shared/api/console";
import { kbDeflectionReportSchema, kbNoResultReportSchema, kbReferencedReportSchema, kbVotesReportSchema } from "../../shared/api/kb-reports";
import type { Deps } from "../deps";
import { kbDeflectionReport, kbNoResultReport, kbReferencedReport, kbVotesReport } from "../services/reports/kb-reports";
import { routes } from "./contract";
import { csvResponse, report, span } from "./report-route";

const deflectionRoute = report("/deflection", "getKbDeflectionReport", "Knowledge base: deflection rate per ISO week (reports the widget's suggestions ended without a ticket)", kbDeflectionReportSchema, reportQuerySchema);
const noResultRoute = report("/no-result", "getKbNoResultReport", "Knowledge base: searches that found nothing, by normalised query (the docs team's to-do list)", kbNoResultReportSchema, reportQuerySchema);
const referencedRoute = report("/referenced", "getKbReferencedReport", "Knowledge base: the articles tickets name most", kbReferencedReportSchema, reportQuerySchema);
const votesRoute = report("/votes", "getKbVotesReport", "Knowledge base: \"did this help?\" votes per article", kbVotesReportSchema, reportQuerySchema);

/**
 * The knowledge base's reports (issue 16), mounted under /api/v1/reports/kb behind the reports'
 * staff guard (server/http/reports.ts): the same callers, period and CSV form as the SLA reports.
 */
export function kbReportRoutes(deps: Deps) {
  const app = routes();

  app.openapi(deflectionRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await kbDeflectionReport(deps, q.weeks);
    if (q.format === "json") return c.json(r satisfies z.output<typeof kbDeflectionReportSchema>);
    return csvResponse(c, `tidings-kb-deflection-${span(r.weeks)}`, ["week", "week_start", "deflections", "widget_tickets", "rate_pct"],
      [...r.rows.map((x) => [x.week, x.weekStart, x.deflections, x.widgetTickets, x.ratePct]), ["total", "total", r.total.deflections, r.total.widgetTickets, r.total.ratePct]]);
  });

  app.openapi(noResultRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await kbNoResultReport(deps, q.weeks);
    if (q.format === "json") return c.json(r satisfies z.output<typeof kbNoResultReportSchema>);
    return csvResponse(c, `tidings-kb-no-result-${span(r.weeks)}`, ["query", "locale", "count", "last_seen_at"],
      r.rows.map((x) => [x.query, x.locale, x.count, x.lastSeenAt]));
  });

  app.openapi(referencedRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await kbReferencedReport(deps, q.weeks);
    if (q.format === "json") return c.json(r satisfies z.output<typeof kbReferencedReportSchema>);
    return csvResponse(c, `tidings-kb-referenced-${span(r.weeks)}`, ["locale", "slug", "title", "visibility", "tickets", "shown", "opened", "linked"],
      r.rows.map((x) => [x.locale, x.slug, x.title, x.visibility, x.tickets, x.shown, x.opened, x.linked]));
  });

  app.openapi(votesRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await kbVotesReport(deps, q.weeks);
    if (q.format === "json") return c.json(r satisfies z.output<typeof kbVotesReportSchema>);
    return csvResponse(c, `tidings-kb-votes-${span(r.weeks)}`, ["locale", "slug", "title", "yes", "no", "helpful_pct"],
      r.rows.map((x) => [x.locale, x.slug, x.title, x.yes, x.no, x.helpfulPct]));
  });
  return app;
}
