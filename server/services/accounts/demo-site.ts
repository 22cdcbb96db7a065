import type { Db } from "../../db/client";
import { sites } from "../../db/schema";

/**
 * The site of the demo control panel at `/`, so that `npm start` shows the widget working end to
 * end. Its key is fixed (it is printed in the page anyway); its allowed origin follows PUBLIC_URL
 * and is rewritten at every start. Like every site key, it only files tickets from its origins.
 */
export const DEMO_SITE_KEY = "site_demo_control_panel";

/** PUBLIC_URL's origin; for a loopback address also its twin, since people type either one. */
export function demoOrigins(publicUrl: string): string[] {
  const u = new URL(publicUrl);
  const origins = [u.origin];
  const twin = u.hostname === "localhost" ? "127.0.0.1" : u.hostname === "127.0.0.1" ? "localhost" : null;
  if (twin) {
    const v = new URL(u.origin);
    v.hostname = twin;
    origins.push(v.origin);
  }
  return origins;
}

export async function ensureDemoSite(db: Db, publicUrl: string): Promise<string> {
  const allowedOrigins = demoOrigins(publicUrl);
  await db
    .insert(sites)
    .values({ siteKey: DEMO_SITE_KEY, name: "Demo control panel", allowedOrigins })
    .onConflictDoUpdate({ target: sites.siteKey, set: { allowedOrigins } });
  return DEMO_SITE_KEY;
}
