import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { closureCreateSchema, holidayCreateSchema, holidayListQuerySchema } from "../../shared/api/calendar";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import type { Tx } from "../db/client";
import { localDate } from "../domain/sla/local-date";
import { ApiError } from "../errors";
import { changeCalendar, type CalendarCause } from "../services/calendar-change";
import { addClosure, addHoliday, importICal, listClosures, listHolidays, listPastClosures, removeClosure, removeHoliday, type ClosureView } from "../services/holidays";
import { readJson } from "./read-json";
import { dueRequestSchema } from "../../shared/api/sla-due";
import { dueOn } from "../domain/sla/due-request";

/** An iCalendar file of public holidays for a decade is well under 100 KiB. */
const ICAL_LIMIT = 1024 * 1024;

const closureCause = (cause: "closure-added" | "closure-removed") => (c: ClosureView): CalendarCause =>
  ({ cause, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt });

/**
 * Holidays and closures (CONTRACT §5). Mounted inside the admin routes, behind the admin token.
 * Every change moves the due times of the tickets whose clock runs, in the same transaction, and
 * invalidates this process's cached calendar at once, so the next ticket counts with it; other
 * processes pick it up when their cache expires.
 */
export function adminCalendarRoutes(deps: Deps) {
  const app = new Hono();
  const change = <T>(c: Context, write: (tx: Tx) => Promise<T>, causeOf: (result: T) => CalendarCause) =>
    changeCalendar(deps, actorOf(c.get("principal")), write, causeOf);

  app.get("/holidays", async (c) => {
    const q = holidayListQuerySchema.parse(c.req.query());
    const cal = await deps.calendar();
    const today = localDate(deps.now(), cal.timeZone);
    const from = q.from ?? today;
    const to = q.to ?? new Date(Date.parse(`${from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
    return c.json({ from, to, holidays: await listHolidays(deps.db, { from, to }) });
  });

  // The admin CLI's `sla due` while a server holds the embedded database: counted on the calendar in force.
  app.post("/sla/due", async (c) => {
    const b = dueRequestSchema.parse(await readJson(c));
    const due = dueOn(await deps.calendar(), {
      from: new Date(b.from), businessHours: b.businessHours, calendarDays: b.calendarDays,
      pauses: b.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
    });
    return c.json({ due: due?.toISOString() ?? null });
  });

  app.post("/holidays", async (c) => {
    const input = holidayCreateSchema.parse(await readJson(c));
    const { created, ...holiday } = await change(c, (tx) => addHoliday(tx, input, actorOf(c.get("principal"))),
      (h) => ({ cause: h.created ? "holiday-added" : "holiday-renamed", date: h.date, name: h.name }));
    return c.json(holiday, created ? 201 : 200);
  });

  app.delete("/holidays/:date", async (c) =>
    c.json(await change(c, (tx) => removeHoliday(tx, c.req.param("date")), (h) => ({ cause: "holiday-removed", ...h }))));

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
      return c.json(await change(c, (tx) => importICal(tx, text, actorOf(c.get("principal"))),
        (n) => ({ cause: "holidays-imported", added: n.added, updated: n.updated })));
    },
  );

  // `past` and `timeZone` serve the console's closures page: it lists what ended too, and shows
  // and takes times on the calendar's wall clock whatever the reader's own zone is.
  app.get("/closures", async (c) => {
    const now = deps.now();
    const [cal, closures, past] = await Promise.all([deps.calendar(), listClosures(deps.db, now), listPastClosures(deps.db, now)]);
    return c.json({ timeZone: cal.timeZone, closures, past });
  });

  app.post("/closures", async (c) => {
    const body = closureCreateSchema.parse(await readJson(c));
    return c.json(await change(c, (tx) => addClosure(tx, body, actorOf(c.get("principal"))), closureCause("closure-added")), 201);
  });

  app.delete("/closures/:id", async (c) =>
    c.json(await change(c, (tx) => removeClosure(tx, c.req.param("id")), closureCause("closure-removed"))));
  return app;
}
