/**
 * The console's texts: a site's knowledge-base setting (issue 16) on the sites page: whether the
 * acknowledgement of its tickets lists matching help center articles. English and German; the
 * German block is typed by the English one. Read by pages/admin/SitesPage.tsx through its `lang`.
 */

const en = {
  ackArticles: "List matching help center articles in the acknowledgement",
  ackArticlesHint: "Up to three public articles that match the request, in the client's language.",
  ackArticlesOff: "The acknowledgement lists no help center articles.",
};

const de: typeof en = {
  ackArticles: "Passende Artikel des Hilfe-Centers in der Eingangsbestätigung nennen",
  ackArticlesHint: "Bis zu drei öffentliche Artikel, die zur Anfrage passen, in der Sprache des Kunden.",
  ackArticlesOff: "Die Eingangsbestätigung nennt keine Artikel des Hilfe-Centers.",
};

export const KB_SITE_TEXTS = { en, de };
