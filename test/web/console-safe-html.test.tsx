// @vitest-environment happy-dom
/**
 * The console shows the server's sanitised article HTML without innerHTML (its pages run under
 * Trusted Types with no policy). The hostile corpus, sanitised, keeps what the reader should see;
 * and the same corpus straight from the attacker (not sanitised at all) still comes out inert.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render } from "@testing-library/preact";
import { renderMarkdown } from "../../server/domain/kb/markdown";
import { SafeHtml, Snippet } from "../../web/console/parts/SafeHtml";
import { ALLOWED, HOSTILE, inert } from "../fixtures/kb-hostile";

afterEach(cleanup);

const shown = (html: string) => {
  const { container } = render(<SafeHtml html={html} />);
  return container.firstElementChild!.innerHTML;
};
const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)/g)].map((m) => m[1]!.toLowerCase());

describe("SafeHtml", () => {
  test("ordinary article HTML comes out as the server wrote it", () => {
    const html = renderMarkdown("# Title\n\n[docs](https://docs.example/ssl) and ![shot](https://img.example/a.png) & <b>\n\n```sh\nphp -v\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n");
    const out = shown(html);
    expect(out).toContain('<a href="https://docs.example/ssl" rel="nofollow noopener">docs</a>');
    expect(out).toContain('<img src="https://img.example/a.png" alt="shot">');
    expect(out).toContain("&amp; &lt;b&gt;");
    expect(out).toContain('<code class="language-sh">php -v');
    expect(out).toContain('<td style="text-align: right;">2</td>');
  });
  test.each(HOSTILE)("inert, sanitised or not: %s", (source) => {
    for (const html of [renderMarkdown(source), source]) {
      const out = shown(html);
      expect(inert(out), out).toEqual([]);
      expect(tags(out).filter((t) => !ALLOWED.includes(t))).toEqual([]);
    }
  });
  test("a snippet shows its marks and its escaped text as text", () => {
    const { container } = render(<Snippet html={"Fehler &lt;500&gt; &amp; <mark>Zertifikat</mark>"} />);
    expect(container.innerHTML).toBe("<span>Fehler &lt;500&gt; &amp; <mark>Zertifikat</mark></span>");
  });
});
