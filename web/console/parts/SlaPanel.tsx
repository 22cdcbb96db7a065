/** The SLA of the ticket: level, the two times, and the trace of how the due time was reached. */
import type { SlaExplanation, TicketView } from "../api";
import { clockState, formatWhen } from "../clock";
import { useConsole } from "../context";
import { levelText } from "../format";
import { DueText } from "./Due";

export function SlaPanel({ ticket, sla }: { ticket: TicketView; sla: SlaExplanation | null }) {
  const { t, lang, locale, now } = useConsole();
  const c = clockState(ticket, now());
  const started = ticket.slaStartedAt ?? sla?.startedAt;
  return (
    <section class="panel sla" aria-labelledby="sla-title">
      <h2 id="sla-title">{t.sla.title}</h2>
      <dl class="facts">
        <div><dt>{t.sla.level}</dt><dd>{levelText(ticket.slaLevel, lang)}</dd></div>
        {/* The ticket's own start first: after a hand-over it is the hand-over, before the trace reloads. */}
        {started && <div><dt>{t.sla.started}</dt><dd data-testid="sla-started"><time dateTime={started}>{formatWhen(started, locale)}</time></dd></div>}
        <div><dt>{t.sla.target}</dt><dd data-testid="sla-target"><DueText c={c} which="target" long /></dd></div>
        <div><dt>{t.sla.maximum}</dt><dd data-testid="sla-due"><DueText c={c} which="maximum" long /></dd></div>
      </dl>
      {sla && sla.trace.length > 0 && (
        <details class="trace">
          <summary>{t.sla.trace}</summary>
          <ol>
            {sla.trace.map((line, i) => <li key={i}>{line}</li>)}
          </ol>
        </details>
      )}
    </section>
  );
}
