/**
 * The console's texts: the knowledge base's reports (issue 16) on the reports page.
 * English and German; the German block is typed by the English one, so a missing text is a type
 * error rather than a blank label. Read by pages/KbReports.tsx through its `lang`.
 */

const en = {
  title: "Knowledge base",
  intro: "What the help center and the widget's suggestions achieve, over the same 12 weeks.",
  deflection: {
    title: "Deflection rate per week",
    chart: "Reports the suggestions ended without a ticket",
    explain: (d: number, n: number, rate: string) => `${d} of ${n} reports in the widget ended with "This solved my problem" (${rate}); the rest became tickets.`,
    bar: (rate: string, d: number, n: number) => `${rate} (${d} of ${n})`,
    none: "No reports in the widget in this period.",
    perWeek: "Per week",
    deflections: "Solved by an article",
    tickets: "Tickets from the widget",
    rate: "Deflection rate",
  },
  noResult: {
    title: "Searches with no result",
    explain: (n: number) => `${n} ${n === 1 ? "search" : "searches"} found nothing: the most frequent first. Each is an article someone was missing.`,
    none: "Every search in this period found an article.",
    caption: "Queries that found nothing",
    query: "Query",
    locale: "Language",
    count: "Times",
    lastSeen: "Last searched",
  },
  referenced: {
    title: "Articles most referenced by tickets",
    explain: "Tickets of the period that met the article: shown or opened in the widget before sending, or linked in a reply.",
    none: "No ticket of this period names an article.",
    caption: "Articles by tickets",
    article: "Article",
    tickets: "Tickets",
    shown: "Shown",
    opened: "Opened",
    linked: "Linked",
  },
  votes: {
    title: "Helpful votes",
    explain: (yes: number, no: number, rate: string) => `${yes} yes, ${no} no (${rate} found it helpful).`,
    none: "No votes in this period.",
    caption: "Votes per article",
    article: "Article",
    yes: "Yes",
    no: "No",
    ratio: "Helpful",
  },
  locales: { en: "English", de: "German" } as Record<string, string>,
  notPublic: (visibility: string) => (visibility === "internal" ? "internal" : visibility === "draft" ? "draft" : visibility),
};

const de: typeof en = {
  title: "Wissensdatenbank",
  intro: "Was das Hilfe-Center und die Vorschläge im Widget bewirken, über dieselben 12 Wochen.",
  deflection: {
    title: "Selbsthilfequote pro Woche",
    chart: "Anfragen, die die Vorschläge ohne Ticket beendet haben",
    explain: (d, n, rate) => `${d} von ${n} Anfragen im Widget endeten mit „Das hat mein Problem gelöst“ (${rate}); die übrigen wurden Tickets.`,
    bar: (rate, d, n) => `${rate} (${d} von ${n})`,
    none: "Keine Anfragen im Widget in diesem Zeitraum.",
    perWeek: "Pro Woche",
    deflections: "Durch einen Artikel gelöst",
    tickets: "Tickets aus dem Widget",
    rate: "Selbsthilfequote",
  },
  noResult: {
    title: "Suchen ohne Ergebnis",
    explain: (n) => `${n} ${n === 1 ? "Suche hat" : "Suchen haben"} nichts gefunden, die häufigsten zuerst. Jede ist ein Artikel, der jemandem gefehlt hat.`,
    none: "Jede Suche in diesem Zeitraum hat einen Artikel gefunden.",
    caption: "Suchanfragen ohne Ergebnis",
    query: "Suchanfrage",
    locale: "Sprache",
    count: "Anzahl",
    lastSeen: "Zuletzt gesucht",
  },
  referenced: {
    title: "Von Tickets am häufigsten genannte Artikel",
    explain: "Tickets des Zeitraums, die den Artikel trafen: im Widget vor dem Senden gezeigt oder geöffnet, oder in einer Antwort verlinkt.",
    none: "Kein Ticket dieses Zeitraums nennt einen Artikel.",
    caption: "Artikel nach Tickets",
    article: "Artikel",
    tickets: "Tickets",
    shown: "Gezeigt",
    opened: "Geöffnet",
    linked: "Verlinkt",
  },
  votes: {
    title: "Bewertungen „Hat das geholfen?“",
    explain: (yes, no, rate) => `${yes} Ja, ${no} Nein (${rate} fanden ihn hilfreich).`,
    none: "Keine Bewertungen in diesem Zeitraum.",
    caption: "Bewertungen pro Artikel",
    article: "Artikel",
    yes: "Ja",
    no: "Nein",
    ratio: "Hilfreich",
  },
  locales: { en: "Englisch", de: "Deutsch" },
  notPublic: (visibility) => (visibility === "internal" ? "intern" : visibility === "draft" ? "Entwurf" : visibility),
};

export const KB_REPORT_TEXTS = { en, de };
