import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SEARCH_TEXT_MAX, searchText } from "../../server/domain/search-text";

describe("searchText", () => {
  test("keeps the subject and what the requester wrote, without the quoted thread", () => {
    const description = [
      "The export is empty again.",
      "",
      "On Mon, Anna wrote:",
      "> Please try version 24.3.",
      "  >> nested quote with invoicenumber",
      "\t> indented quote",
      "Still broken after the update.",
    ].join("\r\n");
    expect(searchText("PDF export empty", description)).toBe(
      "PDF export empty\nThe export is empty again. On Mon, Anna wrote: Still broken after the update.",
    );
  });

  test("a '>' inside a line is not a quote", () => {
    expect(searchText("s", "price > 10 €\nok")).toBe("s\nprice > 10 € ok");
  });

  test("collapses whitespace runs and trims the description", () => {
    expect(searchText("Login", "  a \t\t b\n\n\n c  \u00a0")).toBe("Login\na b c");
  });

  test("a description that is all quote leaves the subject", () => {
    expect(searchText("Re: invoice", "> one\n>two\n")).toBe("Re: invoice\n");
  });

  test("cuts to 4,000 characters in all", () => {
    const s = searchText("subject", "word ".repeat(2000));
    expect(s).toHaveLength(SEARCH_TEXT_MAX);
    expect(s.startsWith("subject\nword word")).toBe(true);
  });

  test("does not split a surrogate pair at the cut", () => {
    const subject = "x".repeat(SEARCH_TEXT_MAX - 10);
    // Subject and "\n" and 8 units make 3,999: the emoji's two units would be the 4,000th and 4,001st.
    const s = searchText(subject, "abcdefgh😀tail");
    expect(s).toHaveLength(SEARCH_TEXT_MAX - 1);
    expect(s.endsWith("abcdefgh")).toBe(true);
    expect(searchText(subject, "abcdefg😀tail").endsWith("abcdefg😀")).toBe(true);
  });

  test("never longer than the cap, never ends on half a pair, never holds a quoted line's words", () => {
    const line = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 300 }).map((t) => ({ quoted: false, text: t.replace(/^\s*>/, "") })),
      fc.stringMatching(/^[a-z]{1,12}$/).map((w) => ({ quoted: true, text: `  > QUOTEDWORD${w}` })),
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.array(line, { maxLength: 60 }), (subject, lines) => {
      const s = searchText(subject, lines.map((l) => l.text).join("\n"));
      expect(s.length).toBeLessThanOrEqual(SEARCH_TEXT_MAX);
      const last = s.charCodeAt(s.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
      if (!subject.includes("QUOTEDWORD") && !lines.some((l) => !l.quoted && l.text.includes("QUOTEDWORD"))) {
        expect(s).not.toContain("QUOTEDWORD");
      }
    }));
  });
});
