import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { SiteCreate } from "../../shared/api/admin";
import type { Db } from "../db/client";
import { sites } from "../db/schema";
import { ApiError } from "../errors";

export async function createSite(db: Db, publicUrl: string, input: SiteCreate) {
  const siteKey = `site_${randomBytes(12).toString("base64url")}`;
  await db.insert(sites).values({ siteKey, name: input.name, allowedOrigins: input.allowedOrigins });
  return { siteKey, name: input.name, allowedOrigins: input.allowedOrigins, snippet: widgetSnippet(publicUrl, siteKey) };
}

/** The one tag a site admin pastes into the product's control panel (CONTRACT §9). */
export function widgetSnippet(publicUrl: string, siteKey: string): string {
  return `<script src="${publicUrl}/widget.js" data-site="${siteKey}" data-product-version="" data-edition="cloud" defer></script>`;
}

/**
 * A widget request names its site; the browser's Origin must be one that site allows, so a key
 * copied into another page cannot file tickets in the site's name.
 */
export async function checkSiteOrigin(db: Db, siteKey: string, origin: string | undefined): Promise<number> {
  if (siteKey.length > 100) throw new ApiError("SITE_UNKNOWN", "This support widget is not registered. Ask the site's administrator to check the widget tag.");
  const [site] = await db.select({ id: sites.id, allowed: sites.allowedOrigins }).from(sites).where(eq(sites.siteKey, siteKey));
  if (!site) throw new ApiError("SITE_UNKNOWN", "This support widget is not registered. Ask the site's administrator to check the widget tag.");
  if (!origin || !site.allowed.includes(origin)) {
    throw new ApiError("ORIGIN_NOT_ALLOWED", "This support widget may not be used on this web address. Ask the site's administrator to allow it.");
  }
  return site.id;
}
