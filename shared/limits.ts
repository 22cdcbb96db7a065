/**
 * Plain constants of the ticket contract (CONTRACT §3), free of zod so that the widget can check a
 * form before upload without bundling the server's validation library. The server validates with
 * these same values (shared/api/tickets.ts, and the attachment rules mirror ATTACHMENT_LIMITS).
 */
export const LIMITS = {
  email: 254,
  name: 200,
  subject: 250,
  description: 50_000,
  steps: 50_000,
  url: 2048,
  productVersion: 64,
  phpinfoBytes: 2 * 1024 * 1024,
} as const;

const MiB = 1024 * 1024;

/** What one ticket may carry; test/unit/shared-limits.test.ts keeps this equal to the server's rules. */
export const ATTACHMENT_LIMITS = {
  maxFiles: 10,
  maxFileBytes: 10 * MiB,
  maxTotalBytes: 25 * MiB,
  /** A ZIP may unpack to at most this many times its own size. */
  maxZipRatio: 100,
} as const;

/**
 * The browser details (CONTRACT §9, SLA 4.2): how many recent errors and failed requests, and how
 * long each text may be. The loader keeps at most `entries` of each; the dialog cuts the texts to
 * these lengths after redaction, so what it sends always passes the server's check.
 */
export const ENVIRONMENT_LIMITS = {
  entries: 20,
  message: 1000,
  stack: 300,
  url: 2048,
  /** Browser and system names and versions, a language tag, a time zone, a method. */
  short: 100,
  userAgent: 512,
  languages: 10,
} as const;

/** The attachment types the server accepts, in the words its refusal names them. */
export const ALLOWED_ATTACHMENT_TYPES = "PNG, GIF, JPEG, ZIP, RAR";

export const EDITIONS = ["cloud", "self-hosted"] as const;
export type Edition = (typeof EDITIONS)[number];

/** A product version as the server accepts it, e.g. 24.100.0. */
export const PRODUCT_VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.+_ -]*$/;
/** A page address as the server accepts it. */
export const HTTP_URL_PATTERN = /^https?:\/\/[^\s]+$/i;
