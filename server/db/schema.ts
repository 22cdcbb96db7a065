/**
 * The data model, one file per aggregate under schema/ (drizzle.config.ts reads this file, so the
 * migrations see every table through it). Instants are timestamptz and UTC in code. Emails are
 * stored lower-cased so that look-ups (license matching, mail threading) never depend on how a
 * client typed them.
 */
export * from "./schema/clients";
export * from "./schema/tickets";
export * from "./schema/mail";
export * from "./schema/sla";
export * from "./schema/staff";
export * from "./schema/sign-in";
export * from "./schema/client-actions";
export * from "./schema/kb";
export * from "./schema/rate-limits";
