import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { SiteCreate, SiteUpdate } from "../../../shared/api/admin";
import type { SiteListItem } from "../../../shared/api/console";
import type { Db } from "../../db/client";
import { sites } from "../../db/schema";
import { ApiError } from "../../errors";
import type { Deps } from "../../deps";

const newSiteKey = () => `site_${randomBytes(12).toString("base64url")}`;

export async function createSite(db: Db, publicUrl: string, input: SiteCreate) {
  const siteKey = newSiteKey();
  await db.insert(sites).values({ siteKey, name: input.name, allowedOrigins: input.allowedOrigins });
  return { siteKey, name: input.name, allowedOrigins: input.allowedOrigins, snippet: widgetSnippet(publicUrl, siteKey) };
}

/**
 * The one tag a site admin pastes into the product's control panel (CONTRACT §9). Only what is
 * known here: the product fills in its version and edition (README, Widget), and an empty
 * attribute would tell the widget a version that is no version.
 */
export function widgetSnippet(publicUrl: string, siteKey: string): string {
  return `<script src="${publicUrl}/widget.js" data-site="${siteKey}" defer></script>`;
}

/** A site as the admin list shows it (GET /api/v1/admin/sites), also the answer to a change. */
export const siteView = (publicUrl: string, s: typeof sites.$inferSelect): SiteListItem => ({
  id: s.id, siteKey: s.siteKey, name: s.name, allowedOrigins: s.allowedOrigins, disabled: s.disabled, ackArticles: s.ackArticles,
  createdAt: s.createdAt.toISOString(), snippet: widgetSnippet(publicUrl, s.siteKey),
});

/**
 * Renames a site, changes its allowed origins, or switches it off and on. The tag on the pages
 * stays as it is: the widget asks the server each time, so a new origin works at once.
 */
export async function updateSite(deps: Pick<Deps, "db" | "config" | "log">, siteKey: string, input: SiteUpdate, actor: string): Promise<SiteListItem> {
  const [row] = await deps.db.update(sites).set(input).where(eq(sites.siteKey, siteKey)).returning();
  if (!row) throw new ApiError("NOT_FOUND", "There is no site with this key.");
  deps.log.info({ actor, action: "site-updated", siteId: row.id, changed: Object.keys(input) }, "site changed");
  return siteView(deps.config.publicUrl, row);
}

/** A new key for a site whose key leaked: the old one stops at once, so the tag must be replaced. */
export async function rotateSiteKey(deps: Pick<Deps, "db" | "config" | "log">, siteKey: string, actor: string): Promise<SiteListItem> {
  const [row] = await deps.db.update(sites).set({ siteKey: newSiteKey() }).where(eq(sites.siteKey, siteKey)).returning();
  if (!row) throw new ApiError("NOT_FOUND", "There is no site with this key.");
  deps.log.info({ actor, action: "site-key-rotated", siteId: row.id }, "site key rotated");
  return siteView(deps.config.publicUrl, row);
}

/**
 * A widget request names its site; the browser's Origin must be one that site allows, so a key
 * copied into another page cannot file tickets in the site's name.
 */
export async function checkSiteOrigin(db: Db, siteKey: string, origin: string | undefined): Promise<number> {
  return (await checkSite(db, siteKey, origin)).id;
}

/** checkSiteOrigin with the site's settings that intake needs, read by the same query. */
export async function checkSite(db: Db, siteKey: string, origin: string | undefined): Promise<{ id: number; ackArticles: boolean }> {
  if (siteKey.length > 100) throw new ApiError("SITE_UNKNOWN", "This support widget is not registered. Ask the site's administrator to check the widget tag.");
  const [site] = await db.select({ id: sites.id, allowed: sites.allowedOrigins, disabled: sites.disabled, ackArticles: sites.ackArticles }).from(sites).where(eq(sites.siteKey, siteKey));
  if (!site) throw new ApiError("SITE_UNKNOWN", "This support widget is not registered. Ask the site's administrator to check the widget tag.");
  if (site.disabled) throw new ApiError("SITE_DISABLED", "This support widget is switched off. Ask the site's administrator to switch it on in the Tidings console.");
  if (!origin || !site.allowed.includes(origin)) {
    throw new ApiError("ORIGIN_NOT_ALLOWED", "This support widget may not be used on this web address. Ask the site's administrator to allow it.");
  }
  return { id: site.id, ackArticles: site.ackArticles };
}
