import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sites } from "../../db/schema";

/**
 * Whether any registered site allows this Origin: the CORS gate of the widget's API call. Which
 * site a request speaks for is checked separately, against its X-Tidings-Site (sites.ts).
 */
export async function someSiteAllows(db: Db, origin: string): Promise<boolean> {
  if (origin.length > 2048 || origin === "null") return false;
  const rows = await db.select({ id: sites.id }).from(sites).where(sql`${origin} = any(${sites.allowedOrigins}) and not ${sites.disabled}`).limit(1);
  return rows.length > 0;
}
