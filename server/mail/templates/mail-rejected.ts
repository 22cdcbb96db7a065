/**
 * For a sender whose mail could not become a ticket (SLA 4.12: a request counts as accepted only
 * once its sender has a TID). There is no ticket, so there is no TID in the subject; the mail
 * says what went wrong and how to get a ticket after all.
 */
import { oneLine, type Locale } from "./format";
import { link, p, renderMail, strong, type Block, type RenderedMail } from "./layout";
import { greeting, signOff } from "./phrases";

export type MailRejectionReason =
  /** Over the SMTP size limit; `limitBytes` is stated when given. */
  | { code: "too-large"; limitBytes?: number }
  /** The message could not be read (broken MIME, no usable content). */
  | { code: "unreadable" }
  /** Anything else, in words (shown as given, so in the language of the mail). */
  | { code: "other"; text: string };

export interface MailRejectedInput {
  reason: MailRejectionReason;
  /** Null when the mail was refused before its headers were read. */
  originalSubject: string | null;
  /** Where a ticket can be opened instead (the portal or the site with the widget). */
  portalUrl?: string;
  locale: Locale;
}

function megabytes(bytes: number, locale: Locale): string {
  const mb = bytes / (1024 * 1024);
  const value = Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
  return `${locale === "de" ? value.replace(".", ",") : value} MB`;
}

function reasonText(reason: MailRejectionReason, locale: Locale): string {
  const de = locale === "de";
  switch (reason.code) {
    case "too-large":
      if (reason.limitBytes === undefined) return de ? "Die E-Mail ist größer, als wir annehmen." : "The mail is larger than we accept.";
      return de
        ? `Die E-Mail ist größer als ${megabytes(reason.limitBytes, locale)}, die Obergrenze für eine E-Mail an uns.`
        : `The mail is larger than ${megabytes(reason.limitBytes, locale)}, the limit for a mail to us.`;
    case "unreadable":
      return de ? "Wir konnten die E-Mail nicht lesen; sie ist beschädigt oder unvollständig." : "We could not read the mail; it is damaged or incomplete.";
    case "other":
      return oneLine(reason.text, 500);
  }
}

function advice(reason: MailRejectionReason, locale: Locale): string {
  const de = locale === "de";
  if (reason.code === "too-large") {
    return de
      ? "Bitte senden Sie Ihre Anfrage erneut, ohne große Anhänge oder mit verkleinerten Dateien (etwa als ZIP-Archiv)."
      : "Please send your request again without large attachments, or with smaller files (for example as a ZIP archive).";
  }
  return de ? "Bitte senden Sie Ihre Anfrage erneut." : "Please send your request again.";
}

export function mailRejected(input: MailRejectedInput): RenderedMail {
  const { locale } = input;
  const de = locale === "de";
  const original = input.originalSubject === null ? "" : oneLine(input.originalSubject, 150);
  const blocks: Block[] = [
    greeting(locale),
    original !== ""
      ? de
        ? p("Ihre E-Mail mit dem Betreff ", strong(`„${original}“`), " konnte nicht als Support-Anfrage registriert werden. Es wurde daher kein Ticket mit Ticketnummer (TID) angelegt.")
        : p("Your mail with the subject ", strong(`“${original}”`), " could not be registered as a support request. It did not become a ticket and has no ticket number (TID).")
      : de
        ? p("Ihre E-Mail konnte nicht als Support-Anfrage registriert werden. Es wurde daher kein Ticket mit Ticketnummer (TID) angelegt.")
        : p("Your mail could not be registered as a support request. It did not become a ticket and has no ticket number (TID)."),
    p(strong(de ? "Grund: " : "Reason: "), reasonText(input.reason, locale)),
    p(advice(input.reason, locale)),
  ];
  if (input.portalUrl) {
    blocks.push(
      de
        ? p("Sie können Ihre Anfrage auch auf unserer Website stellen: ", link(input.portalUrl))
        : p("You can also submit your request on our website: ", link(input.portalUrl)),
    );
  }
  blocks.push(
    de
      ? p("Eine Anfrage gilt als angenommen, sobald Sie eine Bestätigung mit Ticketnummer erhalten haben.")
      : p("A request counts as accepted once you have received a confirmation with its ticket number."),
    signOff(locale),
  );
  const subject = de ? "Ihre E-Mail konnte nicht registriert werden" : "Your mail could not be registered";
  return renderMail({
    locale,
    subject: original !== "" ? `${subject}: ${original}` : subject,
    preheader: reasonText(input.reason, locale),
    header: "Support",
    blocks,
    footer: [[de ? "Automatische Nachricht; zu Ihrer E-Mail gibt es kein Ticket." : "Automatic message; there is no ticket for your mail."]],
  });
}
