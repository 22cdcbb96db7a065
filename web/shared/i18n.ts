/**
 * Every text of the portal in English and German. Long because it is a dictionary: both languages
 * side by side, so a missing German text is a type error rather than a blank label. The form
 * fields a ticket shares with the widget take the widget's own labels (shared/i18n/widget.ts), so
 * both ask the same questions in the same words; error codes of the attachment rules are
 * translated by the widget's table for the same reason.
 */
import type { ErrorCode } from "../../shared/error-codes";
import { WIDGET_TEXTS, pickLang, translateError, type ErrorParams, type WidgetLang } from "../../shared/i18n/widget";
import type { TicketStatus } from "./api";

export type Lang = WidgetLang;
export const LANGS: readonly Lang[] = ["en", "de"];

export const CREDENTIAL_KIND_IDS = ["ftp", "ssh", "control-panel", "cms-admin", "license-key", "other"] as const;
export type CredentialKind = (typeof CREDENTIAL_KIND_IDS)[number];

export interface PortalTexts {
  lang: Lang;
  appName: string;
  skip: string;
  nav: { label: string; tickets: string; newTicket: string; signOut: string; signedInAs: (email: string) => string };
  langSwitch: { label: string; other: string; otherLang: Lang };
  loading: string;
  required: string;
  network: string;
  genericError: string;
  retry: string;
  footer: { hoursTitle: string; closed: string; timeZone: (tz: string) => string; holidaysTitle: string; noHolidays: string; closuresTitle: string; failed: string };
  signIn: {
    title: string;
    intro: string;
    email: string;
    submit: string;
    sending: string;
    emailMissing: string;
    emailInvalid: string;
    sentTitle: string;
    sent: (email: string) => string;
    sentHint: string;
    another: string;
    needed: string;
  };
  link: {
    title: string;
    intro: string;
    button: string;
    busy: string;
    missing: string;
    refusedTitle: string;
    refused: string;
    refusedWhy: string;
    askNew: string;
  };
  signedOut: string;
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
  response: {
    answered: (when: string) => string;
    due: (when: string, relative: string) => string;
    overdue: (when: string) => string;
    paused: string;
    done: string;
    none: string;
  };
  status: Record<TicketStatus, string>;
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
  ticket: {
    back: string;
    facts: string;
    tid: string;
    status: string;
    level: string;
    received: string;
    response: string;
    urgent: string;
    productVersion: string;
    edition: string;
    url: string;
    conversation: string;
    you: string;
    support: string;
    system: string;
    via: Record<string, string>;
    /** What a message is when it is more than a reply (shared/messages.ts); shown beside its author. */
    kind: Record<"request-info" | "reopen" | "escalation", string>;
    attachments: string;
    attachmentsOf: string;
    download: (name: string, size: string) => string;
    notFound: string;
    openedByLink: string;
  };
  reply: { title: string; label: string; submit: string; busy: string; sent: string; empty: string; reopensNote: string };
  reopen: { title: string; intro: string; label: string; submit: string; busy: string; done: (due: string | null) => string; tooShort: string };
  rate: {
    title: string;
    intro: string;
    legend: string;
    scores: Record<1 | 2 | 3 | 4 | 5, string>;
    comment: string;
    next: string;
    busy: string;
    pickScore: string;
    confirmTitle: string;
    confirmText: (score: number, word: string) => string;
    confirmComment: (comment: string) => string;
    confirm: string;
    change: string;
    done: (score: number) => string;
  };
  escalate: {
    title: string;
    intro: string;
    legend: string;
    supervisor: string;
    accountManager: string;
    accountManagerHint: string;
    reason: string;
    submit: string;
    busy: string;
    /** Says whom the request went to, in words that fit the sentence (not the option's label). */
    done: (target: "supervisor" | "account-manager") => string;
    tooShort: string;
  };
  credentials: {
    title: string;
    intro: string;
    warning: string;
    kind: string;
    kinds: Record<CredentialKind, string>;
    label: string;
    labelHint: string;
    host: string;
    username: string;
    secret: string;
    secretHint: string;
    notes: string;
    submit: string;
    busy: string;
    stored: (label: string) => string;
    listTitle: string;
    listed: (kind: string, when: string) => string;
    none: string;
    closed: string;
    labelMissing: string;
    secretMissing: string;
  };
  notFound: { title: string; body: string; home: string };
  /** Portal-specific wording of API error codes; the attachment codes come from the widget. */
  errors: Partial<Record<ErrorCode, string>>;
}

const en: PortalTexts = {
  lang: "en",
  appName: "Support portal",
  skip: "Skip to the content",
  nav: { label: "Portal", tickets: "My tickets", newTicket: "Report a problem", signOut: "Sign out", signedInAs: (e) => `Signed in as ${e}` },
  langSwitch: { label: "Language", other: "Deutsch", otherLang: "de" },
  loading: "Loading…",
  required: "required",
  network: "There is no connection to the support server. Please check your connection and try again.",
  genericError: "Something went wrong. Please try again.",
  retry: "Try again",
  footer: {
    hoursTitle: "Support hours",
    closed: "closed",
    timeZone: (tz) => `Times are in the ${tz} time zone. Response times count business hours only.`,
    holidaysTitle: "Coming holidays (no support)",
    noHolidays: "No holidays in the coming months.",
    closuresTitle: "Planned closures",
    failed: "The support hours could not be loaded.",
  },
  signIn: {
    title: "Sign in",
    intro: "Enter your email address and we will send you a link that signs you in. No password needed.",
    email: "Email",
    submit: "Send me a sign-in link",
    sending: "Sending…",
    emailMissing: "Please enter your email address.",
    emailInvalid: "Please enter a valid email address, like name@example.com.",
    sentTitle: "Check your mail",
    sent: (e) => `If ${e} may use the portal, a sign-in link is on its way to it.`,
    sentHint: "The link works once, for 15 minutes. If nothing arrives within a few minutes, look in your spam folder or ask for a new link.",
    another: "Use another address",
    needed: "Please sign in to see your tickets.",
  },
  link: {
    title: "Finish signing in",
    intro: "Press the button to sign in to the support portal. We ask you to press it so that programs that check the links in your mail cannot use up your link.",
    button: "Sign in",
    busy: "Signing in…",
    missing: "This address has no sign-in link in it. Ask for a new link below.",
    refusedTitle: "This sign-in link no longer works",
    refused: "You are not signed in: this link has already been used or has expired.",
    refusedWhy: "A sign-in link works only once and only for 15 minutes, so that nobody else can use it later. Ask for a new one: it arrives within a minute.",
    askNew: "Send me a new link",
  },
  signedOut: "You are signed out.",
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
  response: {
    answered: (w) => `Answered ${w}`,
    due: (w, r) => `Answer due ${r} (by ${w})`,
    overdue: (w) => `Answer overdue since ${w}`,
    paused: "Waiting for your reply; the clock is paused",
    done: "No answer due",
    none: "No due time",
  },
  status: {
    new: "New",
    open: "Open",
    "pending-client": "Waiting for your reply",
    "in-development": "With the developers",
    resolved: "Resolved",
    closed: "Closed",
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
  ticket: {
    back: "All my tickets",
    facts: "About this ticket",
    tid: "Ticket number",
    status: "Status",
    level: "Service level",
    received: "Received",
    response: "Response",
    urgent: "Urgent: the site is down or partly broken",
    productVersion: "Product version",
    edition: "Edition",
    url: "Page address",
    conversation: "Conversation",
    you: "You",
    support: "Support",
    system: "System",
    via: { email: "by mail", portal: "in the portal", widget: "from the product", api: "by API" },
    kind: { "request-info": "asked for information", reopen: "reopened the ticket", escalation: "escalated the ticket" },
    attachments: "All attachments",
    attachmentsOf: "Attachments",
    download: (n, s) => `Download ${n} (${s})`,
    notFound: "There is no ticket with this number that you can see.",
    openedByLink: "You opened this ticket from the link in our mail.",
  },
  reply: {
    title: "Reply",
    label: "Your message",
    submit: "Send reply",
    busy: "Sending…",
    sent: "Your reply was added to the ticket.",
    empty: "Please write a message.",
    reopensNote: "Replying opens the ticket again.",
  },
  reopen: {
    title: "Reopen this ticket",
    intro: "Is the problem not solved after all? Tell us what is still wrong. The ticket opens again and the response time starts anew.",
    label: "What is still wrong?",
    submit: "Reopen ticket",
    busy: "Reopening…",
    done: (due) => (due ? `The ticket is open again. We answer by ${due}.` : "The ticket is open again."),
    tooShort: "Please say in a few words what is still wrong.",
  },
  rate: {
    title: "Rate our support",
    intro: "How well did we solve your problem? Your rating goes to the support team's supervisor.",
    legend: "Your rating",
    scores: { 1: "1, very poor", 2: "2, poor", 3: "3, fair", 4: "4, good", 5: "5, excellent" },
    comment: "Comment (optional)",
    next: "Continue",
    busy: "Saving…",
    pickScore: "Please choose a rating from 1 to 5.",
    confirmTitle: "Please confirm your rating",
    confirmText: (n, w) => `You rate our support ${n} of 5 (${w}).`,
    confirmComment: (c) => `Your comment: “${c}”`,
    confirm: "Confirm rating",
    change: "Change",
    done: (n) => `Thank you. Your rating (${n} of 5) is saved.`,
  },
  escalate: {
    title: "Ask a supervisor",
    intro: "If this ticket needs more attention or a faster answer, ask the support supervisor or your account manager to look at it.",
    legend: "Whom to ask",
    supervisor: "The support supervisor",
    accountManager: "My account manager",
    accountManagerHint: "Partners and commercial clients have a personal account manager; otherwise the supervisor receives it.",
    reason: "Why should they look at it?",
    submit: "Send request",
    busy: "Sending…",
    done: (target) => `Your request went to ${target === "supervisor" ? "the support supervisor" : "your account manager"}. You will get a confirmation by mail.`,
    tooShort: "Please say in a few words why.",
  },
  credentials: {
    title: "Server access for support",
    intro: "If we need to work on your server, hand over the login here instead of writing it in a message: it is stored encrypted and only the support staff working on this ticket can read it.",
    warning: "The access data are destroyed when the ticket is resolved or closed. Change these passwords as soon as the problem is solved.",
    kind: "Kind of access",
    kinds: { ftp: "FTP", ssh: "SSH", "control-panel": "Hosting control panel", "cms-admin": "Product administrator login", "license-key": "License key", other: "Other" },
    label: "Name",
    labelHint: "So that you and we can tell it apart, e.g. “Production FTP”.",
    host: "Host or address",
    username: "User name",
    secret: "Password or key",
    secretHint: "Sent encrypted; you will not see it here again.",
    notes: "Notes (optional)",
    submit: "Hand over securely",
    busy: "Saving…",
    stored: (l) => `“${l}” was handed over securely.`,
    listTitle: "Handed over for this ticket",
    listed: (k, w) => `${k}, ${w}`,
    none: "Nothing handed over yet.",
    closed: "This ticket is resolved or closed, so no access data can be handed over, and any given before have been destroyed.",
    labelMissing: "Please give the access a name.",
    secretMissing: "Please enter the password or key.",
  },
  notFound: { title: "Page not found", body: "There is no portal page at this address.", home: "Go to my tickets" },
  errors: {
    UNAUTHENTICATED: "Your session has ended. Please sign in again.",
    FORBIDDEN: "This is not possible for your account.",
    NOT_FOUND: "There is no ticket with this number that you can see.",
    NOT_ALLOWED_NOW: "This is not possible in the ticket's current state. Reload the page to see its state.",
    PASSWORD_CHANGE_REQUIRED: "Please choose a new password first.",
    CSRF_FAILED: "This request did not come from the portal page. Please reload the page and try again.",
    RATE_LIMITED: "Too many requests in a short time. Please wait a minute and try again.",
    LINK_INVALID: "This sign-in link has already been used or has expired.",
    UNAVAILABLE: "The support service is briefly unavailable. Please try again in a few seconds.",
    INTERNAL: "Something went wrong on our side. Please try again later.",
    VALIDATION_FAILED: "Please check your input.",
  },
};

const de: PortalTexts = {
  lang: "de",
  appName: "Support-Portal",
  skip: "Zum Inhalt springen",
  nav: { label: "Portal", tickets: "Meine Tickets", newTicket: "Problem melden", signOut: "Abmelden", signedInAs: (e) => `Angemeldet als ${e}` },
  langSwitch: { label: "Sprache", other: "English", otherLang: "en" },
  loading: "Wird geladen…",
  required: "Pflichtfeld",
  network: "Keine Verbindung zum Support-Server. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  genericError: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  retry: "Erneut versuchen",
  footer: {
    hoursTitle: "Support-Zeiten",
    closed: "geschlossen",
    timeZone: (tz) => `Zeiten in der Zeitzone ${tz}. Antwortzeiten zählen nur Geschäftsstunden.`,
    holidaysTitle: "Kommende Feiertage (kein Support)",
    noHolidays: "In den kommenden Monaten keine Feiertage.",
    closuresTitle: "Geplante Schließungen",
    failed: "Die Support-Zeiten konnten nicht geladen werden.",
  },
  signIn: {
    title: "Anmelden",
    intro: "Geben Sie Ihre E-Mail-Adresse ein; wir senden Ihnen einen Link, der Sie anmeldet. Ein Passwort ist nicht nötig.",
    email: "E-Mail",
    submit: "Anmeldelink senden",
    sending: "Wird gesendet…",
    emailMissing: "Bitte geben Sie Ihre E-Mail-Adresse ein.",
    emailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
    sentTitle: "Sehen Sie in Ihr Postfach",
    sent: (e) => `Wenn ${e} das Portal nutzen darf, ist ein Anmeldelink dorthin unterwegs.`,
    sentHint: "Der Link gilt einmal und 15 Minuten lang. Kommt in einigen Minuten nichts an, sehen Sie im Spam-Ordner nach oder fordern Sie einen neuen Link an.",
    another: "Andere Adresse verwenden",
    needed: "Bitte melden Sie sich an, um Ihre Tickets zu sehen.",
  },
  link: {
    title: "Anmeldung abschließen",
    intro: "Drücken Sie die Schaltfläche, um sich im Support-Portal anzumelden. Wir bitten darum, damit Programme, die Links in Ihren E-Mails prüfen, Ihren Link nicht verbrauchen.",
    button: "Anmelden",
    busy: "Anmeldung läuft…",
    missing: "Diese Adresse enthält keinen Anmeldelink. Fordern Sie unten einen neuen an.",
    refusedTitle: "Dieser Anmeldelink gilt nicht mehr",
    refused: "Sie sind nicht angemeldet: Dieser Link wurde bereits verwendet oder ist abgelaufen.",
    refusedWhy: "Ein Anmeldelink gilt nur einmal und nur 15 Minuten, damit ihn später niemand anders nutzen kann. Fordern Sie einen neuen an: Er kommt innerhalb einer Minute.",
    askNew: "Neuen Link senden",
  },
  signedOut: "Sie sind abgemeldet.",
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
  response: {
    answered: (w) => `Beantwortet ${w}`,
    due: (w, r) => `Antwort fällig ${r} (bis ${w})`,
    overdue: (w) => `Antwort überfällig seit ${w}`,
    paused: "Wartet auf Ihre Antwort; die Frist ruht",
    done: "Keine Antwort fällig",
    none: "Keine Frist",
  },
  status: {
    new: "Neu",
    open: "Offen",
    "pending-client": "Wartet auf Ihre Antwort",
    "in-development": "Bei der Entwicklung",
    resolved: "Gelöst",
    closed: "Geschlossen",
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
  ticket: {
    back: "Alle meine Tickets",
    facts: "Zu diesem Ticket",
    tid: "Ticketnummer",
    status: "Status",
    level: "Service-Level",
    received: "Eingegangen",
    response: "Antwort",
    urgent: "Dringend: Die Website ist ausgefallen oder teilweise defekt",
    productVersion: "Produktversion",
    edition: "Edition",
    url: "Seitenadresse",
    conversation: "Verlauf",
    you: "Sie",
    support: "Support",
    system: "System",
    via: { email: "per E-Mail", portal: "im Portal", widget: "aus dem Produkt", api: "per API" },
    kind: { "request-info": "bittet um Informationen", reopen: "hat das Ticket wieder geöffnet", escalation: "hat das Ticket eskaliert" },
    attachments: "Alle Anhänge",
    attachmentsOf: "Anhänge",
    download: (n, s) => `${n} herunterladen (${s})`,
    notFound: "Es gibt kein Ticket mit dieser Nummer, das Sie sehen können.",
    openedByLink: "Sie haben dieses Ticket über den Link in unserer E-Mail geöffnet.",
  },
  reply: {
    title: "Antworten",
    label: "Ihre Nachricht",
    submit: "Antwort senden",
    busy: "Wird gesendet…",
    sent: "Ihre Antwort wurde dem Ticket hinzugefügt.",
    empty: "Bitte schreiben Sie eine Nachricht.",
    reopensNote: "Eine Antwort öffnet das Ticket wieder.",
  },
  reopen: {
    title: "Ticket wieder öffnen",
    intro: "Ist das Problem doch nicht gelöst? Schreiben Sie, was noch nicht stimmt. Das Ticket wird wieder geöffnet und die Antwortfrist beginnt neu.",
    label: "Was stimmt noch nicht?",
    submit: "Ticket wieder öffnen",
    busy: "Wird geöffnet…",
    done: (due) => (due ? `Das Ticket ist wieder offen. Wir antworten bis ${due}.` : "Das Ticket ist wieder offen."),
    tooShort: "Bitte schreiben Sie in wenigen Worten, was noch nicht stimmt.",
  },
  rate: {
    title: "Unseren Support bewerten",
    intro: "Wie gut haben wir Ihr Problem gelöst? Ihre Bewertung geht an die Leitung des Support-Teams.",
    legend: "Ihre Bewertung",
    scores: { 1: "1, sehr schlecht", 2: "2, schlecht", 3: "3, mittelmäßig", 4: "4, gut", 5: "5, ausgezeichnet" },
    comment: "Kommentar (optional)",
    next: "Weiter",
    busy: "Wird gespeichert…",
    pickScore: "Bitte wählen Sie eine Bewertung von 1 bis 5.",
    confirmTitle: "Bitte bestätigen Sie Ihre Bewertung",
    confirmText: (n, w) => `Sie bewerten unseren Support mit ${n} von 5 (${w}).`,
    confirmComment: (c) => `Ihr Kommentar: „${c}“`,
    confirm: "Bewertung bestätigen",
    change: "Ändern",
    done: (n) => `Vielen Dank. Ihre Bewertung (${n} von 5) ist gespeichert.`,
  },
  escalate: {
    title: "Support-Leitung einschalten",
    intro: "Braucht dieses Ticket mehr Aufmerksamkeit oder eine schnellere Antwort, bitten Sie die Support-Leitung oder Ihren Account-Manager, es sich anzusehen.",
    legend: "Wen einschalten",
    supervisor: "Die Support-Leitung",
    accountManager: "Meinen Account-Manager",
    accountManagerHint: "Partner und kommerzielle Kunden haben einen persönlichen Account-Manager; sonst erhält die Support-Leitung die Anfrage.",
    reason: "Warum soll sie sich das ansehen?",
    submit: "Anfrage senden",
    busy: "Wird gesendet…",
    done: (target) => `Ihre Anfrage ging an ${target === "supervisor" ? "die Support-Leitung" : "Ihren Account-Manager"}. Sie erhalten eine Bestätigung per E-Mail.`,
    tooShort: "Bitte schreiben Sie in wenigen Worten, warum.",
  },
  credentials: {
    title: "Serverzugang für den Support",
    intro: "Wenn wir auf Ihrem Server arbeiten müssen, geben Sie uns den Zugang hier statt in einer Nachricht: Er wird verschlüsselt gespeichert, und nur die Support-Mitarbeiter dieses Tickets können ihn lesen.",
    warning: "Die Zugangsdaten werden vernichtet, sobald das Ticket gelöst oder geschlossen ist. Ändern Sie diese Passwörter, sobald das Problem gelöst ist.",
    kind: "Art des Zugangs",
    kinds: { ftp: "FTP", ssh: "SSH", "control-panel": "Hosting-Verwaltung", "cms-admin": "Administrator-Login des Produkts", "license-key": "Lizenzschlüssel", other: "Sonstiges" },
    label: "Bezeichnung",
    labelHint: "Damit Sie und wir ihn unterscheiden können, z. B. „FTP Produktion“.",
    host: "Host oder Adresse",
    username: "Benutzername",
    secret: "Passwort oder Schlüssel",
    secretHint: "Wird verschlüsselt übertragen; Sie sehen es hier nicht wieder.",
    notes: "Hinweise (optional)",
    submit: "Sicher übergeben",
    busy: "Wird gespeichert…",
    stored: (l) => `„${l}“ wurde sicher übergeben.`,
    listTitle: "Für dieses Ticket übergeben",
    listed: (k, w) => `${k}, ${w}`,
    none: "Noch nichts übergeben.",
    closed: "Dieses Ticket ist gelöst oder geschlossen; daher können keine Zugangsdaten übergeben werden, und früher übergebene sind vernichtet.",
    labelMissing: "Bitte geben Sie dem Zugang eine Bezeichnung.",
    secretMissing: "Bitte geben Sie das Passwort oder den Schlüssel ein.",
  },
  notFound: { title: "Seite nicht gefunden", body: "Unter dieser Adresse gibt es keine Portalseite.", home: "Zu meinen Tickets" },
  errors: {
    UNAUTHENTICATED: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    FORBIDDEN: "Das ist für Ihr Konto nicht möglich.",
    NOT_FOUND: "Es gibt kein Ticket mit dieser Nummer, das Sie sehen können.",
    NOT_ALLOWED_NOW: "Das ist im aktuellen Zustand des Tickets nicht möglich. Laden Sie die Seite neu, um den Zustand zu sehen.",
    PASSWORD_CHANGE_REQUIRED: "Bitte wählen Sie zuerst ein neues Passwort.",
    CSRF_FAILED: "Diese Anfrage kam nicht von der Portalseite. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    RATE_LIMITED: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es erneut.",
    LINK_INVALID: "Dieser Anmeldelink wurde bereits verwendet oder ist abgelaufen.",
    UNAVAILABLE: "Der Support-Dienst ist kurz nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.",
    INTERNAL: "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.",
    VALIDATION_FAILED: "Bitte prüfen Sie Ihre Eingaben.",
  },
};

export const PORTAL_TEXTS: Readonly<Record<Lang, PortalTexts>> = { en, de };

/** The widget's texts for the fields a ticket shares with it (labels, hints, field checks). */
export const fieldTexts = (lang: Lang) => WIDGET_TEXTS[lang];

/** A saved choice wins; else the first of the browser's languages we have; else English. */
export function chooseLang(saved: string | null, browserLangs: readonly string[]): Lang {
  return pickLang(saved, browserLangs);
}

/** The words for a failed call: the portal's own where they differ, the widget's for the attachment rules. */
export function errorText(lang: Lang, error: { code: string }, params: ErrorParams = {}): string {
  const t = PORTAL_TEXTS[lang];
  if (error.code === "NETWORK") return t.network;
  const own = t.errors[error.code as ErrorCode];
  if (own) return own;
  if (error.code === "UNKNOWN") return t.genericError;
  return translateError(lang, error.code, params);
}
