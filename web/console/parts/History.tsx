/** The ticket's audit trail: every change with who and when, oldest first. */
import type { TicketEventData, TicketEventView } from "../../../shared/events";
import { formatDay, formatWhen } from "../clock";
import { useConsole } from "../context";
import { actorText, levelText, statusText } from "../format";
import type { ConsoleTexts, Lang } from "../i18n";

export function History({ events }: { events: TicketEventView[] | null }) {
  const { t, locale } = useConsole();
  return (
    <section class="panel history" aria-labelledby="history-title">
      <h2 id="history-title">{t.events.title}</h2>
      {!events && <p>{t.loading}</p>}
      {events && events.length === 0 && <p>{t.events.none}</p>}
      {events && events.length > 0 && (
        <ol class="events">
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatWhen(e.at, locale)}</time>{" "}
              {/* A type this console does not know yet (a newer server) shows as it is stored. */}
              <strong>{(t.events.types as Partial<Record<string, string>>)[e.type] ?? e.type}</strong>{" "}
              <span class="actor">{t.events.by(actorText(t, e.actor))}</span>
              <EventDetail e={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A text worth showing: rows written by older versions may hold an empty string or nothing. */
const shown = (v: unknown): v is string => typeof v === "string" && v !== "";

function EventDetail({ e }: { e: TicketEventView }) {
  const { t, lang, locale } = useConsole();
  const parts = typeParts(t, lang, locale, e);
  // Whatever the type, a reason (status and level changes, escalations, retried mail) and a
  // label (handed-over logins) are shown.
  const { reason, label } = e.data as { reason?: unknown; label?: unknown };
  if (shown(reason)) parts.push(t.events.reason(reason));
  if (shown(label)) parts.push(label);
  if (parts.length === 0) return null;
  return <span class="detail"> · {parts.join(" · ")}</span>;
}

function typeParts(t: ConsoleTexts, lang: Lang, locale: string, e: TicketEventView): string[] {
  switch (e.type) {
    case "status-changed":
    case "reopened":
      return shown(e.data.from) && shown(e.data.to) ? [`${statusText(t, e.data.from)} → ${statusText(t, e.data.to)}`] : [];
    case "level-changed":
    case "handed-to-development": {
      const { from, to, targetVersion, override } = e.data;
      return [
        ...(shown(from) && shown(to) ? [`${levelText(from, lang)} → ${levelText(to, lang)}`] : []),
        ...(shown(targetVersion) ? [t.events.targetVersion(targetVersion)] : []),
        ...(shown(override) ? [t.events.handOverOverride] : []),
      ];
    }
    case "assigned":
      return [shown(e.data.to) ? t.events.assignedTo(e.data.to) : t.events.unassigned];
    case "sla-recomputed":
      return recomputedParts(t, locale, e.data);
    default:
      return [];
  }
}

/** The calendar change that moved the due time, the move, and any alert it withdrew. */
function recomputedParts(t: ConsoleTexts, locale: string, d: TicketEventData<"sla-recomputed">): string[] {
  const when = (at: string | null) => (shown(at) ? formatWhen(at, locale) : t.events.noDue);
  const what = "date" in d && shown(d.date) ? `${d.name}, ${formatDay(d.date, locale)}`
    : "startsAt" in d && shown(d.startsAt) && shown(d.endsAt) ? `${d.name}, ${formatWhen(d.startsAt, locale)} – ${formatWhen(d.endsAt, locale)}`
    : null;
  const parts: string[] = [];
  if (shown(d.cause)) {
    const said = t.events.calendarCauses[d.cause] ?? d.cause;
    parts.push(what ? `${said}: ${what}` : said);
  }
  parts.push(t.events.dueMoved(when(d.previousDueAt), when(d.responseDueAt)));
  for (const w of Array.isArray(d.withdrawn) ? d.withdrawn : []) {
    if (shown(w)) parts.push(t.events.withdrawn[w] ?? w);
  }
  return parts;
}
