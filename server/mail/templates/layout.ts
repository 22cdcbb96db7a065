/**
 * One description of a mail, two renderings: a template lists blocks once and gets the plain-text
 * and the HTML alternative from them, so the two cannot say different things.
 *
 * What must stay true of the HTML: every string that is not a literal of a template goes through
 * `escapeHtml`; every href is an absolute http(s) URL (anything else is shown as text, never linked);
 * styles are inline (many mail clients drop <style>); layout is tables (Outlook ignores most CSS).
 */
import type { Locale } from "./format";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Inline content: plain text (newlines become line breaks), bold text, or a link. */
export type Inline = string | { strong: string } | { href: string; label?: string };

export type Block =
  | { kind: "p"; parts: Inline[] }
  | { kind: "heading"; text: string }
  | { kind: "list"; items: Inline[][] }
  | { kind: "facts"; rows: [label: string, value: Inline[]][] }
  | { kind: "button"; href: string; label: string }
  /** Text written by a person (a staff reply): kept as written, URLs linked in HTML. */
  | { kind: "message"; text: string }
  | { kind: "note"; tone: "info" | "warning"; blocks: Block[] };

export const p = (...parts: Inline[]): Block => ({ kind: "p", parts });
export const strong = (text: string): Inline => ({ strong: text });
export const link = (href: string, label?: string): Inline => (label === undefined ? { href } : { href, label });

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The URL to put in an href, or null when it is not an absolute http(s) URL (javascript:, data:, relative). */
export function safeHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
}

// Stops at whitespace and at characters that cannot be part of a URL written in running text.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** Drops what usually follows a URL in a sentence: a full stop, a comma, a closing bracket not opened in it. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1);
    if (last === undefined) return url;
    if (".,;:!?*".includes(last)) url = url.slice(0, -1);
    else if (last === ")" && count(url, "(") < count(url, ")")) url = url.slice(0, -1);
    else if (last === "]" && count(url, "[") < count(url, "]")) url = url.slice(0, -1);
    else return url;
  }
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}

/** Escapes a line of plain text and links the http(s) URLs in it; nothing else becomes markup. */
export function linkifyLine(line: string): string {
  let html = "";
  let at = 0;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(m[0]);
    const href = safeHref(url);
    if (!href || !/^https?:\/\/[^/?#]/i.test(url)) continue;
    html += escapeHtml(line.slice(at, m.index)) + anchor(href, escapeHtml(url));
    at = m.index + url.length;
  }
  return html + escapeHtml(line.slice(at));
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const LINK_STYLE = "color:#1d4ed8;text-decoration:underline;";

function anchor(href: string, labelHtml: string): string {
  return `<a href="${escapeHtml(href)}" style="${LINK_STYLE}">${labelHtml}</a>`;
}

function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return textToHtml(part);
      if ("strong" in part) return `<strong>${textToHtml(part.strong)}</strong>`;
      const href = safeHref(part.href);
      const label = textToHtml(part.label ?? part.href);
      return href ? anchor(href, label) : label;
    })
    .join("");
}

function inlineText(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if ("strong" in part) return part.strong;
      const href = safeHref(part.href);
      if (!href || part.label === undefined || part.label === part.href) return part.label ?? part.href;
      // Angle brackets delimit a URL in running text (RFC 3986, appendix C) for every auto-linker.
      return `${part.label} <${href}>`;
    })
    .join("");
}

/** A person's text without surrounding blank lines; the first line keeps its indentation. */
function personText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}

/** Paragraphs of a person's text: blank lines separate them, single newlines stay line breaks. */
function messageHtml(text: string): string {
  const paragraphs = personText(text).split(/\n[ \t]*\n+/);
  return paragraphs
    .map((para) => {
      const lines = para.split("\n").map((line) => {
        // Keeps the indentation of code or quoted lines, which HTML would otherwise collapse.
        const indent = /^[ \t]*/.exec(line)![0];
        const nbsp = indent.replace(/\t/g, "    ").replace(/ /g, "&nbsp;");
        return nbsp + linkifyLine(line.slice(indent.length));
      });
      return `<p style="margin:0 0 12px;">${lines.join("<br>")}</p>`;
    })
    .join("");
}

const NOTE_COLOURS = {
  info: { background: "#eff6ff", border: "#60a5fa" },
  warning: { background: "#fff7ed", border: "#ea580c" },
} as const;

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "p":
      return `<p style="margin:0 0 16px;">${inlineHtml(block.parts)}</p>`;
    case "heading":
      return `<h2 style="margin:24px 0 8px;font-size:17px;line-height:1.3;font-weight:600;color:#111827;">${textToHtml(block.text)}</h2>`;
    case "list":
      return `<ul style="margin:0 0 16px;padding:0 0 0 22px;">${block.items.map((item) => `<li style="margin:0 0 6px;">${inlineHtml(item)}</li>`).join("")}</ul>`;
    case "facts":
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">` +
        block.rows
          .map(
            ([label, value]) =>
              `<tr><td style="padding:3px 16px 3px 0;vertical-align:top;color:#4b5563;white-space:nowrap;">${textToHtml(label)}</td>` +
              `<td style="padding:3px 0;vertical-align:top;">${inlineHtml(value)}</td></tr>`,
          )
          .join("") +
        `</table>`
      );
    case "button": {
      const href = safeHref(block.href);
      if (!href) return `<p style="margin:0 0 16px;">${textToHtml(block.label)}</p>`;
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:4px 0 20px;"><tr>` +
        `<td style="border-radius:4px;background-color:#1d4ed8;">` +
        `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;font-family:${FONT};font-size:15px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:4px;">${textToHtml(block.label)}</a>` +
        `</td></tr></table>`
      );
    }
    case "message":
      return `<div style="margin:0 0 16px;padding:12px 16px 0;border-left:3px solid #d1d5db;background-color:#f9fafb;">${messageHtml(block.text)}</div>`;
    case "note": {
      const c = NOTE_COLOURS[block.tone];
      return (
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;"><tr>` +
        `<td style="padding:14px 16px 0;background-color:${c.background};border-left:4px solid ${c.border};">${block.blocks.map(blockHtml).join("")}</td>` +
        `</tr></table>`
      );
    }
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "p":
      return inlineText(block.parts);
    case "heading":
      return `${block.text}\n${"-".repeat(Math.min(Array.from(block.text).length, 72))}`;
    case "list":
      return block.items.map((item) => `  - ${inlineText(item).replace(/\n/g, "\n    ")}`).join("\n");
    case "facts": {
      const width = Math.max(...block.rows.map(([label]) => Array.from(label).length)) + 2;
      return block.rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${inlineText(value)}`).join("\n");
    }
    case "button": {
      const href = safeHref(block.href);
      return href ? `${block.label}:\n${href}` : block.label;
    }
    case "message":
      return personText(block.text);
    case "note":
      return block.blocks.map(blockText).join("\n\n");
  }
}

export interface MailLayout {
  locale: Locale;
  subject: string;
  /** Shown by many clients beside the subject in the inbox; hidden in the body. */
  preheader: string;
  /** The small line above the content, e.g. "Support · TID#1000015". */
  header: string;
  blocks: Block[];
  /** Lines below the content: why the mail came, how to keep the thread. */
  footer: Inline[][];
}

/** Renders the blocks as the plain-text and the HTML alternative of one mail. */
export function renderMail(mail: MailLayout): RenderedMail {
  const text = [mail.blocks.map(blockText).join("\n\n"), `-- \n${mail.footer.map(inlineText).join("\n")}`].join("\n\n") + "\n";
  const html =
    `<!DOCTYPE html>\n<html lang="${mail.locale}" dir="ltr">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="x-apple-disable-message-reformatting">\n<title>${escapeHtml(mail.subject)}</title>\n</head>\n` +
    `<body style="margin:0;padding:0;background-color:#f3f4f6;">\n` +
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(mail.preheader)}</div>\n` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;"><tr>` +
    `<td align="center" style="padding:24px 12px;">\n` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:6px;">\n` +
    `<tr><td style="padding:14px 24px;border-bottom:1px solid #e5e7eb;font-family:${FONT};font-size:13px;line-height:1.4;color:#4b5563;">${escapeHtml(mail.header)}</td></tr>\n` +
    `<tr><td style="padding:24px 24px 8px;font-family:${FONT};font-size:15px;line-height:1.55;color:#111827;text-align:left;word-break:break-word;overflow-wrap:anywhere;">\n` +
    mail.blocks.map(blockHtml).join("\n") +
    `\n</td></tr>\n` +
    `<tr><td style="padding:14px 24px;border-top:1px solid #e5e7eb;font-family:${FONT};font-size:12px;line-height:1.5;color:#6b7280;">` +
    mail.footer.map(inlineHtml).join("<br>") +
    `</td></tr>\n</table>\n</td></tr></table>\n</body>\n</html>\n`;
  return { subject: mail.subject, text, html };
}
