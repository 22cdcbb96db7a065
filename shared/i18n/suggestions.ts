/**
 * The texts of the deflection step (issue 16, SLA 1.2): the widget's suggestions chunk
 * (widget/suggest/), the documentation link of the portal's form and the console's ticket view.
 * Apart from the dialog's texts so that the dialog chunk does not carry them.
 */
import type { WidgetLang } from "./widget";

export interface SuggestTexts {
  /** Above the list: what the articles are. */
  heading: string;
  /** The live region's words when the list changes. */
  found(n: number): string;
  /** The documentation link field (SLA 1.2). */
  docLink: string;
  docLinkHint: string;
  docLinkInvalid: string;
  /** Inside an opened article. */
  loading: string;
  loadFailed: string;
  solved: string;
  back: string;
  openPage: string;
  thanksTitle: string;
  thanks: string;
  close: string;
}

export const SUGGEST_TEXTS: Readonly<Record<WidgetLang, SuggestTexts>> = {
  en: {
    heading: "These articles may already answer it:",
    found: (n) => (n === 1 ? "1 article may answer your question." : `${n} articles may answer your question.`),
    docLink: "Link to the documentation or discussion you already read",
    docLinkHint: "Optional: a page that describes a problem like yours.",
    docLinkInvalid: "Enter an address starting with http:// or https://.",
    loading: "Loading the article…",
    loadFailed: "The article could not be loaded.",
    solved: "This solved my problem",
    back: "Back to my report",
    openPage: "Open in the help center",
    thanksTitle: "Glad it helped",
    thanks: "Your problem is solved, so no report was sent. Thank you!",
    close: "Close",
  },
  de: {
    heading: "Diese Artikel beantworten es vielleicht schon:",
    found: (n) => (n === 1 ? "1 Artikel beantwortet Ihre Frage vielleicht." : `${n} Artikel beantworten Ihre Frage vielleicht.`),
    docLink: "Link zur Dokumentation oder Diskussion, die Sie schon gelesen haben",
    docLinkHint: "Optional: eine Seite, die ein Problem wie Ihres beschreibt.",
    docLinkInvalid: "Geben Sie eine Adresse ein, die mit http:// oder https:// beginnt.",
    loading: "Der Artikel wird geladen …",
    loadFailed: "Der Artikel konnte nicht geladen werden.",
    solved: "Das hat mein Problem gelöst",
    back: "Zurück zu meiner Meldung",
    openPage: "Im Hilfe-Center öffnen",
    thanksTitle: "Schön, dass es geholfen hat",
    thanks: "Ihr Problem ist gelöst, daher wurde keine Meldung gesendet. Danke!",
    close: "Schließen",
  },
};

/** The console's ticket view and the portal's form. */
export const KB_REF_TEXTS: Readonly<Record<WidgetLang, { seenTitle: string; opened: string; linked: string; readFirst: string; docLink: string; docLinkHint: string }>> = {
  en: {
    seenTitle: "Articles the client saw before writing",
    opened: "opened",
    linked: "linked by staff",
    readFirst: "Documentation they read",
    docLink: SUGGEST_TEXTS.en.docLink,
    docLinkHint: SUGGEST_TEXTS.en.docLinkHint,
  },
  de: {
    seenTitle: "Artikel, die der Kunde vor dem Schreiben sah",
    opened: "geöffnet",
    linked: "vom Support verlinkt",
    readFirst: "Gelesene Dokumentation",
    docLink: SUGGEST_TEXTS.de.docLink,
    docLinkHint: SUGGEST_TEXTS.de.docLinkHint,
  },
};
