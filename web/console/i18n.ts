/**
 * Every text of the console in English and German. The texts live by area in texts/, each area
 * with both languages and the German typed by the English, so a missing German text is a type
 * error rather than a blank label. Error codes the console does not word itself are translated by
 * the widget's table (shared/i18n/widget.ts), like the portal does.
 */
import type { ErrorCode } from "../../shared/error-codes";
import { translateError } from "../../shared/i18n/widget";
import { joinAreas } from "../shared/join-areas";
import { ADMIN_TEXTS } from "./texts/admin";
import { CALENDAR_TEXTS } from "./texts/calendar";
import { CLIENT_DATA_TEXTS } from "./texts/client-data";
import { HISTORY_TEXTS } from "./texts/history";
import { KB_TEXTS } from "./texts/kb";
import { MAIL_TEXTS } from "./texts/mail";
import { QUEUE_TEXTS } from "./texts/queue";
import { SHELL_TEXTS } from "./texts/shell";
import { SIGN_IN_TEXTS } from "./texts/sign-in";
import { SUPERVISION_TEXTS } from "./texts/supervision";
import { TICKET_TEXTS } from "./texts/ticket";

export type Lang = "en" | "de";

/** What an agent can tick when asking the client for information (SLA 4.2, 4.3, 4.8, 4.11). */
export const MISSING_ITEMS = ["steps", "url", "version", "screenshots", "phpinfo", "license", "access"] as const;
export type MissingItem = (typeof MISSING_ITEMS)[number];

const AREAS = [SHELL_TEXTS, SIGN_IN_TEXTS, QUEUE_TEXTS, TICKET_TEXTS, CLIENT_DATA_TEXTS, HISTORY_TEXTS, SUPERVISION_TEXTS, ADMIN_TEXTS, CALENDAR_TEXTS, MAIL_TEXTS, KB_TEXTS];

const textsIn = (lang: Lang) => ({ lang, ...joinAreas(lang, AREAS) });

export type ConsoleTexts = ReturnType<typeof textsIn>;

export const CONSOLE_TEXTS: Readonly<Record<Lang, ConsoleTexts>> = { en: textsIn("en"), de: textsIn("de") };

/** A saved choice wins; else the first of the browser's languages we have; else English. */
export function chooseLang(saved: string | null, browserLangs: readonly string[]): Lang {
  if (saved === "en" || saved === "de") return saved;
  for (const l of browserLangs) {
    const base = l.toLowerCase().split(/[-_]/)[0];
    if (base === "en" || base === "de") return base;
  }
  return "en";
}

/** The words for a failed call: the console's own, else the widget's table, else a general sentence. */
export function errorText(lang: Lang, error: { code: string }): string {
  const t = CONSOLE_TEXTS[lang];
  if (error.code === "NETWORK") return t.network;
  const own = t.errors[error.code as ErrorCode];
  if (own) return own;
  if (error.code === "UNKNOWN") return t.genericError;
  return translateError(lang, error.code, {}) || t.genericError;
}
