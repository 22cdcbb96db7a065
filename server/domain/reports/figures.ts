import { FIRST_RESPONSE_BUCKETS } from "../../../shared/api/console";
import { HOUR_MS } from "../sla/due";

/**
 * How the reports round what SQL counted. A share or an average of nothing is null, not 0: the
 * console shows "—" rather than a perfect or a failing score for an empty week.
 */

/** num / den as a percentage with one decimal. */
export const percent = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

/** total / n with two decimals (average rating). */
export const average = (total: number, n: number): number | null => (n === 0 ? null : Math.round((total / n) * 100) / 100);

/** Milliseconds as hours with two decimals (median first response). */
export const hoursOf = (ms: number): number => Math.round((ms / HOUR_MS) * 100) / 100;

/**
 * The upper edges of the first-response buckets that have one, in milliseconds: bucket 0 is below
 * limits[0], bucket i is [limits[i - 1], limits[i]), and the open last one is at or above the last edge.
 */
export const FIRST_RESPONSE_LIMITS_MS: readonly number[] = FIRST_RESPONSE_BUCKETS.flatMap((b) => (b.toHours === null ? [] : [b.toHours * HOUR_MS]));
