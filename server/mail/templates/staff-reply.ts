/** A staff member's answer. The body is theirs, as written; the frame around it only says how to answer. */
import { formatTid } from "../../../shared/tid";
import { oneLine, ticketSubject, type Locale } from "./format";
import { p, renderMail, strong, type RenderedMail } from "./layout";
import { keepTid, ticketFooter, ticketHeader } from "./phrases";

export interface StaffReplyInput {
  tid: string;
  subject: string;
  /** Plain text written by staff; URLs in it are linked in the HTML alternative. */
  body: string;
  agentName: string;
  ticketUrl: string;
  locale: Locale;
}

export function staffReply(input: StaffReplyInput): RenderedMail {
  const { tid, locale } = input;
  const agent = oneLine(input.agentName, 100) || (locale === "de" ? "Unser Support-Team" : "Our support team");
  const de = locale === "de";
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale),
    preheader: de ? `${agent} hat auf Ihr Ticket ${formatTid(tid)} geantwortet.` : `${agent} has replied to your ticket ${formatTid(tid)}.`,
    header: ticketHeader(tid),
    blocks: [
      de
        ? p(strong(agent), " hat auf Ihr Ticket ", strong(formatTid(tid)), " geantwortet:")
        : p(strong(agent), " has replied to your ticket ", strong(formatTid(tid)), ":"),
      { kind: "message", text: input.body },
      de ? p("Sie können einfach auf diese E-Mail antworten.") : p("To answer, simply reply to this mail."),
      keepTid(tid, locale),
      { kind: "button", href: input.ticketUrl, label: de ? "Gesamten Verlauf ansehen" : "View the whole conversation" },
    ],
    footer: ticketFooter(tid, locale),
  });
}
