import { fold, words } from "./words";

const WINDOW = 28;
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A short passage of the article's plain text around the most matched words, HTML-escaped, with the
 * matches in <mark>. A word matches when its folded form starts with one of the query's stems
 * (stems are prefixes of the words they come from, "certif" of "certificates").
 */
export function snippet(text: string, stems: readonly string[], locale: "en" | "de"): string {
  const tokens = text.split(/(\s+)/).filter((t) => t.length > 0 && !/^\s+$/.test(t));
  const useful = stems.filter((s) => s.length >= 3);
  const hit = tokens.map((t) => words(fold(t, locale)).some((w) => useful.some((s) => w.startsWith(s))));
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < Math.max(1, tokens.length - WINDOW + 1); i++) {
    const count = new Set(tokens.slice(i, i + WINDOW).filter((_, j) => hit[i + j]).map((t) => fold(t, locale))).size;
    if (count > bestCount) { best = i; bestCount = count; }
  }
  // Begin a little before the window's first match, so the passage reads from a word of context.
  const firstHit = hit.indexOf(true, best);
  const start = bestCount > 0 ? Math.max(0, firstHit - 3) : 0;
  const part = tokens.slice(start, start + WINDOW).map((t, j) => (hit[start + j] ? `<mark>${escape(t)}</mark>` : escape(t)));
  return `${start > 0 ? "… " : ""}${part.join(" ")}${start + WINDOW < tokens.length ? " …" : ""}`;
}
