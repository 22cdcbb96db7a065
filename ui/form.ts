/**
 * The form's values and their checks. The checks mirror the server's (shared/api/tickets.ts) with
 * the same limits and patterns, so a form that passes here is not refused for its fields.
 */
import { EDITIONS, HTTP_URL_PATTERN, LIMITS, PRODUCT_VERSION_PATTERN, type Edition } from "../shared/limits";
import type { WidgetTexts } from "../shared/i18n/widget";

export interface FormValues {
  email: string;
  description: string;
  steps: string;
  url: string;
  productVersion: string;
  edition: Edition | "";
  urgent: boolean;
  includePhpinfo: boolean;
  /** "Include browser details" (CONTRACT §9): on unless the user unticks it. */
  includeEnvironment: boolean;
}

export type FieldName = "email" | "description" | "steps" | "url" | "productVersion" | "edition";
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The order fields appear in, so the first invalid one gets the focus. */
export const FIELD_ORDER: readonly FieldName[] = ["email", "description", "steps", "url", "productVersion", "edition"];

// zod's email pattern (node_modules/zod/v4/core/regexes.js), which the server checks with,
// written without its needless escapes. The portal's sign-in checks with it too.
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function validate(v: FormValues, t: WidgetTexts): FieldErrors {
  const e: FieldErrors = {};
  const email = v.email.trim();
  if (!email) e.email = t.invalid.emailMissing;
  else if (email.length > LIMITS.email || !EMAIL_PATTERN.test(email)) e.email = t.invalid.email;
  if (!v.description.trim()) e.description = t.invalid.descriptionMissing;
  else if (v.description.length > LIMITS.description) e.description = t.invalid.tooLong(LIMITS.description);
  if (v.steps.length > LIMITS.steps) e.steps = t.invalid.tooLong(LIMITS.steps);
  const url = v.url.trim();
  if (url.length > LIMITS.url) e.url = t.invalid.tooLong(LIMITS.url);
  else if (url && !HTTP_URL_PATTERN.test(url)) e.url = t.invalid.url;
  const version = v.productVersion.trim();
  if (version.length > LIMITS.productVersion) e.productVersion = t.invalid.tooLong(LIMITS.productVersion);
  else if (version && !PRODUCT_VERSION_PATTERN.test(version)) e.productVersion = t.invalid.productVersion;
  return e;
}

export function isEdition(v: unknown): v is Edition {
  return typeof v === "string" && (EDITIONS as readonly string[]).includes(v);
}

/** The page address without its query string and fragment, which often carry tokens. */
export function pageAddress(href: string): string {
  try {
    const u = new URL(href);
    if (u.protocol !== "http:" && u.protocol !== "https:") return "";
    u.search = "";
    u.hash = "";
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "";
  }
}

/** The server's field name (`email`, `attachments[2]`) as the form knows it. */
export function fieldOf(serverField: string | undefined): FieldName | null {
  if (!serverField) return null;
  return (FIELD_ORDER as readonly string[]).includes(serverField) ? (serverField as FieldName) : null;
}
