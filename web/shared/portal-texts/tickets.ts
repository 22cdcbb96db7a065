/**
 * The portal's texts: the list of one's tickets, finding one by number, reporting a problem.
 * English and German, both typed by the interface, so a missing text is a type error rather than
 * a blank label. web/shared/i18n.ts joins the areas.
 */
import type { Lang } from "../i18n";

export interface TicketListTexts {
  list: {
    title: string;
    intro: string;
    caption: string;
    ticket: string;
    subject: string;
    status: string;
    level: string;
    response: string;
    empty: string;
    emptyAction: string;
    requestedBy: (email: string) => string;
    urgent: string;
  };
  find: {
    title: string;
    label: string;
    hint: string;
    submit: string;
    busy: string;
    notFound: (tid: string) => string;
    typo: (typed: string) => string;
    didYouMean: string;
    invalid: string;
    empty: string;
    found: (tid: string) => string;
  };
  create: {
    title: string;
    intro: string;
    sendingAs: (email: string) => string;
    subject: string;
    subjectHint: string;
    submit: string;
    busy: string;
    created: (tid: string) => string;
  };
  files: { label: string; hint: string; choose: string; remove: (name: string) => string; zipping: (name: string) => string; zipped: (name: string) => string };
}

const en: TicketListTexts = {
  list: {
    title: "My tickets",
    intro: "Your support requests and how far along they are.",
    caption: "Your tickets, newest first",
    ticket: "Ticket",
    subject: "Subject",
    status: "Status",
    level: "Service level",
    response: "Response",
    empty: "You have no tickets yet. When you report a problem here, by mail or from your product, it appears in this list.",
    emptyAction: "Report a problem",
    requestedBy: (e) => `requested by ${e}`,
    urgent: "Urgent",
  },
  find: {
    title: "Find a ticket by its number",
    label: "Ticket number",
    hint: "For example TID#1000015, as in the subject of our mails.",
    submit: "Find",
    busy: "Looking…",
    notFound: (tid) => `None of your tickets has the number ${tid}.`,
    typo: (typed) => `${typed} has a typing mistake: its last digit (the check digit) does not match the others.`,
    didYouMean: "Did you mean:",
    invalid: "This is not a ticket number. A ticket number has 7 or more digits, like TID#1000015.",
    empty: "Please enter a ticket number.",
    found: (tid) => `Found ${tid}. Opening it…`,
  },
  create: {
    title: "Report a problem",
    intro: "Describe the problem as exactly as you can. You get a ticket number at once; we answer here and by mail.",
    sendingAs: (e) => `You send this as ${e}; we answer to this address.`,
    subject: "Subject",
    subjectHint: "A short summary. Leave it empty to use the first line of the description.",
    submit: "Send",
    busy: "Sending…",
    created: (tid) => `Thank you. Your ticket ${tid} is registered.`,
  },
  files: {
    label: "Screenshots and files",
    hint: "PNG, GIF or JPEG (a BMP is zipped for you), ZIP or RAR. Up to 10 files, 10 MiB each, 25 MiB together. You can also paste an image.",
    choose: "Attach files",
    remove: (n) => `Remove ${n}`,
    zipping: (n) => `Zipping “${n}”…`,
    zipped: (n) => `zipped from ${n}`,
  },
};

const de: TicketListTexts = {
  list: {
    title: "Meine Tickets",
    intro: "Ihre Support-Anfragen und ihr Stand.",
    caption: "Ihre Tickets, neueste zuerst",
    ticket: "Ticket",
    subject: "Betreff",
    status: "Status",
    level: "Service-Level",
    response: "Antwort",
    empty: "Sie haben noch keine Tickets. Wenn Sie hier, per E-Mail oder aus Ihrem Produkt ein Problem melden, erscheint es in dieser Liste.",
    emptyAction: "Problem melden",
    requestedBy: (e) => `angefragt von ${e}`,
    urgent: "Dringend",
  },
  find: {
    title: "Ticket über seine Nummer finden",
    label: "Ticketnummer",
    hint: "Zum Beispiel TID#1000015, wie im Betreff unserer E-Mails.",
    submit: "Suchen",
    busy: "Wird gesucht…",
    notFound: (tid) => `Keines Ihrer Tickets hat die Nummer ${tid}.`,
    typo: (typed) => `${typed} enthält einen Tippfehler: Die letzte Ziffer (die Prüfziffer) passt nicht zu den anderen.`,
    didYouMean: "Meinten Sie:",
    invalid: "Das ist keine Ticketnummer. Eine Ticketnummer hat 7 oder mehr Ziffern, z. B. TID#1000015.",
    empty: "Bitte geben Sie eine Ticketnummer ein.",
    found: (tid) => `${tid} gefunden. Wird geöffnet…`,
  },
  create: {
    title: "Problem melden",
    intro: "Beschreiben Sie das Problem so genau wie möglich. Sie erhalten sofort eine Ticketnummer; wir antworten hier und per E-Mail.",
    sendingAs: (e) => `Sie senden dies als ${e}; wir antworten an diese Adresse.`,
    subject: "Betreff",
    subjectHint: "Eine kurze Zusammenfassung. Leer lassen, um die erste Zeile der Beschreibung zu verwenden.",
    submit: "Senden",
    busy: "Wird gesendet…",
    created: (tid) => `Vielen Dank. Ihr Ticket ${tid} ist registriert.`,
  },
  files: {
    label: "Screenshots und Dateien",
    hint: "PNG, GIF oder JPEG (ein BMP wird für Sie gezippt), ZIP oder RAR. Bis zu 10 Dateien, je 10 MiB, zusammen 25 MiB. Sie können auch ein Bild einfügen.",
    choose: "Dateien anhängen",
    remove: (n) => `${n} entfernen`,
    zipping: (n) => `„${n}“ wird gezippt…`,
    zipped: (n) => `gezippt aus ${n}`,
  },
};

export const TICKETS_TEXTS: Readonly<Record<Lang, TicketListTexts>> = { en, de };
