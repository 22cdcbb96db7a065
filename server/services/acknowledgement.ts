import { SLA_LEVELS, type SlaLevelId } from "../../shared/sla";
import { formatTid, subjectTag } from "../../shared/tid";
import type { Deps } from "../deps";
import type { OutgoingMail } from "./outbox";
import { ticketToken } from "./signed-links";

/**
 * The notification of SLA 4.4/4.5: the ticket is accepted, here is its TID and level. The mail
 * channel (issue 5) replaces this plain text with the full bilingual templates.
 */
export function acknowledgementMail(
  deps: Pick<Deps, "config" | "secret">,
  t: {
    tid: string; ticketId: number; email: string; subject: string; level: SlaLevelId; dueAt: Date | null; timeZone: string;
    locale: "en" | "de"; refused: { name: string; reason: string }[]; inReplyTo?: string;
  },
): OutgoingMail {
  const level = SLA_LEVELS[t.level];
  const due = t.dueAt ? formatter(t.timeZone).format(t.dueAt) : "when the ticket is back in our queue";
  const link = `${deps.config.publicUrl}/api/v1/tickets/${t.tid}?token=${ticketToken(deps.secret, t.tid)}`;
  return {
    ticketId: t.ticketId,
    tid: t.tid,
    kind: "acknowledgement",
    inReplyTo: t.inReplyTo,
    to: t.email,
    subject: `${subjectTag(t.tid)} ${t.subject}`,
    text: [
      `We have received your support request and registered it as ${formatTid(t.tid)}.`,
      ``,
      `Service level: ${level.labelEn}`,
      `You will have our response by ${due} at the latest.`,
      ``,
      `Please keep ${subjectTag(t.tid)} in the subject of every reply, so that it is added to this ticket.`,
      `Follow the ticket here: ${link}`,
    ].join("\n"),
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Building a DateTimeFormat costs more than the rest of the mail; keep one per zone. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" });
    formatters.set(timeZone, f);
  }
  return f;
}
