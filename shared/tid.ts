/**
 * Ticket IDs (CONTRACT §4): digits only, at least 7, the last one the Damm check digit of the
 * others. Damm catches every single-digit error and every adjacent transposition, which are the
 * mistakes people make when they copy a number from a mail subject.
 */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The first sequence value; with its check digit it gives the smallest 7-digit TID. */
export const TID_SEQUENCE_START = 100001;
/** The shortest TID: the first sequence value and its check digit. */
export const TID_MIN_LENGTH = String(TID_SEQUENCE_START).length + 1;
/** A TID longer than this is certainly forged; it also keeps the value inside a bigint column. */
export const TID_MAX_LENGTH = 18;
/** The digits of a TID, for patterns that find one inside a path, a subject or a Message-ID. */
export const TID_DIGITS = `[0-9]{${TID_MIN_LENGTH},${TID_MAX_LENGTH}}`;
/** A string that has a TID's shape (its check digit not yet verified). */
export const TID_SHAPE = new RegExp(`^${TID_DIGITS}$`);

export function dammDigit(digits: string): number {
  let interim = 0;
  for (let i = 0; i < digits.length; i++) {
    interim = DAMM[interim]![digits.charCodeAt(i) - 48]!;
  }
  return interim;
}

/** Turns a sequence value into a TID by appending its check digit. */
export function makeTid(sequenceValue: number | bigint | string): string {
  const base = String(sequenceValue);
  return base + String(dammDigit(base));
}

/** True when the string is a well-formed TID whose check digit verifies. */
export function isValidTid(tid: string): boolean {
  return TID_SHAPE.test(tid) && tid[0] !== "0" && dammDigit(tid) === 0;
}

export function formatTid(tid: string): string {
  return `TID#${tid}`;
}

/** The form every mail subject carries, so replies thread back (SLA 4.5). */
export function subjectTag(tid: string): string {
  return `[TID#${tid}]`;
}
