import { describe, expect, test } from "vitest";
import { versionMatches, isVersionPattern } from "../../server/domain/kb/versions";
import { visibleTo } from "../../server/domain/kb/visibility";
import { compoundParts, fold } from "../../server/domain/kb/words";
import { snippet } from "../../server/domain/kb/snippet";
import { atLeast, candidateQueries, planQuery } from "../../server/domain/kb/query-plan";
import { categoryOf } from "../../server/services/kb/help-index";

describe("version patterns", () => {
  test.each([
    [[], "24.1", true], [["*"], "9", true], [["24.*"], "24.100.3", true], [["24.*"], "24", true], [["24.*"], "240.1", false],
    [["24.1.*"], "24.1.7", true], [["24.1.*"], "24.10.0", false], [["23.*", "24.0"], "24.0", true], [["23.*", "24.0"], "24.0.1", false],
  ] as const)("%j covers %s: %s", (patterns, version, ok) => expect(versionMatches(patterns, version)).toBe(ok));
  test("patterns are exact versions, a .* prefix or *", () => {
    expect(["24.*", "24.1.3", "*", "24.1-beta"].every(isVersionPattern)).toBe(true);
    expect(["24*", "*.1", "24.*.1", "", "24..1"].some(isVersionPattern)).toBe(false);
  });
});

describe("visibility", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  test.each([
    ["public", null, "public", true], ["internal", null, "public", false], ["internal", null, "staff", true], ["draft", null, "staff", false],
    ["public", "2026-07-01T00:00:00Z", "public", false], ["public", "2026-05-01T00:00:00Z", "public", true], ["internal", "2026-07-01T00:00:00Z", "staff", false],
  ] as const)("%s published %s for %s: %s", (visibility, at, audience, ok) =>
    expect(visibleTo(audience, { visibility, publishAt: at ? new Date(at) : null }, now)).toBe(ok));
});

describe("German folding and compounds", () => {
  test("umlauts, their ae/oe/ue spellings and plain vowels meet; ß is ss", () => {
    expect(new Set(["Größe", "Groesse", "Grosse"].map((w) => fold(w, "de")))).toEqual(new Set(["grosse"]));
    expect(fold("Zurücksetzen", "de")).toBe(fold("zuruecksetzen", "de"));
    expect(fold("Queue", "de").startsWith("que")).toBe(true);
    expect(fold("Größe", "en")).toBe("größe");
  });
  test("a compound offers its parts, linking s dropped", () => {
    const parts = compoundParts(fold("Zertifikatsverlängerung", "de"));
    expect(parts).toEqual(expect.arrayContaining(["zertifikat", "verlangerung"]));
    expect(compoundParts("kurz")).toEqual([]);
  });
});

describe("snippets", () => {
  test("the passage with the most matches, escaped, matches marked", () => {
    const text = `${"Intro words here. ".repeat(20)}Renewal fails when the <challenge> cannot reach the certificate path. ${"Outro. ".repeat(20)}`;
    const s = snippet(text, ["renew", "certif", "challeng"], "en");
    expect(s).toContain("<mark>Renewal</mark>");
    expect(s).toContain("<mark>&lt;challenge&gt;</mark>");
    expect(s).toContain("<mark>certificate</mark>");
    expect(s.startsWith("… ")).toBe(true);
    expect(s).not.toMatch(/<(?!\/?mark>)/);
  });
});

describe("query plan", () => {
  test("rare words weigh more, words no article holds are dropped, long descriptions need two matching terms", () => {
    const plan = planQuery([{ term: "certif", docs: 3, kind: "exact" }, { term: "show", docs: 20, kind: "exact" }, { term: "guitar", docs: 0, kind: "exact" }], 40, 8);
    expect(plan.terms.map((t) => t.term)).toEqual(["certif", "show"]);
    expect(plan.terms[0]!.weight).toBeGreaterThan(plan.terms[1]!.weight);
    expect(plan.minMatched).toBe(2);
    expect(planQuery([{ term: "certif", docs: 3, kind: "exact" }], 40, 1).minMatched).toBe(1);
  });

  test("in a new knowledge base of three articles, one word of one article's title is enough; from twenty articles the bar is fixed", () => {
    // One title word (field factor 1) scores its weight: it must reach the plan's minimum.
    const small = planQuery([{ term: "password", docs: 1, kind: "exact" }], 3, 1);
    expect(small.terms[0]!.weight).toBeGreaterThanOrEqual(small.minScore);
    // A word that two of the three hold says little: it stays below.
    const common = planQuery([{ term: "shop", docs: 2, kind: "exact" }], 3, 1);
    expect(common.terms[0]!.weight).toBeLessThan(common.minScore);
    expect(planQuery([{ term: "certif", docs: 3, kind: "exact" }], 20, 1).minScore).toBeCloseTo(1.5 + 0.12);
    expect(planQuery([{ term: "certif", docs: 3, kind: "exact" }], 10_000, 1).minScore).toBeCloseTo(1.5 + 0.12);
  });
});

describe("candidate queries", () => {
  const term = (t: string) => ({ term: t, weight: 1 });
  const levels = (names: string) => candidateQueries(names.split("").map(term), (t) => t.term);

  test("strictest first: three, two, then one of the six most informative terms, then any term", () => {
    const [three, two, one, any, ...rest] = levels("abcdefgh");
    expect(rest).toEqual([]);
    expect(one).toBe("(a | b | c | d | e | f)");
    expect(any).toBe("(a | b | c | d | e | f | g | h)");
    expect(three).toBe(atLeast(3, "abcdef".split("")));
    expect(two).toBe(atLeast(2, "abcdef".split("")));
  });

  test("at least n of the items, factored", () => {
    expect(atLeast(2, ["a", "b", "c"])).toBe("(a & (b | c) | (b & c))");
    expect(atLeast(2, ["a", "b", "c", "d"])).toBe("(a & (b | c | d) | (b & (c | d) | (c & d)))");
    expect(atLeast(3, ["a", "b", "c"])).toBe("(a & b & c)");
    expect(atLeast(1, ["a"])).toBe("a");
  });

  test("a short query has fewer levels", () => {
    expect(levels("ab")).toEqual(["(a & b)", "(a | b)"]);
    expect(levels("a")).toEqual(["a"]);
    expect(candidateQueries([], (t) => t.term)).toEqual([]);
  });
});

describe("help center categories", () => {
  test("a category without a row of its own reads as its slug in words, capitalised", () => {
    expect(categoryOf(new Map(), "getting-started").title).toBe("Getting started");
    expect(categoryOf(new Map(), "zertifikate").title).toBe("Zertifikate");
  });
});
