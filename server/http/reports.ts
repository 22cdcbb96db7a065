import { Hono, type Context } from "hono";
import { backlogQuerySchema, FIRST_RESPONSE_BUCKETS, reportQuerySchema, type ReportWeek } from "../../shared/api/console";
import type { Deps } from "../deps";
import { backlogReport, firstResponseReport, ratingsExport, ratingsReport, slaReport } from "../services/reports";
import { requireStaff } from "./middleware/admin-auth";

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (= + - @, and tab or
 * carriage return, which some programs strip before looking) gets a leading apostrophe, so a
 * client's comment like `=HYPERLINK(…)` stays text when the report is opened in Excel.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: header row, data rows, CRLF line ends, and a BOM so Excel reads it as UTF-8. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function csvResponse(c: Context, name: string, header: string[], rows: Cell[][]) {
  return c.body(toCsv(header, rows), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
    "Cache-Control": "no-store",
  });
}

const span = (weeks: ReportWeek[]) => `${weeks[0]!.week}_${weeks[weeks.length - 1]!.week}`;

/** Reports for staff (issue 7): JSON for the console's charts, `?format=csv` for a spreadsheet. */
export function reportRoutes(deps: Deps) {
  const app = new Hono();
  app.use("*", requireStaff());

  app.get("/sla", async (c) => {
    const q = reportQuerySchema.parse(c.req.query());
    const r = await slaReport(deps, q.weeks);
    if (q.format === "json") return c.json(r);
    return csvResponse(c, `tidings-sla-${span(r.weeks)}`,
      ["week", "week_start", "level", "received", "responded_within_target", "responded_within_maximum", "breached", "open", "closed_without_response", "compliance_pct"],
      [...r.rows, ...r.totals].map((x) => [x.week, x.weekStart, x.level, x.received, x.respondedWithinTarget, x.respondedWithinMaximum, x.breached, x.open, x.closedWithoutResponse, x.compliancePct]));
  });

  app.get("/first-response", async (c) => {
    const q = reportQuerySchema.parse(c.req.query());
    const r = await firstResponseReport(deps, q.weeks);
    if (q.format === "json") return c.json(r);
    return csvResponse(c, `tidings-first-response-${span(r.weeks)}`,
      ["level", "answered", "unanswered", "median_business_hours", ...FIRST_RESPONSE_BUCKETS.map((b) => b.label)],
      r.rows.map((x) => [x.level, x.answered, x.unanswered, x.medianHours, ...FIRST_RESPONSE_BUCKETS.map((b) => x.counts[b.key])]));
  });

  app.get("/backlog", async (c) => {
    const q = backlogQuerySchema.parse(c.req.query());
    const r = await backlogReport(deps);
    if (q.format === "json") return c.json(r);
    return csvResponse(c, `tidings-backlog-${r.generatedAt.slice(0, 10)}`,
      ["level", "status", "count", "past_target", "past_maximum"],
      r.rows.map((x) => [x.level, x.status, x.count, x.pastTarget, x.pastMaximum]));
  });

  app.get("/ratings", async (c) => {
    const q = reportQuerySchema.parse(c.req.query());
    if (q.format === "json") return c.json(await ratingsReport(deps, q.weeks));
    // A spreadsheet wants the votes themselves; week counts and averages follow from them.
    const votes = await ratingsExport(deps, q.weeks);
    return csvResponse(c, `tidings-ratings-${span(votes.weeks)}`,
      ["confirmed_at", "week", "tid", "level", "score", "comment"],
      votes.rows.map((v) => [v.confirmedAt, v.week, v.tid, v.level, v.score, v.comment]));
  });
  return app;
}
