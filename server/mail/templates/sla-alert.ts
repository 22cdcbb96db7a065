/**
 * For staff: a ticket's response is about to be due (warning) or overdue (breach). Urgent tickets
 * (site recovery, SLA 2.2) say so first, in the subject, because they jump the queue.
 */
import type { SlaLevelId } from "../../../shared/sla";
import { formatTid } from "../../../shared/tid";
import { cleanSubject, formatDateTime, ticketSubject, type Locale } from "./format";
import { p, renderMail, strong, type Block, type RenderedMail } from "./layout";
import { levelInWords } from "./phrases";

export interface SlaAlertInput {
  tid: string;
  subject: string;
  kind: "warning" | "breach";
  levelId: SlaLevelId;
  /** The response due time the alert is about (future for a warning, past for a breach). */
  at: Date;
  timeZone: string;
  /** The ticket in the staff console. */
  ticketUrl: string;
  urgent: boolean;
  locale: Locale;
}

export function slaAlert(input: SlaAlertInput): RenderedMail {
  const { tid, locale, kind } = input;
  const de = locale === "de";
  const at = formatDateTime(input.at, input.timeZone, locale);
  const what = de ? (kind === "breach" ? "SLA verletzt" : "SLA-Warnung") : kind === "breach" ? "SLA breached" : "SLA warning";
  const prefix = input.urgent ? (de ? `DRINGEND, ${what}` : `URGENT, ${what}`) : what;
  const blocks: Block[] = [
    kind === "breach"
      ? de
        ? p("Die Antwort auf Ticket ", strong(formatTid(tid)), ` war am ${at} fällig und ist jetzt überfällig.`)
        : p("The response to ticket ", strong(formatTid(tid)), ` was due by ${at} and is now overdue.`)
      : de
        ? p("Die Antwort auf Ticket ", strong(formatTid(tid)), ` ist spätestens am ${at} fällig.`)
        : p("The response to ticket ", strong(formatTid(tid)), ` is due by ${at}.`),
  ];
  if (input.urgent) {
    blocks.push({
      kind: "note",
      tone: "warning",
      blocks: [
        de
          ? p(strong("Dringend:"), " Wiederherstellung einer Website. Dieses Ticket geht allen anderen in der Warteschlange vor.")
          : p(strong("Urgent:"), " site recovery. This ticket comes before all others in the queue."),
      ],
    });
  }
  blocks.push(
    {
      kind: "facts",
      rows: [
        [de ? "Ticket" : "Ticket", [formatTid(tid)]],
        [de ? "Betreff" : "Subject", [cleanSubject(input.subject, locale)]],
        [de ? "Service-Level" : "Service level", [levelInWords(input.levelId, locale)]],
        [de ? "Fällig" : "Due", [at]],
      ],
    },
    { kind: "button", href: input.ticketUrl, label: de ? "In der Konsole öffnen" : "Open in the console" },
  );
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale, prefix),
    preheader: `${what}: ${formatTid(tid)}, ${at}`,
    header: `${de ? "SLA-Überwachung" : "SLA watch"} · ${formatTid(tid)}`,
    blocks,
    footer: [[de ? "Automatische Nachricht der SLA-Überwachung an das Support-Team." : "Automatic notice from the SLA watch to the support team."]],
  });
}
