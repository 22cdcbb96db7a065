import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Article Markdown → HTML that is inert in a reader's browser. Two independent lines: markdown-it
 * with `html: false` never passes raw HTML through and refuses `javascript:`/`vbscript:`/`data:`
 * links itself (validateLink); sanitize-html then keeps only an allow-list of tags, attributes and
 * URL schemes, so a bug or a plugin in the first line still cannot produce script or handlers.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SAFE = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "s", "del",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title"], img: ["src", "alt", "title"], ol: ["start"], th: ["style"], td: ["style"], code: ["class"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  // markdown-it writes table alignment as a style; nothing else may come through it.
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedClasses: { code: [/^language-[\w+-]+$/] },
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener" }) },
  disallowedTagsMode: "discard",
} satisfies sanitizeHtml.IOptions;
SAFE.allowedAttributes.a.push("rel");

export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SAFE);
}

/** The text a reader sees, without markup: what search indexes and snippets are cut from. */
export function plainText(source: string): string {
  const html = md.render(source);
  return sanitizeHtml(html.replace(/<\/(p|h\d|li|pre|blockquote|tr|td|th)>/g, "$& "), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'")
    .replace(/\s+/g, " ").trim();
}
