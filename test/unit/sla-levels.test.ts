import { describe, expect, it } from "vitest";
import { isSlaLevelId, levelFor, SLA_LEVEL_IDS, SLA_LEVELS } from "../../shared/sla";

describe("SLA levels (CONTRACT §5)", () => {
  it("has the eight level ids with their targets and maxima", () => {
    expect(Object.fromEntries(SLA_LEVEL_IDS.map((id) => [id, [SLA_LEVELS[id].targetHours, SLA_LEVELS[id].maxHours, SLA_LEVELS[id].calendarDays]]))).toEqual({
      "partner-self-hosted": [12, 24, undefined],
      "commercial-self-hosted": [12, 24, undefined],
      "partner-cloud": [8, 16, undefined],
      "commercial-cloud": [8, 16, undefined],
      "non-commercial-self-hosted": [24, 48, undefined],
      "non-commercial-cloud": [16, 32, undefined],
      "non-product": [72, 72, undefined],
      development: [null, null, 14],
    });
  });

  it("labels every level in English and German", () => {
    for (const id of SLA_LEVEL_IDS) {
      expect(SLA_LEVELS[id].labelEn, id).not.toBe("");
      expect(SLA_LEVELS[id].labelDe, id).not.toBe("");
    }
  });

  it("recognises level ids", () => {
    expect(isSlaLevelId("partner-cloud")).toBe(true);
    expect(isSlaLevelId("toString")).toBe(false);
    expect(isSlaLevelId(7)).toBe(false);
  });
});

describe("levelFor", () => {
  it.each([
    ["partner", "cloud", "partner-cloud"],
    ["partner", "self-hosted", "partner-self-hosted"],
    ["commercial", "cloud", "commercial-cloud"],
    ["commercial", null, "commercial-self-hosted"],
    ["non-commercial", "cloud", "non-commercial-cloud"],
    [null, "cloud", "non-commercial-cloud"],
    [null, null, "non-commercial-self-hosted"],
  ] as const)("%s, %s → %s", (category, edition, level) => {
    expect(levelFor({ category, edition })).toBe(level);
  });
});
