import { bigserial, bigint, date, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { created, ts } from "./columns";
import { tickets } from "./tickets";

/** What the SLA clock counts on: a ticket's pauses and the calendar (holidays, closures, weekly hours). */

/** Stretches of time a ticket's clock stood still (waiting on the client); `endedAt` null while it still does. */
export const slaPauses = pgTable("sla_pauses", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ticketId: bigint("ticket_id", { mode: "number" }).notNull().references(() => tickets.id, { onDelete: "cascade" }),
  startedAt: ts("started_at").notNull(),
  endedAt: ts("ended_at"),
  reason: text("reason").notNull(),
}, (t) => [index("sla_pauses_ticket_idx").on(t.ticketId, t.startedAt)]);

/** Holidays an admin adds on top of the default calendar's public holidays. */
export const holidays = pgTable("holidays", {
  date: date("date", { mode: "string" }).primaryKey(),
  name: text("name").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: created(),
});

/** Closures shorter or stranger than a whole day: a team event, an emergency break (SLA 6). */
export const closures = pgTable("closures", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  startsAt: ts("starts_at").notNull(),
  endsAt: ts("ends_at").notNull(),
  name: text("name").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: created(),
});

/** Calendar settings (time zone, weekly hours); one row, absent means the defaults of CONTRACT §5. */
export const calendarSettings = pgTable("calendar_settings", {
  id: integer("id").primaryKey().default(1),
  timeZone: text("time_zone").notNull(),
  weekly: jsonb("weekly").$type<[number, number][][]>().notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
