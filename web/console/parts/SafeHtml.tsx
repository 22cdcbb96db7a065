/**
 * Shows HTML the server has already sanitised (domain/kb/markdown.ts: an allow-list of tags,
 * attributes and URL schemes) without an HTML sink: the console's pages run under Trusted Types
 * with no policy (server/http/web-pages.ts), so innerHTML is refused, and rightly. The string is
 * read by a small tokenizer into Preact elements, and the same allow-list is applied once more
 * here, so even a server bug could not put a script or a handler on the page.
 */
import { h, type ComponentChildren, type VNode } from "preact";

const TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "s", "del",
  "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "mark"]);
const VOID = new Set(["br", "hr", "img"]);
const ATTRS: Record<string, readonly string[]> = { a: ["href", "title", "rel"], img: ["src", "alt", "title"], ol: ["start"], th: ["style"], td: ["style"], code: ["class"] };
const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#)/i;
const SAFE_STYLE = /^text-align:\s*(?:left|right|center);?$/;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED[e.toLowerCase()] ?? whole;
  });
}

interface Node { tag: string; attrs: Record<string, string>; children: (Node | string)[] }

function parse(html: string): (Node | string)[] {
  const root: Node = { tag: "#root", attrs: {}, children: [] };
  const stack: Node[] = [root];
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z:-]+(?:="[^"]*")?)*)\s*\/?>|([^<]+)|</g;
  for (const m of html.matchAll(token)) {
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined || (!m[2] && m[0] === "<")) {
      top.children.push(decodeEntities(m[4] ?? "<"));
      continue;
    }
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      const at = stack.map((n) => n.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? "").matchAll(/([a-zA-Z:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? "");
    const node: Node = { tag, attrs, children: [] };
    top.children.push(node);
    if (!VOID.has(tag)) stack.push(node);
  }
  return root.children;
}

function render(n: Node | string, key: number): ComponentChildren {
  if (typeof n === "string") return n;
  const children = n.children.map(render);
  // An element outside the allow-list keeps its text, never its tag.
  if (!TAGS.has(n.tag)) return children;
  const props: Record<string, string | number> = { key };
  for (const name of ATTRS[n.tag] ?? []) {
    const v = n.attrs[name];
    if (v === undefined) continue;
    if ((name === "href" || name === "src") && !SAFE_URL.test(v.trim())) continue;
    if (name === "style" && !SAFE_STYLE.test(v.trim())) continue;
    props[name] = v;
  }
  return h(n.tag, props, ...(VOID.has(n.tag) ? [] : children)) as VNode;
}

export function SafeHtml({ html, class: cls, id }: { html: string; class?: string; id?: string }) {
  return <div class={cls} id={id}>{parse(html).map(render)}</div>;
}

/** A search snippet: escaped text with the matched words in <mark>, shown inline. */
export function Snippet({ html, class: cls }: { html: string; class?: string }) {
  return <span class={cls}>{parse(html).map(render)}</span>;
}
