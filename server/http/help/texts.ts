import type { Locale } from "../../../shared/locale";

/**
 * Every word of the help center (issue 16), in English and German. The pages are rendered on the
 * server, so this is the server's catalogue; the portal's and the console's stay in web/shared/.
 */
export interface HelpTexts {
  appName: string;
  skip: string;
  /** The language's own name, for the switch to it. */
  languageName: string;
  languageSwitch: string;
  navLabel: string;
  home: string;
  portal: string;
  breadcrumb: string;
  indexTitle: string;
  indexLead: string;
  searchLabel: string;
  searchButton: string;
  general: string;
  articles(n: number): string;
  noArticles: string;
  allInCategory(n: number): string;
  updated: string;
  category: string;
  alsoIn: string;
  moreInTopic: string;
  feedbackTitle: string;
  yes: string;
  no: string;
  thanks: string;
  thanksNo: string;
  stillStuck: string;
  writeToSupport: string;
  searchTitle: string;
  results(n: number, q: string): string;
  noResults: string;
  searchPrompt: string;
  notFoundTitle: string;
  notFoundText: string;
  backHome: string;
  refusedTitle: string;
  refusedText: string;
  footer: string;
}

const en: HelpTexts = {
  appName: "Help center",
  skip: "Skip to content",
  languageName: "English",
  languageSwitch: "Language",
  navLabel: "Help center",
  home: "All topics",
  portal: "Support portal",
  breadcrumb: "You are here",
  indexTitle: "How can we help?",
  indexLead: "Guides and answers to common questions. Search, or browse by topic.",
  searchLabel: "Search the help center",
  searchButton: "Search",
  general: "General",
  articles: (n) => (n === 1 ? "1 article" : `${n} articles`),
  noArticles: "There are no articles here yet.",
  allInCategory: (n) => (n === 1 ? "The article of this topic" : `All ${n} articles of this topic`),
  updated: "Updated",
  category: "Topic",
  alsoIn: "Also in:",
  moreInTopic: "More in this topic",
  feedbackTitle: "Did this help?",
  yes: "Yes",
  no: "No",
  thanks: "Thank you for telling us.",
  thanksNo: "Thank you for telling us. We will improve this article.",
  stillStuck: "Still stuck?",
  writeToSupport: "Write to support",
  searchTitle: "Search",
  results: (n, q) => (n === 1 ? `1 article for “${q}”` : `${n} articles for “${q}”`),
  noResults: "No article fits your search. Try other words, or write to support.",
  searchPrompt: "Type a few words or describe your problem.",
  notFoundTitle: "Page not found",
  notFoundText: "There is no page at this address. It may have moved, or it is not published.",
  backHome: "Go to the help center",
  refusedTitle: "Your answer was not sent",
  refusedText: "The form must be sent from the help center's own page. Go back, reload the page and try again.",
  footer: "Answers to common questions, from the support team.",
};

const de: HelpTexts = {
  appName: "Hilfe-Center",
  skip: "Zum Inhalt springen",
  languageName: "Deutsch",
  languageSwitch: "Sprache",
  navLabel: "Hilfe-Center",
  home: "Alle Themen",
  portal: "Support-Portal",
  breadcrumb: "Sie sind hier",
  indexTitle: "Wie können wir helfen?",
  indexLead: "Anleitungen und Antworten auf häufige Fragen. Suchen Sie, oder stöbern Sie nach Thema.",
  searchLabel: "Im Hilfe-Center suchen",
  searchButton: "Suchen",
  general: "Allgemein",
  articles: (n) => (n === 1 ? "1 Artikel" : `${n} Artikel`),
  noArticles: "Hier gibt es noch keine Artikel.",
  allInCategory: (n) => (n === 1 ? "Der Artikel dieses Themas" : `Alle ${n} Artikel dieses Themas`),
  updated: "Aktualisiert",
  category: "Thema",
  alsoIn: "Auch auf:",
  moreInTopic: "Mehr zu diesem Thema",
  feedbackTitle: "War das hilfreich?",
  yes: "Ja",
  no: "Nein",
  thanks: "Danke für Ihre Rückmeldung.",
  thanksNo: "Danke für Ihre Rückmeldung. Wir verbessern diesen Artikel.",
  stillStuck: "Noch nicht gelöst?",
  writeToSupport: "An den Support schreiben",
  searchTitle: "Suche",
  results: (n, q) => `${n} Artikel zu „${q}“`,
  noResults: "Kein Artikel passt zu Ihrer Suche. Versuchen Sie andere Wörter, oder schreiben Sie an den Support.",
  searchPrompt: "Geben Sie ein paar Wörter ein oder beschreiben Sie Ihr Problem.",
  notFoundTitle: "Seite nicht gefunden",
  notFoundText: "Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben, oder sie ist nicht veröffentlicht.",
  backHome: "Zum Hilfe-Center",
  refusedTitle: "Ihre Antwort wurde nicht gesendet",
  refusedText: "Das Formular muss von der Seite des Hilfe-Centers selbst gesendet werden. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.",
  footer: "Antworten auf häufige Fragen, vom Support-Team.",
};

export const HELP_TEXTS: Record<Locale, HelpTexts> = { en, de };

/** Dates as the reader's language writes them ("3 December 2026", "3. Dezember 2026"). */
export const helpDate = (iso: string | Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
