/**
 * SLA 4.11: missing information delays the solution. The mail says what is missing, that the clock
 * waits for the answer (CONTRACT §5, status pending-client), and how to answer so that it threads.
 */
import { formatTid } from "../../../shared/tid";
import { oneLine, ticketSubject, type Locale } from "./format";
import { p, renderMail, strong, type Block, type RenderedMail } from "./layout";
import { greeting, keepTid, signOff, ticketFooter, ticketHeader } from "./phrases";

export interface RequestInformationInput {
  tid: string;
  subject: string;
  /** Plain text written by staff. */
  body: string;
  /** Short items the client should send, e.g. "the URL of the site". */
  missing?: readonly string[];
  ticketUrl: string;
  locale: Locale;
}

export function requestInformation(input: RequestInformationInput): RenderedMail {
  const { tid, locale } = input;
  const de = locale === "de";
  const missing = (input.missing ?? []).map((item) => oneLine(item, 300)).filter((item) => item !== "");
  const blocks: Block[] = [
    greeting(locale),
    de
      ? p("um Ihr Ticket ", strong(formatTid(tid)), " weiter bearbeiten zu können, benötigen wir weitere Informationen von Ihnen.")
      : p("To continue with your ticket ", strong(formatTid(tid)), ", we need more information from you."),
  ];
  if (input.body.trim() !== "") blocks.push({ kind: "message", text: input.body });
  if (missing.length > 0) {
    blocks.push(p(de ? "Bitte senden Sie uns:" : "Please send us:"), { kind: "list", items: missing.map((item) => [item]) });
  }
  blocks.push(
    {
      kind: "note",
      tone: "info",
      blocks: [
        de
          ? p("Bis Ihre Antwort eintrifft, ist die Antwortfrist dieses Tickets angehalten. Sie läuft weiter, sobald Ihre Antwort bei uns eingeht.")
          : p("Until your answer arrives, the response time of this ticket is paused. It resumes as soon as we receive your answer."),
      ],
    },
    de ? p("Bitte antworten Sie direkt auf diese E-Mail.") : p("Please reply directly to this mail."),
    keepTid(tid, locale),
    { kind: "button", href: input.ticketUrl, label: de ? "Ticket ansehen" : "View your ticket" },
    signOff(locale),
  );
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale, de ? "Rückfrage" : "Information needed"),
    preheader: de ? `Wir benötigen weitere Informationen zu ${formatTid(tid)}.` : `We need more information about ${formatTid(tid)}.`,
    header: ticketHeader(tid),
    blocks,
    footer: ticketFooter(tid, locale),
  });
}
