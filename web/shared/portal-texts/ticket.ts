/**
 * The portal's texts: one ticket: its facts, the conversation, replying and reopening.
 * English and German, both typed by the interface, so a missing text is a type error rather than
 * a blank label. web/shared/i18n.ts joins the areas.
 */
import type { Lang } from "../i18n";

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
};

export const TICKET_TEXTS: Readonly<Record<Lang, TicketTexts>> = { en, de };
