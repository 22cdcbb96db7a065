import { z } from "zod";

/** GET /healthz. */
export const healthSchema = z.object({ status: z.literal("ok") }).meta({ id: "Health" });

/** GET /readyz. */
export const readySchema = z.object({ status: z.literal("ready"), database: z.enum(["pglite", "postgres"]), storage: z.enum(["fs", "s3"]) }).meta({ id: "Readiness" });
