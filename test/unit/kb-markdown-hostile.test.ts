import { Window } from "happy-dom";
import { describe, expect, test } from "vitest";
import { plainText, renderMarkdown } from "../../server/domain/kb/markdown";
import { articlePage } from "../../server/http/help/pages";
// The corpus is shared with the console preview's tests (test/integration/kb-staff.test.ts, test/web/console-safe-html.test.tsx).
import { ALLOWED, HOSTILE, inert, safeUrl } from "../fixtures/kb-hostile";

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
