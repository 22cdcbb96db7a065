import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { closureCreateSchema, holidayCreateSchema, holidayListQuerySchema } from "../../shared/api/calendar";
import { actorOf } from "../../shared/principal";
import type { Deps } from "../deps";
import type { Tx } from "../db/client";
import { localDate } from "../domain/sla/local-date";
import { ApiError } from "../errors";
import { changeCalendar, type CalendarCause } from "../services/calendar/calendar-change";
import { addClosure, addHoliday, importICal, listClosures, listHolidays, listPastClosures, removeClosure, removeHoliday, type ClosureView } from "../services/calendar/holidays";
import { readJson } from "./read-json";
import { dueRequestSchema } from "../../shared/api/sla-due";
import { dueOn } from "../domain/sla/due-request";
import { closureListSchema, closureSchema, dueAnswerSchema, holidayListSchema, holidaySchema, importCountsSchema } from "../../shared/api/console-responses";
import { ADMIN_ERRORS } from "./admin-lists";
import { JSON_BODY_ERRORS, bodyRef, errors, json, jsonBody, op, pathText, routes, security } from "./contract";
import { queried } from "./route-shapes";

/** An iCalendar file of public holidays for a decade is well under 100 KiB. */
const ICAL_LIMIT = 1024 * 1024;

const closureCause = (cause: "closure-added" | "closure-removed") => (c: ClosureView): CalendarCause =>
  ({ cause, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt });

const WRITE_ERRORS = [...ADMIN_ERRORS, ...JSON_BODY_ERRORS];
const read = (path: string, operationId: string, summary: string) => op("get", path, operationId, "calendar", summary, security.admin);
const write = <M extends "post" | "delete">(method: M, path: string, operationId: string, summary: string) => op(method, path, operationId, "calendar", summary, security.adminWrite);

const holidayList = createRoute({
  ...read("/holidays", "listHolidays", "Holidays from..to (default: the coming 12 months), public and added"),
  ...queried(holidayListQuerySchema, { 200: json(holidayListSchema, "The holidays.") }, ADMIN_ERRORS),
});
const slaDue = createRoute({
  ...op("post", "/sla/due", "computeDue", "calendar", "A due time counted on the calendar in force (the CLI's `sla due`)", security.adminWrite),
  request: { body: jsonBody("DueRequest", dueRequestSchema) },
  responses: { 200: json(dueAnswerSchema, "The due instant."), ...errors(...WRITE_ERRORS) },
});
const holidayAdd = createRoute({
  ...write("post", "/holidays", "addHoliday", "Add a holiday, or rename the one on that date; due times move"),
  request: { body: jsonBody("HolidayCreate", holidayCreateSchema) },
  responses: { 201: json(holidaySchema, "Added."), 200: json(holidaySchema, "Renamed."), ...errors(...WRITE_ERRORS) },
});
const holidayRemove = createRoute({
  ...write("delete", "/holidays/{date}", "removeHoliday", "Remove an added holiday; due times move"),
  request: { params: z.object({ date: pathText("The day, YYYY-MM-DD.", { format: "date" }) }) },
  responses: { 200: json(holidaySchema, "Removed."), ...errors(...ADMIN_ERRORS, "VALIDATION_FAILED", "NOT_FOUND", "CONFLICT") },
});
const holidayImport = createRoute({
  ...write("post", "/holidays/import", "importHolidays", "Import holidays from an iCalendar file (at most 1 MiB)"),
  // Read as text by the handler (its own limit and 415), so documented only.
  request: { body: { required: true, content: { "text/calendar": { schema: bodyRef("ICalendar", z.string().meta({ description: "An iCalendar (RFC 5545) file of all-day events." })) } } } },
  responses: { 200: json(importCountsSchema, "What the import changed."), ...errors(...WRITE_ERRORS) },
});
const closureList = createRoute({
  ...read("/closures", "listClosures", "Closures not yet over and the latest that ended, with the calendar's zone"),
  responses: { 200: json(closureListSchema, "The closures."), ...errors(...ADMIN_ERRORS) },
});
const closureAdd = createRoute({
  ...write("post", "/closures", "addClosure", "Add a closure (a break in the opening hours); due times move"),
  request: { body: jsonBody("ClosureCreate", closureCreateSchema) },
  responses: { 201: json(closureSchema, "Added."), ...errors(...WRITE_ERRORS) },
});
const closureRemove = createRoute({
  ...write("delete", "/closures/{id}", "removeClosure", "Remove a closure; due times move"),
  request: { params: z.object({ id: pathText("The closure's id.", { pattern: "^[0-9]+$" }) }) },
  responses: { 200: json(closureSchema, "Removed."), ...errors(...ADMIN_ERRORS, "VALIDATION_FAILED", "NOT_FOUND") },
});

/**
 * Holidays and closures (CONTRACT §5). Mounted inside the admin routes, behind the admin token.
 * Every change moves the due times of the tickets whose clock runs, in the same transaction, and
 * invalidates this process's cached calendar at once, so the next ticket counts with it; other
 * processes drop theirs on the change notice (db/change-bus.ts).
 */
export function adminCalendarRoutes(deps: Deps) {
  const app = routes();
  const change = <T>(c: Context, write: (tx: Tx) => Promise<T>, causeOf: (result: T) => CalendarCause) =>
    changeCalendar(deps, actorOf(c.get("principal")), write, causeOf);

  app.openapi(holidayList, async (c) => {
    const q = c.req.valid("query");
    const cal = await deps.calendar();
    const today = localDate(deps.now(), cal.timeZone);
    const from = q.from ?? today;
    const to = q.to ?? new Date(Date.parse(`${from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
    return c.json({ from, to, holidays: await listHolidays(deps.db, { from, to }) }, 200);
  });

  // The admin CLI's `sla due` while a server holds the embedded database: counted on the calendar in force.
  app.openapi(slaDue, async (c) => {
    const b = dueRequestSchema.parse(await readJson(c));
    const due = dueOn(await deps.calendar(), {
      from: new Date(b.from), businessHours: b.businessHours, calendarDays: b.calendarDays,
      pauses: b.pauses.map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to) })),
    });
    return c.json({ due: due?.toISOString() ?? null }, 200);
  });

  app.openapi(holidayAdd, async (c) => {
    const input = holidayCreateSchema.parse(await readJson(c));
    const { created, ...holiday } = await change(c, (tx) => addHoliday(tx, input, actorOf(c.get("principal"))),
      (h) => ({ cause: h.created ? "holiday-added" : "holiday-renamed", date: h.date, name: h.name }));
    return c.json(holiday, created ? 201 : 200);
  });

  app.openapi(holidayRemove, async (c) =>
    c.json(await change(c, (tx) => removeHoliday(tx, c.req.valid("param").date), (h) => ({ cause: "holiday-removed", ...h })), 200));

  app.openapi(
    {
      ...holidayImport,
      middleware: bodyLimit({
        maxSize: ICAL_LIMIT,
        onError: () => { throw new ApiError("PAYLOAD_TOO_LARGE", "The iCalendar file is larger than 1 MiB."); },
      }),
    },
    async (c) => {
      if (!/^text\/calendar\b/i.test(c.req.header("content-type") ?? "")) {
        throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the iCalendar file as text/calendar.");
      }
      const text = (await c.req.text()).replace(/^\uFEFF/, "");
      return c.json(await change(c, (tx) => importICal(tx, text, actorOf(c.get("principal"))),
        (n) => ({ cause: "holidays-imported", added: n.added, updated: n.updated })), 200);
    },
  );

  // `past` and `timeZone` serve the console's closures page: it lists what ended too, and shows
  // and takes times on the calendar's wall clock whatever the reader's own zone is.
  app.openapi(closureList, async (c) => {
    const now = deps.now();
    const [cal, closures, past] = await Promise.all([deps.calendar(), listClosures(deps.db, now), listPastClosures(deps.db, now)]);
    return c.json({ timeZone: cal.timeZone, closures, past }, 200);
  });

  app.openapi(closureAdd, async (c) => {
    const body = closureCreateSchema.parse(await readJson(c));
    return c.json(await change(c, (tx) => addClosure(tx, body, actorOf(c.get("principal"))), closureCause("closure-added")), 201);
  });

  app.openapi(closureRemove, async (c) =>
    c.json(await change(c, (tx) => removeClosure(tx, c.req.valid("param").id), closureCause("closure-removed")), 200));
  return app;
}
