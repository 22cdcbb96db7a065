/** The TID's bounds are named once (shared/tid.ts); the sequence, the shape and the smallest TID agree. */
import { describe, expect, it } from "vitest";
import { tidSequence } from "../../server/db/schema";
import { isValidTid, makeTid, TID_MAX_LENGTH, TID_MIN_LENGTH, TID_SEQUENCE_START, TID_SHAPE } from "../../shared/tid";

describe("TID bounds", () => {
  it("the database's sequence starts where the smallest TID does", () => {
    expect(tidSequence.seqOptions).toMatchObject({ startWith: TID_SEQUENCE_START, minValue: TID_SEQUENCE_START });
    expect(makeTid(TID_SEQUENCE_START)).toHaveLength(TID_MIN_LENGTH);
    expect(isValidTid(makeTid(TID_SEQUENCE_START))).toBe(true);
  });

  it("the shape takes TID_MIN_LENGTH to TID_MAX_LENGTH digits and nothing else", () => {
    expect(TID_SHAPE.test("1".repeat(TID_MIN_LENGTH))).toBe(true);
    expect(TID_SHAPE.test("1".repeat(TID_MAX_LENGTH))).toBe(true);
    expect(TID_SHAPE.test("1".repeat(TID_MIN_LENGTH - 1))).toBe(false);
    expect(TID_SHAPE.test("1".repeat(TID_MAX_LENGTH + 1))).toBe(false);
    expect(TID_SHAPE.test(`TID#${"1".repeat(TID_MIN_LENGTH)}`)).toBe(false);
  });
});
