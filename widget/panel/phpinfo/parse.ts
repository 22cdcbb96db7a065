/**
 * phpinfo() output, HTML (what a control panel's phpinfo.php serves) or text (`php -i`), turned
 * into rows of key and values so that redaction judges each value by its key. Parsing uses
 * DOMParser, which never runs scripts or loads anything from the parsed page.
 */
export type PhpinfoRow =
  | { kind: "section"; title: string }
  | { kind: "entry"; section: string; key: string; values: string[] }
  | { kind: "text"; section: string; text: string };

const clean = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

export function looksLikeHtml(raw: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<table|<div|<h1)/i.test(raw) || /<td class="[ev]"/i.test(raw);
}

export function parsePhpinfo(raw: string): PhpinfoRow[] {
  return looksLikeHtml(raw) ? parseHtml(raw) : parseText(raw);
}

function parseHtml(html: string): PhpinfoRow[] {
  // Inert as DOMParser's document is, Chromium still checks its <style> against the page's CSP
  // and reports a violation; nothing in them matters for the text.
  const body = html.replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, "");
  const doc = new DOMParser().parseFromString(body, "text/html");
  const rows: PhpinfoRow[] = [];
  let section = "";
  for (const el of Array.from(doc.body.querySelectorAll("h1, h2, tr"))) {
    const tag = el.tagName.toLowerCase();
    if (tag === "h1" || tag === "h2") {
      section = clean(el.textContent);
      if (section) rows.push({ kind: "section", title: section });
      continue;
    }
    // A table with the logo and the heading inside it is the version header; its h1 is read above.
    if (el.querySelector("h1, h2")) continue;
    const cells = Array.from(el.children).map((c) => clean(c.textContent));
    if (cells.length >= 2) rows.push({ kind: "entry", section, key: cells[0]!, values: cells.slice(1) });
    else if (cells[0]) rows.push({ kind: "text", section, text: cells[0] });
  }
  return rows;
}

function parseText(text: string): PhpinfoRow[] {
  const rows: PhpinfoRow[] = [];
  let section = "";
  for (const line of text.split(/\r?\n/)) {
    const parts = line.split(" => ");
    if (parts.length >= 2) {
      rows.push({ kind: "entry", section, key: parts[0]!.trim(), values: parts.slice(1).map((v) => v.trim()) });
    } else if (line.trim() && !/\s{2,}/.test(line.trim()) && line.trim().length < 60 && !/[.:]$/.test(line.trim())) {
      section = line.trim();
      rows.push({ kind: "section", title: section });
    } else {
      rows.push({ kind: "text", section, text: line });
    }
  }
  return rows;
}

/** The `php -i` layout support staff know: "key => local => master", blank line around sections. */
export function formatPhpinfo(rows: readonly PhpinfoRow[]): string {
  const out: string[] = [];
  for (const r of rows) {
    if (r.kind === "section") out.push("", r.title, "");
    else if (r.kind === "entry") out.push([r.key, ...r.values].join(" => "));
    else out.push(r.text);
  }
  return out.join("\n").replace(/^\n+/, "").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
