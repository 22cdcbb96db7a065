/**
 * Every text of the portal in English and German. The texts live by area in portal-texts/, each
 * area with an interface that types both languages, so a missing German text is a type error
 * rather than a blank label. The form fields a ticket shares with the widget take the widget's own
 * labels (shared/i18n/widget.ts), so both ask the same questions in the same words; error codes of
 * the attachment rules are translated by the widget's table for the same reason.
 */
import type { ErrorCode } from "../../shared/error-codes";
import { WIDGET_TEXTS, pickLang, translateError, type ErrorParams, type WidgetLang } from "../../shared/i18n/widget";
import { joinAreas } from "./join-areas";
import { SHELL_TEXTS, type ShellTexts } from "./portal-texts/shell";
import { SIGN_IN_TEXTS, type SignInTexts } from "./portal-texts/sign-in";
import { TICKET_TEXTS, type TicketTexts } from "./portal-texts/ticket";
import { TICKETS_TEXTS, type TicketListTexts } from "./portal-texts/tickets";

export type Lang = WidgetLang;
export const LANGS: readonly Lang[] = ["en", "de"];

export const CREDENTIAL_KIND_IDS = ["ftp", "ssh", "control-panel", "cms-admin", "license-key", "other"] as const;
export type CredentialKind = (typeof CREDENTIAL_KIND_IDS)[number];

export interface PortalTexts extends ShellTexts, SignInTexts, TicketListTexts, TicketTexts {
  lang: Lang;
}

const textsIn = (lang: Lang): PortalTexts => ({ lang, ...joinAreas(lang, [SHELL_TEXTS, SIGN_IN_TEXTS, TICKETS_TEXTS, TICKET_TEXTS]) });

export const PORTAL_TEXTS: Readonly<Record<Lang, PortalTexts>> = { en: textsIn("en"), de: textsIn("de") };

/** The widget's texts for the fields a ticket shares with it (labels, hints, field checks). */
export const fieldTexts = (lang: Lang) => WIDGET_TEXTS[lang];

/** A saved choice wins; else the first of the browser's languages we have; else English. */
export function chooseLang(saved: string | null, browserLangs: readonly string[]): Lang {
  return pickLang(saved, browserLangs);
}

/** The words for a failed call: the portal's own where they differ, the widget's for the attachment rules. */
export function errorText(lang: Lang, error: { code: string }, params: ErrorParams = {}): string {
  const t = PORTAL_TEXTS[lang];
  if (error.code === "NETWORK") return t.network;
  const own = t.errors[error.code as ErrorCode];
  if (own) return own;
  if (error.code === "UNKNOWN") return t.genericError;
  return translateError(lang, error.code, params);
}
