/**
 * The console's texts: the frame of every page (names, navigation, shortcuts), statuses, channels and errors.
 * English and German; the German block is typed by the English one, so a missing text is a type
 * error rather than a blank label. web/console/i18n.ts joins the areas.
 */
import type { ErrorCode } from "../../../shared/error-codes";
import type { Lang } from "../i18n";

const en = {
  appName: "Support console",
  skip: "Skip to content",
  loading: "Loading…",
  retry: "Try again",
  optional: "optional",
  network: "No connection to the support server. Check your connection and try again.",
  genericError: "Something went wrong. Please try again.",
  signedOut: "You are signed out.",
  nav: {
    label: "Console",
    queue: "Queue",
    escalations: "Escalations",
    breaches: "Breaches",
    reports: "Reports",
    shortcuts: "Shortcuts",
    signOut: "Sign out",
    signedInAs: (email: string, role: string) => `${email} · ${role}`,
  },
  roles: { agent: "Agent", editor: "Editor", supervisor: "Supervisor", admin: "Admin" },
  langSwitch: { label: "Language", other: "Deutsch", otherLang: "de" as Lang },
  units: { min: "min", h: "h", d: "d" },
  help: {
    title: "Keyboard shortcuts",
    close: "Close",
    groups: [
      { title: "Everywhere", keys: [["?", "Show this list"], ["Esc", "Close this list; leave a text box"]] as [string, string][] },
      { title: "Queue", keys: [["j", "Next ticket"], ["k", "Previous ticket"], ["Enter / o", "Open the ticket"], ["/", "Search"]] as [string, string][] },
      { title: "Ticket", keys: [["r", "Reply to the client"], ["n", "Internal note"], ["i", "Request information"], ["a", "Assign to me"], ["u", "Back to the queue"]] as [string, string][] },
    ],
  },
  copy: { copy: "Copy", copied: "Copied", done: "Copied to the clipboard.", selected: "The clipboard is not available; the text is selected, press Ctrl+C to copy it." },
  status: {
    new: "New",
    open: "Open",
    "pending-client": "Waiting for the client",
    "in-development": "In development",
    resolved: "Resolved",
    closed: "Closed",
  },
  channels: { email: "email", widget: "widget", portal: "portal", api: "API" } as Record<string, string>,
  notFound: { title: "Page not found", body: "The console has no page at this address.", home: "Go to the queue" },
  forbidden: { title: "Not for your role", body: "Your account may not see this page. Ask an admin if you need it." },
  errors: {
    UNAUTHENTICATED: "Your session has ended. Please sign in again.",
    FORBIDDEN: "Your account may not do this.",
    NOT_FOUND: "This does not exist (any more).",
    NOT_ALLOWED_NOW: "Not possible in the ticket's current state. Reload to see it.",
    HANDOVER_NOT_ENTITLED: "Propagation to development is for partners and commercial clients (SLA 2.6). A supervisor can override it with a reason.",
    PASSWORD_CHANGE_REQUIRED: "Choose a new password first: the one you signed in with was given to you.",
    CSRF_FAILED: "This request did not come from the console page. Reload the page and try again.",
    RATE_LIMITED: "Too many requests in a short time. Please wait a minute.",
    UNAVAILABLE: "The server is briefly unavailable. Please try again in a few seconds.",
    INTERNAL: "Something went wrong on the server. Please try again later.",
    VALIDATION_FAILED: "Please check your input.",
  } as Partial<Record<ErrorCode, string>>,
};

const de: typeof en = {
  appName: "Support-Konsole",
  skip: "Zum Inhalt springen",
  loading: "Wird geladen…",
  retry: "Erneut versuchen",
  optional: "optional",
  network: "Keine Verbindung zum Support-Server. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.",
  genericError: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  signedOut: "Sie sind abgemeldet.",
  nav: {
    label: "Konsole",
    queue: "Warteschlange",
    escalations: "Eskalationen",
    breaches: "SLA-Verstöße",
    reports: "Berichte",
    shortcuts: "Tastenkürzel",
    signOut: "Abmelden",
    signedInAs: (email, role) => `${email} · ${role}`,
  },
  roles: { agent: "Agent", editor: "Redaktion", supervisor: "Leitung", admin: "Admin" },
  langSwitch: { label: "Sprache", other: "English", otherLang: "en" },
  units: { min: "Min.", h: "Std.", d: "T." },
  help: {
    title: "Tastenkürzel",
    close: "Schließen",
    groups: [
      { title: "Überall", keys: [["?", "Diese Liste zeigen"], ["Esc", "Liste schließen; Textfeld verlassen"]] },
      { title: "Warteschlange", keys: [["j", "Nächstes Ticket"], ["k", "Voriges Ticket"], ["Enter / o", "Ticket öffnen"], ["/", "Suchen"]] },
      { title: "Ticket", keys: [["r", "Dem Kunden antworten"], ["n", "Interne Notiz"], ["i", "Informationen anfordern"], ["a", "Mir zuweisen"], ["u", "Zurück zur Warteschlange"]] },
    ],
  },
  copy: { copy: "Kopieren", copied: "Kopiert", done: "In die Zwischenablage kopiert.", selected: "Die Zwischenablage ist nicht verfügbar; der Text ist markiert, kopieren Sie ihn mit Strg+C." },
  status: {
    new: "Neu",
    open: "Offen",
    "pending-client": "Wartet auf den Kunden",
    "in-development": "In der Entwicklung",
    resolved: "Gelöst",
    closed: "Geschlossen",
  },
  channels: { email: "E-Mail", widget: "Widget", portal: "Portal", api: "API" },
  notFound: { title: "Seite nicht gefunden", body: "Unter dieser Adresse hat die Konsole keine Seite.", home: "Zur Warteschlange" },
  forbidden: { title: "Nicht für Ihre Rolle", body: "Ihr Konto darf diese Seite nicht sehen. Fragen Sie einen Admin, wenn Sie sie brauchen." },
  errors: {
    UNAUTHENTICATED: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    FORBIDDEN: "Ihr Konto darf das nicht.",
    NOT_FOUND: "Das gibt es nicht (mehr).",
    NOT_ALLOWED_NOW: "Im aktuellen Zustand des Tickets nicht möglich. Laden Sie neu, um ihn zu sehen.",
    HANDOVER_NOT_ENTITLED: "Die Weitergabe an die Entwicklung gibt es für Partner und kommerzielle Kunden (SLA 2.6). Ein Supervisor kann mit Begründung anders entscheiden.",
    PASSWORD_CHANGE_REQUIRED: "Wählen Sie zuerst ein neues Passwort: Ihr bisheriges wurde Ihnen mitgeteilt.",
    CSRF_FAILED: "Diese Anfrage kam nicht von der Konsolenseite. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    RATE_LIMITED: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie eine Minute.",
    UNAVAILABLE: "Der Server ist kurz nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.",
    INTERNAL: "Auf dem Server ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.",
    VALIDATION_FAILED: "Bitte prüfen Sie Ihre Eingaben.",
  },
};

export const SHELL_TEXTS = { en, de };
