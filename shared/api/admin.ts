import { z } from "zod";
import { EDITIONS } from "../limits";
import { STAFF_ROLES_TEXT, STAFF_ROLES } from "../roles";
import { CLIENT_CATEGORIES } from "../sla";

/** Admin API bodies (CONTRACT §3). */
export const licenseCreateSchema = z.object({
  key: z.string().trim().min(3, "must be at least 3 characters").max(100, "must be at most 100 characters"),
  holder: z.string().trim().min(1, "must name the license holder").max(200, "must be at most 200 characters"),
  category: z.enum(CLIENT_CATEGORIES, { message: "must be partner, commercial or non-commercial" }),
  edition: z.enum(EDITIONS, { message: "must be cloud or self-hosted" }),
  emails: z.array(z.string().trim().max(254).pipe(z.email()).transform((s) => s.toLowerCase())).max(100).default([]),
  supportUntil: z.iso.date({ message: "must be a date like 2027-12-31, or null for unlimited" }).nullable().default(null),
});
export type LicenseCreate = z.output<typeof licenseCreateSchema>;

/** An origin is scheme://host[:port], exactly what a browser sends in the Origin header. */
const origin = z
  .string()
  .trim()
  .max(300)
  .refine((o) => {
    try {
      const u = new URL(o);
      return (u.protocol === "http:" || u.protocol === "https:") && u.origin === o.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "must be an origin like https://example.com")
  .transform((o) => o.replace(/\/$/, ""));

export const siteCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(origin).min(1).max(50),
});
export type SiteCreate = z.output<typeof siteCreateSchema>;

/** PATCH /api/v1/admin/sites/:siteKey: what an admin may change of a site. */
export const siteUpdateSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  allowedOrigins: z.array(origin).min(1).max(50).optional(),
  disabled: z.boolean().optional(),
  /** The acknowledgement of the site's tickets lists matching public articles (issue 16). */
  ackArticles: z.boolean().optional(),
}).strict();
export type SiteUpdate = z.output<typeof siteUpdateSchema>;

/** PATCH /api/v1/admin/licenses/:key. Emails replace the list; new tickets are levelled by it. */
export const licenseUpdateSchema = z.object({
  holder: licenseCreateSchema.shape.holder.optional(),
  category: licenseCreateSchema.shape.category.optional(),
  edition: licenseCreateSchema.shape.edition.optional(),
  emails: z.array(z.string().trim().max(254).pipe(z.email()).transform((s) => s.toLowerCase())).max(100).optional(),
  supportUntil: z.iso.date({ message: "must be a date like 2027-12-31, or null for unlimited" }).nullable().optional(),
  accountManagerEmail: z.string().trim().max(254).pipe(z.email()).transform((s) => s.toLowerCase()).nullable().optional(),
}).strict();
export type LicenseUpdate = z.output<typeof licenseUpdateSchema>;

/** PATCH /api/v1/admin/staff/:id. */
export const staffUpdateSchema = z.object({
  role: z.enum(STAFF_ROLES, { message: STAFF_ROLES_TEXT }).optional(),
  name: z.string().trim().max(200).nullable().optional(),
  disabled: z.boolean().optional(),
}).strict();
