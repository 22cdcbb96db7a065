import { z } from "zod";

/**
 * The knowledge base's reports (issue 16, "Reports"): how often the widget's suggestions ended a
 * report without a ticket, what readers searched for and did not find (the docs team's to-do
 * list), which articles tickets name most, and the "did this help?" votes. Each is one route under
 * /api/v1/reports/kb/ with a CSV twin, like the SLA reports (shared/api/console-responses.ts).
 */
const at = z.string().meta({ description: "ISO 8601, UTC." });
const week = z.object({ week: z.string(), weekStart: z.string(), startsAt: at, endsAt: at });
const period = { timeZone: z.string(), generatedAt: at, weeks: z.array(week) };
const count = z.number().int();
const locale = z.enum(["en", "de"]);
/** An article as a report names it (a deleted article takes its votes and references with it). */
const article = { articleId: count, slug: z.string(), locale, title: z.string(), visibility: z.string() };

export const kbDeflectionReportSchema = z.object({
  ...period,
  rows: z.array(z.object({
    week: z.string(), weekStart: z.string(),
    deflections: count.meta({ description: '"This solved my problem" in the widget: reports that ended without a ticket.' }),
    widgetTickets: count.meta({ description: "Tickets the widget sent." }),
    ratePct: z.number().nullable().meta({ description: "deflections / (deflections + widgetTickets) in %, one decimal; null for a week with neither." }),
  })),
  total: z.object({ deflections: count, widgetTickets: count, ratePct: z.number().nullable() }),
}).meta({ id: "KbDeflectionReport" });
export type KbDeflectionReport = z.output<typeof kbDeflectionReportSchema>;

export const kbNoResultReportSchema = z.object({
  ...period,
  rows: z.array(z.object({
    query: z.string().meta({ description: "The query normalised: lower case, spaces collapsed, punctuation at the ends dropped." }),
    locale, count, lastSeenAt: at,
  })),
  /** Searches with no result in the period, all of them (rows are the most frequent). */
  total: count,
}).meta({ id: "KbNoResultReport" });
export type KbNoResultReport = z.output<typeof kbNoResultReportSchema>;

export const kbReferencedReportSchema = z.object({
  ...period,
  rows: z.array(z.object({
    ...article,
    tickets: count.meta({ description: "Tickets received in the period that name the article in any way." }),
    shown: count, opened: count, linked: count,
  })),
}).meta({ id: "KbReferencedReport" });
export type KbReferencedReport = z.output<typeof kbReferencedReportSchema>;

export const kbVotesReportSchema = z.object({
  ...period,
  rows: z.array(z.object({ ...article, yes: count, no: count, helpfulPct: z.number().nullable() })),
  total: z.object({ yes: count, no: count, helpfulPct: z.number().nullable() }),
}).meta({ id: "KbVotesReport" });
export type KbVotesReport = z.output<typeof kbVotesReportSchema>;

/** How many rows the lists keep (the most frequent first); the CSV gives the same rows. */
export const KB_REPORT_ROWS = 100;
