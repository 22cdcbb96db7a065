import { z } from "zod";
import { SLA_LEVEL_IDS } from "../sla";

export const statusChangeSchema = z.object({
  status: z.enum(["open", "pending-client", "resolved", "closed"], { message: "must be open, pending-client, resolved or closed" }),
  reason: z.string().trim().max(2000).optional(),
});

export const levelChangeSchema = z.object({
  level: z.enum(["license", ...SLA_LEVEL_IDS] as [string, ...string[]], { message: "must be an SLA level id, or license for the sender's own level" }),
  reason: z.string().trim().min(1, "must say why the level changes").max(2000),
  targetVersion: z.string().trim().max(64).optional(),
});

export const queueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(500).optional(),
});
