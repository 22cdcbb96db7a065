import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { fromAcceptLanguage, isLocale, type Locale } from "../../shared/locale";
import type { Deps } from "../deps";
import { scheduleToICal } from "../domain/sla/ical-export";
import { scheduleOf } from "../services/calendar/calendar";
import { scheduleSchema } from "../../shared/api/console-responses";
import { LOCALES } from "../../shared/locale";
import { COMMON_ERRORS, errors, json, op, routes, security } from "./contract";

// Read as it comes: an unknown locale falls back to Accept-Language rather than being refused.
const locale = [{ name: "locale", in: "query" as const, required: false, description: "Holiday names in this language; else Accept-Language, else the calendar's own.", schema: { type: "string" as const, enum: [...LOCALES] } }];
const scheduleRoute = createRoute({
  ...op("get", "/schedule", "getSchedule", "calendar", "Opening hours, holidays and closures of the coming 12 months", security.public),
  parameters: locale,
  responses: { 200: json(scheduleSchema, "The published schedule (cacheable, readable from any origin)."), ...errors("PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS) },
});
const icsRoute = createRoute({
  ...op("get", "/schedule.ics", "getScheduleIcs", "calendar", "The same holidays and closures as iCalendar", security.public),
  parameters: locale,
  responses: {
    200: { description: "An iCalendar file.", content: { "text/calendar": { schema: { type: "string" } } } },
    ...errors("PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS),
  },
});

/**
 * The published schedule (CONTRACT §3; SLA section 6: hours, holidays and breaks are published).
 * Public and cacheable: anyone may read when the desk is open, and a widget on a customer's site
 * may fetch it across origins.
 */
export function scheduleRoutes(deps: Deps) {
  const app = routes();
  const headers = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*", Vary: "Accept-Language" };
  // Holiday names in the reader's language: ?locale=, else Accept-Language, else the calendar's own.
  const localeOf = (c: Context) => (isLocale(c.req.query("locale")) ? (c.req.query("locale") as Locale) : fromAcceptLanguage(c.req.header("accept-language")) ?? undefined);

  app.openapi(scheduleRoute, async (c) => c.json(scheduleOf(await deps.calendar(), deps.now(), localeOf(c)), 200, headers));

  app.openapi(icsRoute, async (c) => {
    const now = deps.now();
    const schedule = scheduleOf(await deps.calendar(), now, localeOf(c));
    const body = scheduleToICal({
      calendarName: "Support desk: holidays and closures",
      uidDomain: new URL(deps.config.publicUrl).hostname,
      stamp: now,
      timeZone: schedule.timeZone,
      holidays: schedule.holidays,
      closures: schedule.closures.map((c) => ({
        name: c.name,
        from: new Date(c.startsAt),
        to: new Date(c.endsAt),
      })),
    });
    return c.body(body, 200, {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="schedule.ics"',
    });
  });
  return app;
}
