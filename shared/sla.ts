import type { Edition } from "./limits";

/**
 * SLA levels of CONTRACT §5. Ids are stored in the database and sent over the API, so an id, once
 * published, keeps its meaning; labels may change.
 */
export interface SlaLevel {
  /** Business hours to the response target; null when the level counts calendar days. */
  targetHours: number | null;
  /** Business hours to the maximum response time; null when the level counts calendar days. */
  maxHours: number | null;
  /** Calendar days (same local wall-clock time) to the due time, for levels outside business hours. */
  calendarDays?: number;
  labelEn: string;
  labelDe: string;
}

export type SlaLevelId =
  | "partner-self-hosted"
  | "commercial-self-hosted"
  | "partner-cloud"
  | "commercial-cloud"
  | "non-commercial-self-hosted"
  | "non-commercial-cloud"
  | "non-product"
  | "development";

export const SLA_LEVELS: Readonly<Record<SlaLevelId, Readonly<SlaLevel>>> = {
  "partner-self-hosted": {
    targetHours: 12,
    maxHours: 24,
    labelEn: "Partner, self-hosted",
    labelDe: "Partner, selbst gehostet",
  },
  "commercial-self-hosted": {
    targetHours: 12,
    maxHours: 24,
    labelEn: "Commercial, self-hosted",
    labelDe: "Kommerziell, selbst gehostet",
  },
  "partner-cloud": {
    targetHours: 8,
    maxHours: 16,
    labelEn: "Partner, cloud",
    labelDe: "Partner, Cloud",
  },
  "commercial-cloud": {
    targetHours: 8,
    maxHours: 16,
    labelEn: "Commercial, cloud",
    labelDe: "Kommerziell, Cloud",
  },
  "non-commercial-self-hosted": {
    targetHours: 24,
    maxHours: 48,
    labelEn: "Non-commercial, self-hosted",
    labelDe: "Nicht kommerziell, selbst gehostet",
  },
  "non-commercial-cloud": {
    targetHours: 16,
    maxHours: 32,
    labelEn: "Non-commercial, cloud",
    labelDe: "Nicht kommerziell, Cloud",
  },
  // The SLA text names only a maximum for this level, so the target is the maximum.
  "non-product": {
    targetHours: 72,
    maxHours: 72,
    labelEn: "Non-product question",
    labelDe: "Frage ohne Produktbezug",
  },
  development: {
    targetHours: null,
    maxHours: null,
    calendarDays: 14,
    labelEn: "Development",
    labelDe: "Entwicklung",
  },
};

export const SLA_LEVEL_IDS = Object.keys(SLA_LEVELS) as SlaLevelId[];

export function isSlaLevelId(value: unknown): value is SlaLevelId {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(SLA_LEVELS, value);
}

/** Who a license holder is (CONTRACT §5); with the edition it picks the level. */
export const CLIENT_CATEGORIES = ["partner", "commercial", "non-commercial"] as const;
export type ClientCategory = (typeof CLIENT_CATEGORIES)[number];
export type { Edition };

/**
 * The level a new ticket starts on. `category` is null when no license with current support matches
 * the sender; an unknown edition counts as self-hosted (CONTRACT §5), the slower of the two.
 */
export function levelFor(input: { category: ClientCategory | null; edition: Edition | null }): SlaLevelId {
  const edition: Edition = input.edition ?? "self-hosted";
  const category: ClientCategory = input.category ?? "non-commercial";
  return `${category}-${edition}`;
}
