import { z } from "zod";

/** An instant as every answer writes it (Date.toISOString()): ISO 8601, in UTC. */
export const at = z.string().meta({ description: "ISO 8601, UTC." });
