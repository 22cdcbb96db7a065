/**
 * Time left to the response target and to the maximum, with the state in words and a symbol
 * beside the colour: "in 3 h", "⚠ Past target, 1 h ago", "✖ Breached, 2 h ago", "‖ Paused".
 * The exact instant is in the <time> element (and its tooltip) for whoever needs it.
 */
import type { ClockState } from "../clock";
import { formatSpan, formatWhen } from "../clock";
import { useConsole } from "../context";

export function DueText({ c, which, long = false }: { c: ClockState; which: "target" | "maximum"; long?: boolean }) {
  const { t, locale } = useConsole();
  const span = (ms: number) => formatSpan(ms, t.units, locale);
  switch (c.kind) {
    case "answered":
      return (
        <span class="due due-answered" title={formatWhen(c.at, locale)}>
          <span aria-hidden="true">✓ </span>{long ? t.clock.answered(formatWhen(c.at, locale)) : t.clock.answeredShort}
        </span>
      );
    case "done":
      return <span class="due due-done">{t.clock.done}</span>;
    case "paused":
      return <span class="due due-paused"><span aria-hidden="true">‖ </span>{long ? t.clock.paused : t.clock.pausedShort}</span>;
    case "none":
      return <span class="due">{t.clock.none}</span>;
    case "running": {
      const iso = which === "target" ? c.targetAt : c.dueAt;
      const left = which === "target" ? c.toTarget : c.toDue;
      if (!iso || left === null) return <span class="due">—</span>;
      const when = formatWhen(iso, locale);
      const time = (label: string) => <time dateTime={iso} title={when}>{long ? `${when} (${label})` : label}</time>;
      if (left > 0) {
        const near = which === "maximum" && c.level !== "ok";
        return <span class={`due ${near ? "due-warning" : "due-ok"}`}>{time(t.clock.in(span(left)))}</span>;
      }
      if (which === "target") return <span class="due due-warning"><span aria-hidden="true">⚠ </span>{t.clock.warning}, {time(t.clock.ago(span(left)))}</span>;
      return <span class="due due-breach"><span aria-hidden="true">✖ </span>{t.clock.breach}, {time(t.clock.ago(span(left)))}</span>;
    }
  }
}
