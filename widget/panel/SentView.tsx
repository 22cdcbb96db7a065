/** After success: the TID, the SLA level and when the answer is due, in words (SLA 4.4, 4.5). */
import { SLA_LEVELS, isSlaLevelId } from "../../shared/sla";
import { formatTid } from "../../shared/tid";
import type { WidgetTexts } from "../../shared/i18n/widget";
import type { TicketCreated } from "../../shared/api/tickets";
import { formatDue } from "../../ui/due";

interface Props {
  t: WidgetTexts;
  ticket: TicketCreated;
  email: string;
  urgent: boolean;
  locale: string;
  now: Date;
}

export function SentView({ t, ticket, email, urgent, locale, now }: Props) {
  const level = isSlaLevelId(ticket.slaLevel) ? SLA_LEVELS[ticket.slaLevel] : null;
  const levelText = level ? (t.locale === "de" ? level.labelDe : level.labelEn) : ticket.slaLevel;
  const dueIso = ticket.responseDueAt ?? ticket.responseTargetAt;
  const due = dueIso ? formatDue(dueIso, locale, now) : null;
  return (
    <div class="sent">
      <h3>{t.sentTitle}</h3>
      <dl>
        <dt>{t.sentTid}</dt>
        <dd><span class="tid">{formatTid(ticket.tid)}</span></dd>
        <dt>{t.sentLevel}</dt>
        <dd>{levelText}</dd>
      </dl>
      <p>{due ? t.sentDue(due.when, due.relative) : t.sentNoDue}</p>
      {urgent && <p>{t.sentUrgent}</p>}
      <p>{t.sentMail(email)}</p>
    </div>
  );
}
