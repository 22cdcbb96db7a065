import type { SlaLevelId } from "../../../shared/sla";
import type { Deps } from "../../deps";
import { acknowledgement } from "../../mail/templates/index";
import type { AckArticle } from "../../mail/templates/acknowledgement";
import type { OutgoingMail } from "./outbox";
import { ticketToken } from "../accounts/signed-links";

/** The notification of SLA 4.4/4.5: the ticket is accepted under its TID and level, and when it is due. */
export function acknowledgementMail(
  deps: Pick<Deps, "config" | "secret">,
  t: {
    tid: string; ticketId: number; email: string; subject: string; level: SlaLevelId; dueAt: Date | null; timeZone: string;
    locale: "en" | "de"; refused: { name: string; reason: string; code?: string }[]; inReplyTo?: string;
    articles?: readonly AckArticle[];
  },
): OutgoingMail {
  const rendered = acknowledgement({
    tid: t.tid, subject: t.subject, levelId: t.level, dueAt: t.dueAt, timeZone: t.timeZone,
    ticketUrl: ticketLink(deps, t.tid), refusedAttachments: t.refused as never, locale: t.locale, articles: t.articles,
  });
  return {
    ticketId: t.ticketId, tid: t.tid, kind: "acknowledgement", to: t.email, inReplyTo: t.inReplyTo,
    subject: rendered.subject, text: rendered.text, html: rendered.html,
  };
}

/**
 * The link in our mail that opens the ticket for its requester without a password: the portal's
 * ticket page (web/portal), which reads the ticket with this token from the API (the API accepts
 * the same `?token=` for programs).
 */
export function ticketLink(deps: Pick<Deps, "config" | "secret">, tid: string): string {
  return `${deps.config.publicUrl}/portal/t/${tid}?token=${ticketToken(deps.secret, tid)}`;
}
