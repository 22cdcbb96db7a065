import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { backlogQuerySchema, ReportWeek, reportQuerySchema } from "../../shared/api/console";
import { COMMON_ERRORS, errors, op, security } from "./contract";

/** What every report route shares: its declaration (JSON or ?format=csv), its handler and the CSV answer. */

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

export function csvResponse(c: Context, name: string, header: string[], rows: Cell[][]) {
  return c.body(toCsv(header, rows), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
    "Cache-Control": "no-store",
  });
}

export const span = (weeks: ReportWeek[]) => `${weeks[0]!.week}_${weeks[weeks.length - 1]!.week}`;

const REPORT_ERRORS = ["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED", "VALIDATION_FAILED", ...COMMON_ERRORS] as const;
const csv = { "text/csv": { schema: { type: "string" as const, description: "RFC 4180, CRLF line ends, with a UTF-8 BOM." } } };
export const report = <S extends z.ZodType, Q extends z.ZodObject>(path: string, operationId: string, summary: string, schema: S, query: Q) =>
  createRoute({
    ...op("get", path, operationId, "reports", summary, security.staff),
    request: { query },
    responses: {
      200: { description: "The report: JSON, or with ?format=csv a spreadsheet file (Content-Disposition: attachment).", content: { "application/json": { schema }, ...csv } },
      ...errors(...REPORT_ERRORS),
    },
  });

/** A report's spreadsheet: the file's name without `.csv`, its header row and its data rows. */
export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

type ReportQuery = typeof reportQuerySchema | typeof backlogQuerySchema;

/**
 * How one report answers: `load` gives the JSON, held to the route's schema here (a renamed field
 * fails the compile); the CSV is `sheet` of that same answer, or `csv` where a spreadsheet wants
 * other rows than the JSON (and so loads them instead).
 */
export type ReportAnswers<S extends z.ZodType, Q extends ReportQuery> = { load: (q: z.output<Q>) => Promise<z.output<S>> } & (
  { sheet: (r: z.output<S>) => Sheet } | { csv: (q: z.output<Q>) => Promise<Sheet> }
);

/**
 * Mounts one report on app: a route that may answer CSV lets zod-openapi accept any Response from
 * its handler, so the JSON answer is typed by `answers.load` instead (ReportAnswers).
 */
export function addReport<S extends z.ZodType, Q extends ReportQuery>(app: OpenAPIHono, route: ReturnType<typeof report<S, Q>>, answers: ReportAnswers<S, Q>) {
  app.openapi(route, async (c) => {
    // zod-openapi cannot name a generic route's inputs: the query is Q's output, as report() declares it.
    const q = c.req.valid("query" as never) as z.output<Q>;
    if (q.format === "json") return c.json(await answers.load(q));
    const s = "csv" in answers ? await answers.csv(q) : answers.sheet(await answers.load(q));
    return csvResponse(c, s.name, s.header, s.rows);
  });
}
