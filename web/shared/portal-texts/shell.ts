/**
 * The portal's texts: the frame of every page (names, navigation, footer), statuses, response times and errors.
 * English and German, both typed by the interface, so a missing text is a type error rather than
 * a blank label. web/shared/i18n.ts joins the areas.
 */
import type { ErrorCode } from "../../../shared/error-codes";
import type { TicketStatus } from "../api";
import type { Lang } from "../i18n";

export interface ShellTexts {
  appName: string;
  skip: string;
  nav: { label: string; tickets: string; newTicket: string; signOut: string; signedInAs: (email: string) => string };
  langSwitch: { label: string; other: string; otherLang: Lang };
  loading: string;
  required: string;
  network: string;
  genericError: string;
  retry: string;
  footer: { hoursTitle: string; closed: string; timeZone: (tz: string) => string; holidaysTitle: string; noHolidays: string; closuresTitle: string; failed: string };
  status: Record<TicketStatus, string>;
  response: {
    answered: (when: string) => string;
    due: (when: string, relative: string) => string;
    overdue: (when: string) => string;
    paused: string;
    done: string;
    none: string;
  };
  notFound: { title: string; body: string; home: string };
  /** Portal-specific wording of API error codes; the attachment codes come from the widget. */
  errors: Partial<Record<ErrorCode, string>>;
}

const en: ShellTexts = {
  appName: "Support portal",
  skip: "Skip to the content",
  nav: { label: "Portal", tickets: "My tickets", newTicket: "Report a problem", signOut: "Sign out", signedInAs: (e) => `Signed in as ${e}` },
  langSwitch: { label: "Language", other: "Deutsch", otherLang: "de" },
  loading: "Loading…",
  required: "required",
  network: "There is no connection to the support server. Please check your connection and try again.",
  genericError: "Something went wrong. Please try again.",
  retry: "Try again",
  footer: {
    hoursTitle: "Support hours",
    closed: "closed",
    timeZone: (tz) => `Times are in the ${tz} time zone. Response times count business hours only.`,
    holidaysTitle: "Coming holidays (no support)",
    noHolidays: "No holidays in the coming months.",
    closuresTitle: "Planned closures",
    failed: "The support hours could not be loaded.",
  },
  status: {
    new: "New",
    open: "Open",
    "pending-client": "Waiting for your reply",
    "in-development": "With the developers",
    resolved: "Resolved",
    closed: "Closed",
  },
  response: {
    answered: (w) => `Answered ${w}`,
    due: (w, r) => `Answer due ${r} (by ${w})`,
    overdue: (w) => `Answer overdue since ${w}`,
    paused: "Waiting for your reply; the clock is paused",
    done: "No answer due",
    none: "No due time",
  },
  notFound: { title: "Page not found", body: "There is no portal page at this address.", home: "Go to my tickets" },
  errors: {
    UNAUTHENTICATED: "Your session has ended. Please sign in again.",
    FORBIDDEN: "This is not possible for your account.",
    NOT_FOUND: "There is no ticket with this number that you can see.",
    NOT_ALLOWED_NOW: "This is not possible in the ticket's current state. Reload the page to see its state.",
    PASSWORD_CHANGE_REQUIRED: "Please choose a new password first.",
    CSRF_FAILED: "This request did not come from the portal page. Please reload the page and try again.",
    RATE_LIMITED: "Too many requests in a short time. Please wait a minute and try again.",
    LINK_INVALID: "This sign-in link has already been used or has expired.",
    UNAVAILABLE: "The support service is briefly unavailable. Please try again in a few seconds.",
    INTERNAL: "Something went wrong on our side. Please try again later.",
    VALIDATION_FAILED: "Please check your input.",
  },
};

const de: ShellTexts = {
  appName: "Support-Portal",
  skip: "Zum Inhalt springen",
  nav: { label: "Portal", tickets: "Meine Tickets", newTicket: "Problem melden", signOut: "Abmelden", signedInAs: (e) => `Angemeldet als ${e}` },
  langSwitch: { label: "Sprache", other: "English", otherLang: "en" },
  loading: "Wird geladen…",
  required: "Pflichtfeld",
  network: "Keine Verbindung zum Support-Server. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  genericError: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  retry: "Erneut versuchen",
  footer: {
    hoursTitle: "Support-Zeiten",
    closed: "geschlossen",
    timeZone: (tz) => `Zeiten in der Zeitzone ${tz}. Antwortzeiten zählen nur Geschäftsstunden.`,
    holidaysTitle: "Kommende Feiertage (kein Support)",
    noHolidays: "In den kommenden Monaten keine Feiertage.",
    closuresTitle: "Geplante Schließungen",
    failed: "Die Support-Zeiten konnten nicht geladen werden.",
  },
  status: {
    new: "Neu",
    open: "Offen",
    "pending-client": "Wartet auf Ihre Antwort",
    "in-development": "Bei der Entwicklung",
    resolved: "Gelöst",
    closed: "Geschlossen",
  },
  response: {
    answered: (w) => `Beantwortet ${w}`,
    due: (w, r) => `Antwort fällig ${r} (bis ${w})`,
    overdue: (w) => `Antwort überfällig seit ${w}`,
    paused: "Wartet auf Ihre Antwort; die Frist ruht",
    done: "Keine Antwort fällig",
    none: "Keine Frist",
  },
  notFound: { title: "Seite nicht gefunden", body: "Unter dieser Adresse gibt es keine Portalseite.", home: "Zu meinen Tickets" },
  errors: {
    UNAUTHENTICATED: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    FORBIDDEN: "Das ist für Ihr Konto nicht möglich.",
    NOT_FOUND: "Es gibt kein Ticket mit dieser Nummer, das Sie sehen können.",
    NOT_ALLOWED_NOW: "Das ist im aktuellen Zustand des Tickets nicht möglich. Laden Sie die Seite neu, um den Zustand zu sehen.",
    PASSWORD_CHANGE_REQUIRED: "Bitte wählen Sie zuerst ein neues Passwort.",
    CSRF_FAILED: "Diese Anfrage kam nicht von der Portalseite. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    RATE_LIMITED: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie eine Minute und versuchen Sie es erneut.",
    LINK_INVALID: "Dieser Anmeldelink wurde bereits verwendet oder ist abgelaufen.",
    UNAVAILABLE: "Der Support-Dienst ist kurz nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.",
    INTERNAL: "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.",
    VALIDATION_FAILED: "Bitte prüfen Sie Ihre Eingaben.",
  },
};

export const SHELL_TEXTS: Readonly<Record<Lang, ShellTexts>> = { en, de };
