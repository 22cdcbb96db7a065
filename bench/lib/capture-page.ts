/**
 * The page the capture benchmark draws: 5,000 elements styled like a Tailwind v4 dashboard (a
 * theme of oklch variables, color-mix() tints, shadows and rings of mixed colours). `colour` maps
 * each colour expression: unchanged for our side; to the rgb() Chromium paints it for the
 * baseline's twin page, which html2canvas alone can draw. Both pages are otherwise identical.
 */
export const ELEMENTS_PER_CARD = 20;

const HUES = [25, 55, 80, 150, 185, 260, 275, 295, 350];

/** Every colour expression the page uses, by variable name. */
export function palette(): Record<string, string> {
  const out: Record<string, string> = {};
  HUES.forEach((h, i) => {
    out[`c${i}-100`] = `oklch(0.94 0.04 ${h})`;
    out[`c${i}-500`] = `oklch(0.62 0.19 ${h})`;
    out[`c${i}-800`] = `oklch(0.42 0.15 ${h})`;
    out[`c${i}-tint`] = `color-mix(in oklab, oklch(0.62 0.19 ${h}) 20%, transparent)`;
    out[`c${i}-ring`] = `color-mix(in oklab, oklch(0.62 0.19 ${h}) 50%, white)`;
  });
  out.surface = "light-dark(oklch(1 0 0), oklch(0.21 0.01 260))";
  out.page = "color-mix(in srgb, oklch(1 0 0) 96%, oklch(0.55 0.02 260))";
  out.border = "color-mix(in oklab, oklch(0.55 0.02 260) 25%, transparent)";
  out.shadow = "color-mix(in oklab, oklch(0 0 0) 10%, transparent)";
  out.ink = "oklch(0.28 0.03 260)";
  return out;
}

export function capturePage(elements: number, colour: (expr: string) => string, script: string): string {
  const vars = Object.entries(palette()).map(([k, v]) => `--${k}: ${colour(v)};`).join("\n");
  const css = `
:root { color-scheme: light dark; ${vars} }
body { margin: 0; font: 14px/1.5 sans-serif; background: var(--page); color: var(--ink); }
.grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; padding: 16px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 12px; box-shadow: 0 1px 3px 0 var(--shadow), 0 1px 2px -1px var(--shadow); }
.card h3 { margin: 0 0 4px; font-size: 15px; }
.badge { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 999px; border: 1px solid; font-size: 12px; }
.btn { display: inline-block; padding: 2px 10px; border-radius: 6px; color: white; box-shadow: 0 0 0 2px var(--ring); }
.bar { height: 6px; border-radius: 3px; margin: 6px 0; }
ul { margin: 4px 0; padding-left: 18px; }
${HUES.map((_, i) => `.h${i} { --ring: var(--c${i}-ring); } .h${i} h3, .h${i} li { color: var(--c${i}-800); } .h${i} .badge { background: var(--c${i}-tint); border-color: var(--c${i}-500); color: var(--c${i}-800); } .h${i} .btn { background: var(--c${i}-500); } .h${i} .bar { background: linear-gradient(to right, var(--c${i}-500), var(--c${i}-100)); }`).join("\n")}
`;
  const card = (n: number) => `<div class="card h${n % HUES.length}"><h3>Queue ${n}</h3><p>Open tickets <b>${n % 37}</b>, waiting <i>${n % 11}</i>.</p>` +
    `<span class="badge">SLA</span><span class="badge">urgent</span><span class="badge">${n}</span>` +
    `<div class="bar"></div><ul><li>First reply</li><li>Resolution</li><li>Escalations</li></ul>` +
    `<p><a class="btn" href="#">Open</a> <small>updated <time>${n} min</time> ago</small></p>` +
    `<footer><span>Team ${n % 5}</span> <span>EU</span></footer></div>`;
  const cards = Array.from({ length: Math.ceil(elements / ELEMENTS_PER_CARD) }, (_, i) => card(i)).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>capture bench</title><style>${css}</style></head>` +
    `<body><div class="grid">${cards}</div>${script}</body></html>`;
}
