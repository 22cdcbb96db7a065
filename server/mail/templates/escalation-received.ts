/** SLA 5: the client wrote to the support supervisor or their account manager about a ticket; we confirm. */
import { formatTid } from "../../../shared/tid";
import { ticketSubject, type Locale } from "./format";
import { p, renderMail, strong, type RenderedMail } from "./layout";
import { greeting, keepTid, signOff, ticketFooter, ticketHeader } from "./phrases";
import type { EscalationTarget } from "../../../shared/roles";

export type { EscalationTarget };

export interface EscalationReceivedInput {
  tid: string;
  subject: string;
  to: EscalationTarget;
  ticketUrl: string;
  locale: Locale;
}

const WHO = {
  en: { supervisor: ["the support supervisor", "The support supervisor"], "account-manager": ["your account manager", "Your account manager"] },
  de: { supervisor: ["die Support-Leitung", "Die Support-Leitung"], "account-manager": ["Ihren Account-Manager", "Ihr Account-Manager"] },
} as const;

export function escalationReceived(input: EscalationReceivedInput): RenderedMail {
  const { tid, locale } = input;
  const de = locale === "de";
  const [whom, who] = WHO[locale][input.to];
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale, de ? "Eskalation erhalten" : "Escalation received"),
    preheader: de ? `Ihre Nachricht zu ${formatTid(tid)} ist angekommen.` : `Your message about ${formatTid(tid)} has arrived.`,
    header: ticketHeader(tid),
    blocks: [
      greeting(locale),
      de
        ? p(`wir haben Ihre Nachricht an ${whom} zu Ticket `, strong(formatTid(tid)), " erhalten und weitergeleitet.")
        : p(`We have received your message to ${whom} about ticket `, strong(formatTid(tid)), " and passed it on."),
      de
        ? p(`${who} sieht sich das Ticket an und meldet sich bei Ihnen. Ihr Ticket wird in der Zwischenzeit weiter bearbeitet; seine Antwortfrist bleibt bestehen.`)
        : p(`${who} will look into the ticket and get back to you. Meanwhile, work on your ticket continues and its response time still applies.`),
      keepTid(tid, locale),
      { kind: "button", href: input.ticketUrl, label: de ? "Ticket ansehen" : "View your ticket" },
      signOff(locale),
    ],
    footer: ticketFooter(tid, locale),
  });
}
