import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { closureCreateSchema, holidayCreateSchema, holidayListQuerySchema } from "../../shared/api/calendar";
import type { Deps } from "../deps";
import { localDate } from "../domain/sla/local-date";
import { ApiError } from "../errors";
import { addClosure, addHoliday, importICal, listClosures, listHolidays, removeClosure, removeHoliday } from "../services/holidays";
import { readJson } from "./read-json";

/** An iCalendar file of public holidays for a decade is well under 100 KiB. */
const ICAL_LIMIT = 1024 * 1024;
export const ADMIN_ACTOR = "admin-token";

/**
 * Holidays and closures (CONTRACT §5). Mounted inside the admin routes, behind the admin token.
 * Every change invalidates this process's cached calendar at once, so the next ticket counts with
 * it; other processes pick it up when their cache expires.
 */
export function adminCalendarRoutes(deps: Deps) {
  const app = new Hono();
  const changed = <T>(result: T): T => {
    deps.invalidateCalendar?.();
    return result;
  };

  app.get("/holidays", async (c) => {
    const q = holidayListQuerySchema.parse(c.req.query());
    const cal = await deps.calendar();
    const today = localDate(deps.now(), cal.timeZone);
    const from = q.from ?? today;
    const to = q.to ?? new Date(Date.parse(`${from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
    return c.json({ from, to, holidays: await listHolidays(deps.db, { from, to }) });
  });

  app.post("/holidays", async (c) => {
    const { created, ...holiday } = changed(await addHoliday(deps.db, holidayCreateSchema.parse(await readJson(c)), ADMIN_ACTOR));
    return c.json(holiday, created ? 201 : 200);
  });

  app.delete("/holidays/:date", async (c) => c.json(changed(await removeHoliday(deps.db, c.req.param("date")))));

  app.post(
    "/holidays/import",
    bodyLimit({
      maxSize: ICAL_LIMIT,
      onError: () => { throw new ApiError("PAYLOAD_TOO_LARGE", "The iCalendar file is larger than 1 MiB."); },
    }),
    async (c) => {
      if (!/^text\/calendar\b/i.test(c.req.header("content-type") ?? "")) {
        throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the iCalendar file as text/calendar.");
      }
      const text = (await c.req.text()).replace(/^\uFEFF/, "");
      return c.json(changed(await importICal(deps.db, text, ADMIN_ACTOR)));
    },
  );

  app.get("/closures", async (c) => c.json({ closures: await listClosures(deps.db, deps.now()) }));

  app.post("/closures", async (c) => {
    const body = closureCreateSchema.parse(await readJson(c));
    return c.json(changed(await addClosure(deps.db, body, ADMIN_ACTOR)), 201);
  });

  app.delete("/closures/:id", async (c) => c.json(changed(await removeClosure(deps.db, c.req.param("id")))));
  return app;
}
