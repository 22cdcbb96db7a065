/**
 * The portal's texts for the ticket page: its facts and conversation, replying, reopening, rating,
 * escalating and handing over server access.
 * English and German, both typed by the interface, so a missing text is a type error rather than
 * a blank label. web/shared/i18n.ts joins the areas.
 */
import type { CredentialKind, Lang } from "../i18n";

export interface TicketTexts {
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
}

const en: TicketTexts = {
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
};

const de: TicketTexts = {
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
};

export const TICKET_TEXTS: Readonly<Record<Lang, TicketTexts>> = { en, de };
