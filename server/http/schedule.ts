import { Hono, type Context } from "hono";
import { fromAcceptLanguage, isLocale, type Locale } from "../../shared/locale";
import type { Deps } from "../deps";
import { scheduleToICal } from "../domain/sla/ical-export";
import { scheduleOf } from "../services/calendar";

/**
 * The published schedule (CONTRACT §3; SLA section 6: hours, holidays and breaks are published).
 * Public and cacheable: anyone may read when the desk is open, and a widget on a customer's site
 * may fetch it across origins.
 */
export function scheduleRoutes(deps: Deps) {
  const app = new Hono();
  const headers = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*", Vary: "Accept-Language" };
  // Holiday names in the reader's language: ?locale=, else Accept-Language, else the calendar's own.
  const localeOf = (c: Context) => (isLocale(c.req.query("locale")) ? (c.req.query("locale") as Locale) : fromAcceptLanguage(c.req.header("accept-language")) ?? undefined);

  app.get("/schedule", async (c) => c.json(scheduleOf(await deps.calendar(), deps.now(), localeOf(c)), 200, headers));

  app.get("/schedule.ics", async (c) => {
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
