import type { z } from "@hono/zod-openapi";
import { backlogQuerySchema, FIRST_RESPONSE_BUCKETS, reportQuerySchema } from "../../shared/api/console";
import type { Deps } from "../deps";
import { backlogReport, firstResponseReport, ratingsExport, ratingsReport, slaReport } from "../services/reports/reports";
import { requireStaff } from "./middleware/admin-auth";
import { backlogReportSchema, firstResponseReportSchema, ratingsReportSchema, slaReportSchema } from "../../shared/api/console-responses";
import { routes } from "./contract";
import { kbReportRoutes } from "./kb-reports";
import { csvResponse, report, span } from "./report-route";

export { csvCell, toCsv } from "./report-route";


const slaRoute = report("/sla", "getSlaReport", "SLA compliance per ISO week and level", slaReportSchema, reportQuerySchema);
const firstResponseRoute = report("/first-response", "getFirstResponseReport", "Time to first response, in buckets, per level", firstResponseReportSchema, reportQuerySchema);
const backlogRoute = report("/backlog", "getBacklogReport", "Open tickets now, per level and status, and how many are late", backlogReportSchema, backlogQuerySchema);
const ratingsRoute = report("/ratings", "getRatingsReport", "Client ratings per week (CSV: the votes themselves)", ratingsReportSchema, reportQuerySchema);

/**
 * Reports for staff (issue 7): JSON for the console's charts, `?format=csv` for a spreadsheet.
 * A route that may answer CSV lets zod-openapi accept any Response from its handler, so each JSON
 * answer is held to its schema here with `satisfies` (a renamed field fails the compile).
 */
export function reportRoutes(deps: Deps) {
  const app = routes();
  app.use("*", requireStaff());

  app.openapi(slaRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await slaReport(deps, q.weeks);
    if (q.format === "json") return c.json(r satisfies z.output<typeof slaReportSchema>);
    return csvResponse(c, `tidings-sla-${span(r.weeks)}`,
      ["week", "week_start", "level", "received", "responded_within_target", "responded_within_maximum", "breached", "open", "closed_without_response", "compliance_pct"],
      [...r.rows, ...r.totals].map((x) => [x.week, x.weekStart, x.level, x.received, x.respondedWithinTarget, x.respondedWithinMaximum, x.breached, x.open, x.closedWithoutResponse, x.compliancePct]));
  });

  app.openapi(firstResponseRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await firstResponseReport(deps, q.weeks);
    if (q.format === "json") return c.json(r satisfies z.output<typeof firstResponseReportSchema>);
    return csvResponse(c, `tidings-first-response-${span(r.weeks)}`,
      ["level", "answered", "unanswered", "median_business_hours", ...FIRST_RESPONSE_BUCKETS.map((b) => b.label)],
      r.rows.map((x) => [x.level, x.answered, x.unanswered, x.medianHours, ...FIRST_RESPONSE_BUCKETS.map((b) => x.counts[b.key])]));
  });

  app.openapi(backlogRoute, async (c) => {
    const q = c.req.valid("query");
    const r = await backlogReport(deps);
    if (q.format === "json") return c.json(r satisfies z.output<typeof backlogReportSchema>);
    return csvResponse(c, `tidings-backlog-${r.generatedAt.slice(0, 10)}`,
      ["level", "status", "count", "past_target", "past_maximum"],
      r.rows.map((x) => [x.level, x.status, x.count, x.pastTarget, x.pastMaximum]));
  });

  app.openapi(ratingsRoute, async (c) => {
    const q = c.req.valid("query");
    if (q.format === "json") return c.json((await ratingsReport(deps, q.weeks)) satisfies z.output<typeof ratingsReportSchema>);
    // A spreadsheet wants the votes themselves; week counts and averages follow from them.
    const votes = await ratingsExport(deps, q.weeks);
    return csvResponse(c, `tidings-ratings-${span(votes.weeks)}`,
      ["confirmed_at", "week", "tid", "level", "score", "comment"],
      votes.rows.map((v) => [v.confirmedAt, v.week, v.tid, v.level, v.score, v.comment]));
  });
  app.route("/kb", kbReportRoutes(deps));
  return app;
}
