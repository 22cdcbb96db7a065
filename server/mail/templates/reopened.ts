/** A resolved ticket is open again (a reply within the reopen period, or the client reopened it). */
import { formatTid } from "../../../shared/tid";
import { ticketSubject, type Locale } from "./format";
import { p, renderMail, strong, type RenderedMail } from "./layout";
import { dueInWords, greeting, keepTid, signOff, ticketFooter, ticketHeader } from "./phrases";

export interface ReopenedInput {
  tid: string;
  subject: string;
  /** Null while the clock is paused. */
  dueAt: Date | null;
  timeZone: string;
  ticketUrl: string;
  locale: Locale;
}

export function reopened(input: ReopenedInput): RenderedMail {
  const { tid, locale } = input;
  const de = locale === "de";
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale, de ? "Wieder geöffnet" : "Reopened"),
    preheader: de ? `Ihr Ticket ${formatTid(tid)} ist wieder geöffnet.` : `Your ticket ${formatTid(tid)} is open again.`,
    header: ticketHeader(tid),
    blocks: [
      greeting(locale),
      de
        ? p("Ihr Ticket ", strong(formatTid(tid)), " ist wieder geöffnet; wir bearbeiten es weiter.")
        : p("Your ticket ", strong(formatTid(tid)), " is open again, and we are working on it."),
      { kind: "facts", rows: [[de ? "Antwort fällig" : "Response due", [dueInWords(input.dueAt, input.timeZone, locale)]]] },
      keepTid(tid, locale),
      { kind: "button", href: input.ticketUrl, label: de ? "Ticket ansehen" : "View your ticket" },
      signOff(locale),
    ],
    footer: ticketFooter(tid, locale),
  });
}
