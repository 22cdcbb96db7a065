import { html, raw } from "hono/html";
import type { KbArticleView, KbSearchResult } from "../../../shared/api/kb";
import { LOCALES, type Locale } from "../../../shared/locale";
import { categoryOf, type HelpCategory, type HelpEntry } from "../../services/kb/help-index";
import { crumbs, helpHome, page, searchForm, type Alternates, type Html } from "./layout";
import { HELP_TEXTS, helpDate } from "./texts";

/**
 * The help center's pages (issue 16) as HTML strings, from what the routes looked up: pure, so a
 * test can render one from any article. Readable without JavaScript; the page carries no script.
 */
export interface Site { publicUrl: string; styleHref: string }

export const categoryPath = (locale: Locale, slug: string) => `/help/${locale}/c/${slug}`;
const otherLocales = (l: Locale) => LOCALES.filter((x) => x !== l);
const homes = (l: Locale): Alternates => Object.fromEntries(otherLocales(l).map((o) => [o, helpHome(o)]));

export interface IndexSection { category: HelpCategory | null; entries: HelpEntry[] }

/** Articles listed per section on the index before "all N articles" links to the category page. */
const INDEX_PER_SECTION = 6;

export function indexPage(site: Site, locale: Locale, sections: IndexSection[]): Html {
  const t = HELP_TEXTS[locale];
  const body = html`<div class="help-hero">
<h1>${t.indexTitle}</h1>
<p class="lead">${t.indexLead}</p>
${searchForm(t, locale, "", true)}
</div>
${sections.length ? html`<div class="help-topics">${sections.map((s) => section(locale, s))}</div>` : html`<p class="panel">${t.noArticles}</p>`}`;
  return page({ ...site, locale, title: t.indexTitle, path: helpHome(locale), alternates: homes(locale), description: t.indexLead, home: true }, body);
}

function section(locale: Locale, s: IndexSection): Html {
  const t = HELP_TEXTS[locale];
  const id = `topic-${s.category?.slug ?? "general"}`;
  const shown = s.entries.slice(0, INDEX_PER_SECTION);
  return html`<section class="panel topic" aria-labelledby="${id}">
<h2 id="${id}">${s.category ? html`<a href="${categoryPath(locale, s.category.slug)}">${s.category.title}</a>` : t.general}</h2>
${s.category?.description ? html`<p class="hint">${s.category.description}</p>` : ""}
<ul class="article-list">${shown.map((e) => html`<li><a href="${e.url}">${e.title}</a></li>`)}</ul>
${s.category && s.entries.length > shown.length ? html`<p class="more"><a href="${categoryPath(locale, s.category.slug)}">${t.allInCategory(s.entries.length)}</a></p>` : ""}
</section>`;
}

export function categoryPage(site: Site, locale: Locale, category: HelpCategory, entries: HelpEntry[], alternates: Alternates): Html {
  const t = HELP_TEXTS[locale];
  const path = categoryPath(locale, category.slug);
  const body = html`${crumbs(t, [{ href: helpHome(locale), label: t.appName }])}
<h1>${category.title}</h1>
${category.description ? html`<p class="lead">${category.description}</p>` : ""}
<p class="hint">${t.articles(entries.length)}</p>
${searchForm(t, locale)}
<section class="panel" aria-labelledby="list-title">
<h2 id="list-title" class="visually-hidden">${category.title}</h2>
<ul class="article-list">${entries.map((e) => html`<li><a href="${e.url}">${e.title}</a> <span class="when">${t.updated} <time datetime="${e.updatedAt.toISOString()}">${helpDate(e.updatedAt, locale)}</time></span></li>`)}</ul>
</section>`;
  return page({ ...site, locale, title: category.title, path, alternates, description: category.description || undefined }, body);
}

export interface ArticleModel {
  article: Pick<KbArticleView, "locale" | "slug" | "title" | "html" | "updatedAt" | "url">;
  category: HelpCategory | null;
  translations: { locale: Locale; url: string }[];
  /** Set after the reader voted: the form gives way to a thank-you. */
  voted: "yes" | "no" | null;
  /** A short description for search engines: the first words of the text. */
  description: string;
  /** The other articles of its category, beside the text. */
  related: HelpEntry[];
}

export function articlePage(site: Site, m: ArticleModel): Html {
  const { article: a } = m;
  const t = HELP_TEXTS[a.locale];
  const trail = [{ href: helpHome(a.locale), label: t.appName }, ...(m.category ? [{ href: categoryPath(a.locale, m.category.slug), label: m.category.title }] : [])];
  const body = html`${crumbs(t, trail)}
<div class="article-layout${m.related.length ? " has-related" : ""}">
<div class="article-main">
<article class="panel help-article" aria-labelledby="article-title">
<h1 id="article-title">${a.title}</h1>
<p class="meta">${m.category ? html`<span>${t.category}: <a href="${categoryPath(a.locale, m.category.slug)}">${m.category.title}</a></span>` : ""}
<span>${t.updated} <time datetime="${a.updatedAt}">${helpDate(a.updatedAt, a.locale)}</time></span>
${m.translations.map((tr) => html`<span>${t.alsoIn} <a href="${tr.url}" hreflang="${tr.locale}" lang="${tr.locale}">${HELP_TEXTS[tr.locale].languageName}</a></span>`)}</p>
<div class="article-body">${raw(a.html)}</div>
</article>
${feedback(a, m.voted)}
</div>
${m.related.length ? html`<aside class="panel related" aria-labelledby="related-title">
<h2 id="related-title">${t.moreInTopic}</h2>
<ul class="article-list">${m.related.map((e) => html`<li><a href="${e.url}">${e.title}</a></li>`)}</ul>
</aside>` : ""}
</div>`;
  const alternates: Alternates = Object.fromEntries(m.translations.map((tr) => [tr.locale, tr.url]));
  return page({ ...site, locale: a.locale, title: a.title, path: a.url, alternates, description: m.description }, body);
}

function feedback(a: ArticleModel["article"], voted: "yes" | "no" | null): Html {
  const t = HELP_TEXTS[a.locale];
  return html`<section class="panel feedback" id="feedback" aria-labelledby="feedback-title">
<h2 id="feedback-title">${t.feedbackTitle}</h2>
${voted
    ? html`<p class="ok" role="status">${voted === "yes" ? t.thanks : t.thanksNo}</p>`
    : html`<form method="post" action="${a.url}/vote" class="actions">
<button type="submit" name="helpful" value="yes">${t.yes}</button>
<button type="submit" name="helpful" value="no">${t.no}</button>
</form>`}
<p class="still">${t.stillStuck} <a href="/portal/new">${t.writeToSupport}</a></p>
</section>`;
}

export function searchPage(site: Site, locale: Locale, query: string, results: KbSearchResult[] | null, categories: Map<string, HelpCategory>): Html {
  const t = HELP_TEXTS[locale];
  const body = html`${crumbs(t, [{ href: helpHome(locale), label: t.appName }])}
<h1>${t.searchTitle}</h1>
${searchForm(t, locale, query)}
${results === null
    ? html`<p class="hint">${t.searchPrompt}</p>`
    : html`<section aria-labelledby="results-title" class="results">
<h2 id="results-title">${t.results(results.length, query)}</h2>
${results.length
    ? html`<ol class="result-list">${results.map((r) => html`<li class="panel"><h3><a href="${r.url}">${r.title}</a></h3>${r.category ? html`<p class="hint">${categoryOf(categories, r.category).title}</p>` : ""}<p>${raw(r.snippet)}</p></li>`)}</ol>`
    : html`<p class="panel">${t.noResults} <a href="/portal/new">${t.writeToSupport}</a></p>`}
</section>`}`;
  const alternates: Alternates = Object.fromEntries(otherLocales(locale).map((o) => [o, `/help/${o}/search`]));
  return page({ ...site, locale, title: query ? `${t.searchTitle}: ${query}` : t.searchTitle, path: `/help/${locale}/search`, alternates, noindex: true }, body);
}

/** The help center's "not found" (an unknown address, a draft, an internal or a future article alike) and "refused" pages. */
export function noticePage(site: Site, locale: Locale, kind: "notFound" | "refused", path: string): Html {
  const t = HELP_TEXTS[locale];
  const [title, text] = kind === "notFound" ? [t.notFoundTitle, t.notFoundText] : [t.refusedTitle, t.refusedText];
  const body = html`<div class="panel narrow notice">
<h1>${title}</h1>
<p>${text}</p>
<p><a href="${helpHome(locale)}">${t.backHome}</a></p>
</div>`;
  return page({ ...site, locale, title, path, alternates: {}, noindex: true }, body);
}
