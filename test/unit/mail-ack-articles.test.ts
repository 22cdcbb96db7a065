import { describe, expect, it } from "vitest";
import { acknowledgement } from "../../server/mail/templates/acknowledgement";

/** The acknowledgement's article suggestions (issue 16): at most three, escaped, only http(s) links. */
const base = { tid: "1000015", subject: "Certificate expired", levelId: "commercial-cloud" as const, dueAt: null, timeZone: "Europe/Berlin", ticketUrl: "https://help.example.com/portal/t/1000015?token=x" };
const article = (n: number) => ({ title: `Article ${n}`, url: `https://help.example.com/help/en/article-${n}` });

describe("the acknowledgement's articles", () => {
  it("lists up to three, title and URL in the text, links in the HTML, in the mail's language", () => {
    const en = acknowledgement({ ...base, locale: "en", articles: [1, 2, 3, 4].map(article) });
    expect(en.text).toContain("These articles may already answer your question");
    expect(en.text).toContain("Article 1 <https://help.example.com/help/en/article-1>");
    expect(en.text).toContain("Article 3 <");
    expect(en.text).not.toContain("Article 4");
    expect(en.html).toContain('href="https://help.example.com/help/en/article-2"');
    const de = acknowledgement({ ...base, locale: "de", articles: [article(1)] });
    expect(de.text).toContain("Diese Artikel beantworten Ihre Frage vielleicht schon");
  });

  it("without articles the mail is as before; a hostile title stays text and a non-http URL is no link", () => {
    const none = acknowledgement({ ...base, locale: "en" });
    expect(acknowledgement({ ...base, locale: "en", articles: [] })).toEqual(none);
    expect(none.text).not.toContain("articles may already");
    const hostile = acknowledgement({ ...base, locale: "en", articles: [{ title: '<img src=x onerror="alert(1)">', url: "javascript:alert(1)" }] });
    expect(hostile.html).not.toContain("<img");
    expect(hostile.html).not.toContain('href="javascript:');
    expect(hostile.html).toContain("&lt;img");
  });
});
