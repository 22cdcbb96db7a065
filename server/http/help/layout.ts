import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { LOCALES, type Locale } from "../../../shared/locale";
import { HELP_TEXTS, type HelpTexts } from "./texts";

/**
 * The help center's page frame: the portal's header and colours (the stylesheet is the portal's,
 * server/http/help/style.ts), a skip link, landmarks, and in the head the canonical address and
 * the page in the other language (hreflang). Every value goes through hono/html's `html`, which
 * escapes it; only the sanitised article body and the search snippets (escaped text with <mark>)
 * are passed in as trusted markup by the pages.
 */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The same page in each language that has it: locale → path. */
export type Alternates = Partial<Record<Locale, string>>;

export interface Frame {
  locale: Locale;
  title: string;
  /** The page's own address, a path; the canonical link is absolute (publicUrl). */
  path: string;
  alternates: Alternates;
  publicUrl: string;
  styleHref: string;
  description?: string;
  /** A page that search engines should not list (search results, not-found). */
  noindex?: boolean;
  /** The index itself: its link in the navigation says so (aria-current). */
  home?: boolean;
}

const absolute = (publicUrl: string, path: string) => new URL(path, publicUrl).toString();

export const helpHome = (locale: Locale) => `/help/${locale}/`;

export function page(f: Frame, body: Html): Html {
  const t = HELP_TEXTS[f.locale];
  const other = LOCALES.filter((l) => l !== f.locale);
  return html`<!doctype html>
<html lang="${f.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title} · ${t.appName}</title>
${f.description ? html`<meta name="description" content="${f.description}">\n` : ""}${f.noindex ? html`<meta name="robots" content="noindex">\n` : ""}<link rel="canonical" href="${absolute(f.publicUrl, f.path)}">
${alternateLinks(f)}<link rel="icon" href="data:,">
<link rel="stylesheet" href="${f.styleHref}">
</head>
<body>
<div class="app help">
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
<div class="top-inner">
<a class="brand" href="${helpHome(f.locale)}"><span class="mark" aria-hidden="true">T</span><span>${t.appName}</span></a>
<nav class="nav" aria-label="${t.navLabel}">
<a href="${helpHome(f.locale)}"${f.home ? html` aria-current="page"` : ""}>${t.home}</a>
<a href="/portal/">${t.portal}</a>
</nav>
<div class="tools">
${other.map((l) => html`<a class="lang" href="${f.alternates[l] ?? helpHome(l)}" hreflang="${l}" aria-label="${t.languageSwitch}: ${HELP_TEXTS[l].languageName}"><span lang="${l}">${HELP_TEXTS[l].languageName}</span></a>`)}
</div>
</div>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="foot">
<div class="foot-inner">
<p>${t.footer} <a href="/portal/new">${t.writeToSupport}</a></p>
</div>
</footer>
</div>
</body>
</html>
`;
}

/** hreflang for every language the page exists in, itself included (Google's rule: the set is symmetric). */
function alternateLinks(f: Frame): Html {
  const all: Alternates = { ...f.alternates, [f.locale]: f.path };
  const langs = LOCALES.filter((l) => all[l]);
  if (langs.length < 2) return html``;
  return html`${langs.map((l) => html`<link rel="alternate" hreflang="${l}" href="${absolute(f.publicUrl, all[l]!)}">\n`)}`;
}

/** The search form (one per page): on the index the page's big one, elsewhere a small one above the content. */
export function searchForm(t: HelpTexts, locale: Locale, query = "", big = false): Html {
  return html`<form class="help-search${big ? " big" : ""}" method="get" action="/help/${locale}/search" role="search" aria-label="${t.searchLabel}">
<label for="help-q" class="visually-hidden">${t.searchLabel}</label>
<input type="search" id="help-q" name="q" value="${query}" maxlength="2000" placeholder="${t.searchLabel}" autocomplete="off">
<button type="submit" class="primary">${t.searchButton}</button>
</form>`;
}

export interface Crumb { href: string; label: string }

export function crumbs(t: HelpTexts, trail: Crumb[]): Html {
  return html`<nav class="crumbs" aria-label="${t.breadcrumb}"><ol>${trail.map((c) => html`<li><a href="${c.href}">${c.label}</a></li>`)}</ol></nav>`;
}

export { absolute };
