import { z } from "zod";

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 instant with a zone, e.g. 2026-03-02T09:00:00Z" });

/** `POST /api/v1/admin/sla/due`: what `sla due` computes, with the calendar the server runs on. */
export const dueRequestSchema = z
  .object({
    from: instant,
    businessHours: z.number().min(0).max(1_000_000).optional(),
    calendarDays: z.number().int().min(0).max(100_000).optional(),
    pauses: z.array(z.object({ from: instant, to: instant.nullable() })).max(1000).default([]),
  })
  .strict()
  .refine((b) => (b.businessHours === undefined) !== (b.calendarDays === undefined), { message: "give exactly one of businessHours and calendarDays", path: ["businessHours"] });
