import { LOCALES, type Locale } from "../../../shared/locale";
import type { HelpEntry } from "../../services/kb/help-index";
import { absolute, helpHome } from "./layout";
import { categoryPath } from "./pages";

/**
 * /help/sitemap.xml (sitemaps.org 0.9, with Google's xhtml:link hreflang alternates): the index
 * of each language, each category page and each published public article, nothing else, since
 * the entries come from services/kb/help-index.ts's public list.
 */
const xml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

interface Url { loc: string; lastmod?: Date; alternates: Partial<Record<Locale, string>> }

export function sitemapXml(publicUrl: string, entries: HelpEntry[]): string {
  const urls: Url[] = [];
  const homes = Object.fromEntries(LOCALES.map((l) => [l, helpHome(l)]));
  for (const l of LOCALES) urls.push({ loc: helpHome(l), alternates: homes });

  const categories = new Map<string, Partial<Record<Locale, Date>>>();
  for (const e of entries) {
    if (!e.category) continue;
    const seen = categories.get(e.category) ?? {};
    if (!seen[e.locale] || seen[e.locale]! < e.updatedAt) seen[e.locale] = e.updatedAt;
    categories.set(e.category, seen);
  }
  for (const [slug, byLocale] of categories) {
    const alternates = Object.fromEntries(Object.keys(byLocale).map((l) => [l, categoryPath(l as Locale, slug)]));
    for (const [l, lastmod] of Object.entries(byLocale)) urls.push({ loc: categoryPath(l as Locale, slug), lastmod, alternates });
  }

  const byKey = new Map<string, HelpEntry[]>();
  for (const e of entries) if (e.translationKey) byKey.set(e.translationKey, [...(byKey.get(e.translationKey) ?? []), e]);
  for (const e of entries) {
    const group = e.translationKey ? byKey.get(e.translationKey)! : [e];
    urls.push({ loc: e.url, lastmod: e.updatedAt, alternates: Object.fromEntries(group.map((g) => [g.locale, g.url])) });
  }

  const abs = (p: string) => xml(absolute(publicUrl, p));
  const body = urls.map((u) => {
    const alts = Object.entries(u.alternates);
    const links = alts.length > 1 ? alts.map(([l, p]) => `\n    <xhtml:link rel="alternate" hreflang="${l}" href="${abs(p)}"/>`).join("") : "";
    return `  <url>\n    <loc>${abs(u.loc)}</loc>${u.lastmod ? `\n    <lastmod>${u.lastmod.toISOString()}</lastmod>` : ""}${links}\n  </url>`;
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${body}\n</urlset>\n`;
}
