/**
 * A horizontal bar chart in plain SVG: one row per bar with its label and value written beside
 * it, so the numbers are read, not guessed from lengths. The picture has a text alternative that
 * lists every bar; the same numbers are in a table next to it for anyone who wants to compare.
 */
export interface Bar {
  label: string;
  value: number;
  /** What is written at the end of the bar; the value when absent. */
  display?: string;
  tone?: "ok" | "warning" | "breach" | "neutral";
}

const ROW = 28;
const LABEL_W = 190;
const BAR_W = 380;
const VALUE_W = 110;

export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = bars.length * ROW + 4;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.display ?? b.value}`).join("; ")}`;
  return (
    <svg class="chart" viewBox={`0 0 ${LABEL_W + BAR_W + VALUE_W} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      {bars.map((b, i) => {
        const y = i * ROW + 2;
        const w = b.value > 0 ? Math.max(2, (b.value / top) * BAR_W) : 0;
        return (
          <g key={`${b.label}-${i}`} class={`bar tone-${b.tone ?? "neutral"}`}>
            <text x={LABEL_W - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="label">{b.label}</text>
            <rect x={LABEL_W} y={y + 4} width={BAR_W} height={ROW - 8} class="track" />
            <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 8} class="fill" />
            <text x={LABEL_W + BAR_W + 8} y={y + ROW / 2} dominant-baseline="middle" class="value">{b.display ?? String(b.value)}</text>
          </g>
        );
      })}
    </svg>
  );
}
