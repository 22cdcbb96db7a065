/** The ticket's audit trail: every change with who and when, oldest first. */
import type { TicketEvent } from "../api";
import { formatDay, formatWhen } from "../clock";
import { useConsole } from "../context";
import { actorText, levelText, statusText } from "../format";
import type { ConsoleTexts } from "../i18n";

export function History({ events }: { events: TicketEvent[] | null }) {
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
              <strong>{(t.events.types as Record<string, string>)[e.type] ?? e.type}</strong>{" "}
              <span class="actor">{t.events.by(actorText(t, e.actor))}</span>
              <EventDetail e={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function EventDetail({ e }: { e: TicketEvent }) {
  const { t, lang, locale } = useConsole();
  const d = e.data ?? {};
  const str = (k: string) => (typeof d[k] === "string" && d[k] !== "" ? (d[k] as string) : null);
  const parts: string[] = [];
  const from = str("from");
  const to = str("to");
  if (e.type === "status-changed" || e.type === "reopened") {
    if (from && to) parts.push(`${statusText(t, from)} → ${statusText(t, to)}`);
  } else if (e.type === "level-changed" || e.type === "handed-to-development") {
    if (from && to) parts.push(`${levelText(from, lang)} → ${levelText(to, lang)}`);
    if (str("targetVersion")) parts.push(t.events.targetVersion(str("targetVersion")!));
    if (str("override")) parts.push(t.events.handOverOverride);
  } else if (e.type === "assigned") {
    parts.push(to ? t.events.assignedTo(to) : t.events.unassigned);
  } else if (e.type === "sla-recomputed") {
    parts.push(...recomputedParts(t, locale, d));
  }
  if (str("reason")) parts.push(t.events.reason(str("reason")!));
  if (str("label")) parts.push(str("label")!);
  if (parts.length === 0) return null;
  return <span class="detail"> · {parts.join(" · ")}</span>;
}

/** The calendar change that moved the due time, the move, and any alert it withdrew. */
function recomputedParts(t: ConsoleTexts, locale: string, d: Record<string, unknown>): string[] {
  const str = (k: string) => (typeof d[k] === "string" && d[k] !== "" ? (d[k] as string) : null);
  const when = (k: string) => (str(k) ? formatWhen(str(k)!, locale) : t.events.noDue);
  const name = str("name");
  const date = str("date");
  const [startsAt, endsAt] = [str("startsAt"), str("endsAt")];
  const what = date ? `${name}, ${formatDay(date, locale)}`
    : startsAt && endsAt ? `${name}, ${formatWhen(startsAt, locale)} – ${formatWhen(endsAt, locale)}`
    : null;
  const parts: string[] = [];
  const cause = str("cause");
  if (cause) {
    const said = t.events.calendarCauses[cause] ?? cause;
    parts.push(what ? `${said}: ${what}` : said);
  }
  parts.push(t.events.dueMoved(when("previousDueAt"), when("responseDueAt")));
  for (const w of Array.isArray(d.withdrawn) ? d.withdrawn : []) {
    if (typeof w === "string") parts.push(t.events.withdrawn[w] ?? w);
  }
  return parts;
}
