import { z } from "zod";

/** Calendar admin bodies and the public schedule (CONTRACT §3, §5; SLA section 6). */

/** A real calendar day: zod's ISO date already rejects 2026-02-30 and 2026-13-01. */
export const localDateSchema = z.iso.date({ message: "must be a real date like 2026-12-24" });

export const holidayName = z.string().trim().min(1, "must name the holiday").max(200, "must be at most 200 characters");

export const holidayCreateSchema = z.object({
  date: localDateSchema,
  name: holidayName,
});
export type HolidayCreate = z.output<typeof holidayCreateSchema>;

/** The longest closure: a longer absence is a change of hours, not a break. */
export const MAX_CLOSURE_DAYS = 31;

const instant = z.iso
  .datetime({ offset: true, message: "must be an instant like 2026-12-24T12:00:00+01:00 or …Z" })
  .transform((s) => new Date(s));

export const closureCreateSchema = z
  .object({
    startsAt: instant,
    endsAt: instant,
    name: z.string().trim().min(1, "must say what the closure is").max(200, "must be at most 200 characters"),
  })
  .superRefine((c, ctx) => {
    // Zod runs this even when a field failed above; those values are not Dates then.
    if (!(c.startsAt instanceof Date && c.endsAt instanceof Date)) return;
    const ms = c.endsAt.getTime() - c.startsAt.getTime();
    if (ms <= 0) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after startsAt" });
    else if (ms > MAX_CLOSURE_DAYS * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: `must be at most ${MAX_CLOSURE_DAYS} days after startsAt` });
    }
  });
export type ClosureCreate = z.output<typeof closureCreateSchema>;

export const holidayListQuerySchema = z.object({
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
});

export interface ScheduleHoliday {
  date: string;
  name: string;
}

/** A closure in GET /admin/closures and the answers of POST and DELETE. */
export interface ClosureListed {
  id: number;
  name: string;
  startsAt: string;
  endsAt: string;
}

/**
 * GET /admin/closures: the closures not yet over (soonest first), the latest ones that ended
 * (latest first), and the calendar's zone, in which the console shows and takes their times.
 */
export interface ClosureList {
  timeZone: string;
  closures: ClosureListed[];
  past: ClosureListed[];
}

export interface ScheduleClosure {
  name: string;
  startsAt: string;
  endsAt: string;
}

/** GET /api/v1/schedule. Local times "HH:MM" in `timeZone`; "24:00" closes at midnight. */
export interface Schedule {
  timeZone: string;
  hours: { day: Weekday; intervals: { open: string; close: string }[] }[];
  holidays: ScheduleHoliday[];
  closures: ScheduleClosure[];
}

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface HolidayListed {
  date: string;
  name: string;
  source: "public" | "admin";
}

export interface ImportCounts {
  added: number;
  updated: number;
  skipped: number;
}
