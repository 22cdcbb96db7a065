/**
 * phpinfo() output (SLA 4.8) as sections of key/value rows, for the console's searchable table.
 * Takes the HTML page (h2 section titles, tables of td.e / td.v cells) or the CLI text form
 * ("key => value => master"). Tolerant: unknown markup is skipped, never executed or kept as HTML.
 */
export interface PhpinfoRow { key: string; value: string; master?: string }
export interface PhpinfoSection { name: string; rows: PhpinfoRow[] }

const MAX_ROWS = 5000;

export function parsePhpinfo(input: string): PhpinfoSection[] {
  return /<t[dr][\s>]/i.test(input) ? parseHtml(input) : parseText(input);
}

function parseHtml(html: string): PhpinfoSection[] {
  const sections: PhpinfoSection[] = [];
  let current: PhpinfoSection = { name: "General", rows: [] };
  let total = 0;
  const token = /<h[12][^>]*>([\s\S]*?)<\/h[12]>|<tr[^>]*>([\s\S]*?)<\/tr>/gi;
  for (const m of html.matchAll(token)) {
    if (m[1] !== undefined) {
      if (current.rows.length) sections.push(current);
      current = { name: text(m[1]) || "Section", rows: [] };
      continue;
    }
    const cells = [...m[2]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => text(c[1]!));
    if (cells.length < 2 || total >= MAX_ROWS || isColumnHeading(cells)) continue;
    current.rows.push(cells.length >= 3 ? { key: cells[0]!, value: cells[1]!, master: cells[2]! } : { key: cells[0]!, value: cells[1]! });
    total++;
  }
  if (current.rows.length) sections.push(current);
  return sections;
}

/**
 * phpinfo's own heading of a table ("Directive => Local Value => Master Value", "Variable =>
 * Value"): the reader's table has its own header row, so it is no setting and not kept as one.
 */
function isColumnHeading(cells: string[]): boolean {
  return /^(directive|variable)$/i.test(cells[0]!.trim()) && /^(local value|value)$/i.test(cells[1]!.trim());
}

function parseText(input: string): PhpinfoSection[] {
  const sections: PhpinfoSection[] = [];
  let current: PhpinfoSection = { name: "General", rows: [] };
  let total = 0;
  for (const raw of input.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(/\s=>\s/);
    if (parts.length >= 2 && isColumnHeading(parts)) continue;
    if (parts.length >= 2) {
      if (total++ >= MAX_ROWS) break;
      current.rows.push(parts.length >= 3 ? { key: parts[0]!, value: parts[1]!, master: parts.slice(2).join(" => ") } : { key: parts[0]!, value: parts[1]! });
    } else if (!/^(directive|variable)\b/i.test(line) && line.length < 80) {
      if (current.rows.length) sections.push(current);
      current = { name: line, rows: [] };
    }
  }
  if (current.rows.length) sections.push(current);
  return sections;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " ", apos: "'" };

/** Visible text of an HTML fragment: tags dropped, entities decoded, white space folded. */
function text(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 4000);
}
