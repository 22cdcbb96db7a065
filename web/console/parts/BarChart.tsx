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
const BAR_W = 360;
/** Roughly the advance of a 13 px system-ui character; the SVG is drawn at its natural size. */
const CHAR_W = 7.4;
/** The values are bold, so wider. */
const BOLD_W = 8.6;
const widthOf = (texts: string[], min: number, max: number, w = CHAR_W) => Math.round(Math.min(max, Math.max(min, ...texts.map((s) => s.length * w + 14))));

export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = bars.length * ROW + 4;
  const LABEL_W = widthOf(bars.map((b) => b.label), 48, 280);
  const VALUE_W = widthOf(bars.map((b) => b.display ?? String(b.value)), 40, 360, BOLD_W);
  const width = LABEL_W + BAR_W + VALUE_W;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.display ?? b.value}`).join("; ")}`;
  return (
    <svg class="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
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
