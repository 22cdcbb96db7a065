import { z } from "zod";
import { SLA_LEVEL_IDS } from "../sla";
import { ACTIVE_STATUSES, STAFF_SET_STATUSES } from "../ticket-status";
import { CHANNELS } from "../channels";

export const statusChangeSchema = z.object({
  status: z.enum(STAFF_SET_STATUSES, { message: "must be open, pending-client, resolved or closed" }),
  reason: z.string().trim().max(2000).optional(),
});

export const levelChangeSchema = z.object({
  level: z.enum(["license", ...SLA_LEVEL_IDS] as [string, ...string[]], { message: "must be an SLA level id, or license for the sender's own level" }),
  reason: z.string().trim().min(1, "must say why the level changes").max(2000),
  targetVersion: z.string().trim().max(64).optional(),
  /** A supervisor hands a non-commercial ticket to development anyway (SLA 2.6 says "n/a"). */
  override: z.boolean().optional(),
});

export const queueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(500).optional(),
  status: z.enum(ACTIVE_STATUSES).optional(),
  level: z.enum(SLA_LEVEL_IDS as [string, ...string[]]).optional(),
  channel: z.enum(CHANNELS).optional(),
  assignee: z.string().trim().max(254).optional(),
  q: z.string().trim().max(200).optional(),
});

export const requestInfoSchema = z.object({
  body: z.string().trim().min(1, "must say what is needed").max(20_000),
  missing: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
});

export const assignSchema = z.object({ email: z.string().trim().max(254).nullable() });
