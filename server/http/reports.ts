import { backlogQuerySchema, FIRST_RESPONSE_BUCKETS, reportQuerySchema } from "../../shared/api/console";
import type { Deps } from "../deps";
import { backlogReport, firstResponseReport, ratingsExport, ratingsReport, slaReport } from "../services/reports/reports";
import { requireStaff } from "./middleware/admin-auth";
import { backlogReportSchema, firstResponseReportSchema, ratingsReportSchema, slaReportSchema } from "../../shared/api/console-responses";
import { routes } from "./contract";
import { kbReportRoutes } from "./kb-reports";
import { addReport, report, span } from "./report-route";

export { csvCell, toCsv } from "./report-route";


/**
 * Reports for staff (issue 7): JSON for the console's charts, `?format=csv` for a spreadsheet
 * (report-route.ts: addReport holds each JSON answer to its schema).
 */
export function reportRoutes(deps: Deps) {
  const app = routes();
  app.use("*", requireStaff());

  addReport(app, report("/sla", "getSlaReport", "SLA compliance per ISO week and level", slaReportSchema, reportQuerySchema), {
    load: (q) => slaReport(deps, q.weeks),
    sheet: (r) => ({
      name: `tidings-sla-${span(r.weeks)}`,
      header: ["week", "week_start", "level", "received", "responded_within_target", "responded_within_maximum", "breached", "open", "closed_without_response", "compliance_pct"],
      rows: [...r.rows, ...r.totals].map((x) => [x.week, x.weekStart, x.level, x.received, x.respondedWithinTarget, x.respondedWithinMaximum, x.breached, x.open, x.closedWithoutResponse, x.compliancePct]),
    }),
  });

  addReport(app, report("/first-response", "getFirstResponseReport", "Time to first response, in buckets, per level", firstResponseReportSchema, reportQuerySchema), {
    load: (q) => firstResponseReport(deps, q.weeks),
    sheet: (r) => ({
      name: `tidings-first-response-${span(r.weeks)}`,
      header: ["level", "answered", "unanswered", "median_business_hours", ...FIRST_RESPONSE_BUCKETS.map((b) => b.label)],
      rows: r.rows.map((x) => [x.level, x.answered, x.unanswered, x.medianHours, ...FIRST_RESPONSE_BUCKETS.map((b) => x.counts[b.key])]),
    }),
  });

  addReport(app, report("/backlog", "getBacklogReport", "Open tickets now, per level and status, and how many are late", backlogReportSchema, backlogQuerySchema), {
    load: () => backlogReport(deps),
    sheet: (r) => ({
      name: `tidings-backlog-${r.generatedAt.slice(0, 10)}`,
      header: ["level", "status", "count", "past_target", "past_maximum"],
      rows: r.rows.map((x) => [x.level, x.status, x.count, x.pastTarget, x.pastMaximum]),
    }),
  });

  addReport(app, report("/ratings", "getRatingsReport", "Client ratings per week (CSV: the votes themselves)", ratingsReportSchema, reportQuerySchema), {
    load: (q) => ratingsReport(deps, q.weeks),
    // A spreadsheet wants the votes themselves; week counts and averages follow from them.
    csv: async (q) => {
      const votes = await ratingsExport(deps, q.weeks);
      return {
        name: `tidings-ratings-${span(votes.weeks)}`,
        header: ["confirmed_at", "week", "tid", "level", "score", "comment"],
        rows: votes.rows.map((v) => [v.confirmedAt, v.week, v.tid, v.level, v.score, v.comment]),
      };
    },
  });
  app.route("/kb", kbReportRoutes(deps));
  return app;
}
