/**
 * Every text the widget shows, in English and German, and the translation of each API error code
 * (shared/error-codes.ts). Both languages are typed by WidgetTexts (widget-texts.ts), so a missing
 * German text is a type error, not a blank label. English accessible names are CONTRACT §9.
 * No zod and no DOM here: the widget bundles this file.
 */
import type { ErrorCode, StaffOnlyErrorCode } from "../error-codes";
import { ALLOWED_ATTACHMENT_TYPES, ATTACHMENT_LIMITS } from "../limits";
import type { ErrorParams, WidgetTexts } from "./widget-texts";

export type { ErrorParams, WidgetTexts } from "./widget-texts";

export const WIDGET_LANGS = ["en", "de"] as const;
export type WidgetLang = (typeof WIDGET_LANGS)[number];

/**
 * The only texts widget.js itself shows, kept apart so that the tiny loader bundles these two
 * lines and not the whole dictionary.
 */
export const EMBED_TEXTS: Readonly<Record<WidgetLang, { launcher: string; loadFailed: string }>> = {
  en: { launcher: "Support", loadFailed: "Support could not be loaded. Please check your connection and try again." },
  de: { launcher: "Support", loadFailed: "Der Support konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut." },
};

const MiB = 1024 * 1024;

/** Sizes as the server words them ("10 MiB", "10.5 MiB"), with the locale's decimal mark. */
export function formatMiB(bytes: number, locale: string): string {
  const v = bytes / MiB;
  const n = Number.isInteger(v) ? String(v) : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(v);
  return `${n} MiB`;
}

const quoted = (name = "") => `"${name}"`;

const en: WidgetTexts = {
  locale: "en",
  ...EMBED_TEXTS.en,
  title: "Contact support",
  intro: "Tell us what went wrong. We answer by email.",
  close: "Close",
  required: "required",
  email: "Email",
  description: "Describe the problem",
  descriptionHint: "What happened, and what did you expect to happen?",
  steps: "Steps to reproduce",
  stepsHint: "1. Open …  2. Click …",
  url: "Page address",
  urlHint: "The address of the page with the problem (without its query string).",
  productVersion: "Product version",
  edition: "Edition",
  editionUnknown: "Not sure",
  editions: { cloud: "Cloud", "self-hosted": "Self-hosted" },
  urgent: "The site is down or partly broken",
  urgentHint: "Reports about a broken site are answered first.",
  phpinfo: "Include server configuration (phpinfo)",
  phpinfoHint: "Passwords, keys, tokens and cookies are removed in your browser before anything is sent.",
  phpinfoLoading: "Reading the server configuration…",
  phpinfoReady: (n) => (n === 1 ? "1 secret value was hidden." : `${n} secret values were hidden.`),
  phpinfoReview: "Review what will be sent",
  phpinfoHiddenKeys: "Hidden:",
  phpinfoFailed: "The server configuration could not be read. You can send the report without it.",
  phpinfoOtherOrigin: "The server configuration can only be read from this site's own address.",
  phpinfoTooLarge: "The server configuration is larger than 2 MiB and cannot be sent.",
  environment: "Include browser details",
  environmentReview: "Review the browser details",
  files: "Screenshots and files",
  filesHint: `PNG, GIF or JPEG (a BMP is zipped for you). Up to ${ATTACHMENT_LIMITS.maxFiles} files, 10 MiB each, 25 MiB together. You can also paste or drop images here.`,
  attach: "Attach files",
  capture: "Capture screenshot",
  capturing: "Capturing the page…",
  captureFailed: {
    tainted: "The page shows images from other sites that the browser does not let us copy, so it cannot be captured.",
    style: "The page uses styles the screenshot tool cannot read yet, so it cannot be captured.",
    tooLarge: "The page is too large to capture.",
    other: "The page could not be captured.",
  },
  captureOfferUpload: "Take a screenshot with your system's tool instead and add it with “Attach files”.",
  zipping: (name) => `Zipping ${quoted(name)}…`,
  zipped: (name) => `zipped from ${name}`,
  zipFailed: (name) => `${quoted(name)} could not be zipped. Please put it in a ZIP archive yourself and attach the archive.`,
  remove: (name) => `Remove ${name}`,
  editImage: "Edit screenshot",
  editFailed: "The picture editor could not be loaded. Please check your connection and try again.",
  dropHere: "Drop files to attach them",
  send: "Send",
  sending: (p) => `Sending… ${p}%`,
  offline: "The connection was lost. Your report is saved on this device and will be sent as soon as the connection is back.",
  retrying: "Trying again…",
  retryNow: "Try again now",
  invalidSummary: "Please correct the marked fields.",
  invalid: {
    emailMissing: "Please enter your email address.",
    email: "Please enter a valid email address, like name@example.com.",
    descriptionMissing: "Please describe the problem.",
    url: "Please enter an address that starts with http:// or https://.",
    productVersion: "Please enter a version like 24.100.0.",
    tooLong: (max) => `Please shorten this to at most ${max} characters.`,
  },
  sentTitle: "Thank you. We have your report.",
  sentTid: "Your ticket number",
  sentLevel: "Service level",
  sentDue: (when, relative) => `We will answer by ${when} (${relative}).`,
  sentNoDue: "We will answer as soon as we can.",
  sentUrgent: "Marked as urgent: it is handled before other reports.",
  sentMail: (email) => `A confirmation with this number is on its way to ${email}. Keep the number in the subject when you reply.`,
  newReport: "Report another problem",
  earlierSent: (tid) => `Your earlier report has now been sent: ticket number ${tid}.`,
  errors: {
    VALIDATION_FAILED: (p) => (p.fieldLabel ? `Please check the field “${p.fieldLabel}”.` : "Please check the form and try again."),
    PAYLOAD_TOO_LARGE: () => "The report is too large to send. Remove some attachments and try again.",
    UNSUPPORTED_MEDIA_TYPE: () => "The report could not be sent in this form. Please reload the page and try again.",
    BMP_NOT_ARCHIVED: (p) => `${quoted(p.fileName)} is a BMP image, which we accept only inside an archive. Put it in a ZIP archive first, then attach the archive.`,
    UNSUPPORTED_ATTACHMENT: (p) => `${quoted(p.fileName)} is not a file type we accept (judged by its contents, not its name). Allowed types: ${ALLOWED_ATTACHMENT_TYPES}.`,
    ATTACHMENT_TOO_LARGE: (p) =>
      p.fileName
        ? `${quoted(p.fileName)} is ${formatMiB(p.size ?? 0, "en")}; each attachment may be at most ${formatMiB(ATTACHMENT_LIMITS.maxFileBytes, "en")}.`
        : `The attachments add up to ${formatMiB(p.size ?? 0, "en")}; one ticket may carry at most ${formatMiB(ATTACHMENT_LIMITS.maxTotalBytes, "en")}.`,
    TOO_MANY_ATTACHMENTS: (p) => `A ticket can carry at most ${ATTACHMENT_LIMITS.maxFiles} attachments; this one has ${p.count ?? ATTACHMENT_LIMITS.maxFiles + 1}.`,
    ARCHIVE_REJECTED: (p) => `The archive ${quoted(p.fileName)} was rejected: an archive may hold only images and text logs, and must not be damaged or unpack to much more than its size.`,
    IDEMPOTENCY_CONFLICT: () => "This report was already sent with other content. Please reload the page and write a new report.",
    ORIGIN_NOT_ALLOWED: () => "The help desk isn't set up for this page yet, so your report could not be sent. Please contact the site's administrator.",
    SITE_UNKNOWN: () => "This support form is not registered. Please tell the site's administrator.",
    SITE_DISABLED: () => "This support form is switched off for now. Please tell the site's administrator.",
    UNAUTHENTICATED: () => "The report could not be sent: the request was not authorised. Please reload the page and try again.",
    FORBIDDEN: () => "The report could not be sent: the request was not allowed. Please reload the page and try again.",
    NOT_FOUND: () => "The support service was not found at its address. Please tell the site's administrator.",
    TID_INVALID: () => "That ticket number is not valid. Please check it for a typo.",
    CONFLICT: () => "The report conflicts with another one. Please try again.",
    RATE_LIMITED: () => "Too many reports were sent from your address in a short time. Please wait a minute and try again.",
    ACCOUNT_LOCKED: () => "This account is locked for a while after too many failed sign-ins. Please try again later.",
    CSRF_FAILED: () => "This request did not come from a support page. Please reload the page and try again.",
    LINK_INVALID: () => "This link has expired or was already used. Please ask for a new one.",
    INVALID_CREDENTIALS: () => "The email address or password is not correct.",
    NOT_ALLOWED_NOW: () => "This is not possible in the ticket's current state.",
    PASSWORD_CHANGE_REQUIRED: () => "Please choose a new password first.",
    UNAVAILABLE: () => "The support service is briefly unavailable and nothing was sent. Please try again in a few seconds.",
    INTERNAL: () => "Something went wrong on our side and nothing was sent. Please try again later.",
  },
  errorUnknown: (code) => `The report could not be sent (${code}). Please try again later.`,
};

const de: WidgetTexts = {
  locale: "de",
  ...EMBED_TEXTS.de,
  title: "Support kontaktieren",
  intro: "Beschreiben Sie, was nicht funktioniert. Wir antworten per E-Mail.",
  close: "Schließen",
  required: "Pflichtfeld",
  email: "E-Mail",
  description: "Problem beschreiben",
  descriptionHint: "Was ist passiert, und was hatten Sie erwartet?",
  steps: "Schritte zum Nachvollziehen",
  stepsHint: "1. Öffnen Sie …  2. Klicken Sie …",
  url: "Seitenadresse",
  urlHint: "Die Adresse der Seite mit dem Problem (ohne Abfrageparameter).",
  productVersion: "Produktversion",
  edition: "Edition",
  editionUnknown: "Weiß nicht",
  editions: { cloud: "Cloud", "self-hosted": "Selbst gehostet" },
  urgent: "Die Website ist ausgefallen oder teilweise defekt",
  urgentHint: "Meldungen über eine defekte Website beantworten wir zuerst.",
  phpinfo: "Serverkonfiguration mitsenden (phpinfo)",
  phpinfoHint: "Passwörter, Schlüssel, Tokens und Cookies werden in Ihrem Browser entfernt, bevor etwas gesendet wird.",
  phpinfoLoading: "Serverkonfiguration wird gelesen…",
  phpinfoReady: (n) => (n === 1 ? "1 geheimer Wert wurde entfernt." : `${n} geheime Werte wurden entfernt.`),
  phpinfoReview: "Ansehen, was gesendet wird",
  phpinfoHiddenKeys: "Entfernt:",
  phpinfoFailed: "Die Serverkonfiguration konnte nicht gelesen werden. Sie können die Meldung ohne sie senden.",
  phpinfoOtherOrigin: "Die Serverkonfiguration kann nur von der eigenen Adresse dieser Website gelesen werden.",
  phpinfoTooLarge: "Die Serverkonfiguration ist größer als 2 MiB und kann nicht gesendet werden.",
  environment: "Browserdetails mitsenden",
  environmentReview: "Browserdetails ansehen",
  files: "Screenshots und Dateien",
  filesHint: `PNG, GIF oder JPEG (ein BMP wird für Sie gezippt). Bis zu ${ATTACHMENT_LIMITS.maxFiles} Dateien, je 10 MiB, zusammen 25 MiB. Sie können Bilder auch einfügen oder hierher ziehen.`,
  attach: "Dateien anhängen",
  capture: "Screenshot aufnehmen",
  capturing: "Seite wird aufgenommen…",
  captureFailed: {
    tainted: "Die Seite zeigt Bilder anderer Websites, die der Browser nicht kopieren lässt; daher kann sie nicht aufgenommen werden.",
    style: "Die Seite nutzt Stile, die das Screenshot-Werkzeug noch nicht lesen kann; daher kann sie nicht aufgenommen werden.",
    tooLarge: "Die Seite ist zu groß für eine Aufnahme.",
    other: "Die Seite konnte nicht aufgenommen werden.",
  },
  captureOfferUpload: "Erstellen Sie stattdessen einen Screenshot mit dem Werkzeug Ihres Systems und fügen Sie ihn mit „Dateien anhängen“ hinzu.",
  zipping: (name) => `„${name}“ wird gezippt…`,
  zipped: (name) => `gezippt aus ${name}`,
  zipFailed: (name) => `„${name}“ konnte nicht gezippt werden. Bitte packen Sie die Datei selbst in ein ZIP-Archiv und hängen Sie das Archiv an.`,
  remove: (name) => `${name} entfernen`,
  editImage: "Screenshot bearbeiten",
  editFailed: "Der Bildeditor konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  dropHere: "Dateien hier ablegen, um sie anzuhängen",
  send: "Senden",
  sending: (p) => `Wird gesendet… ${p} %`,
  offline: "Die Verbindung wurde unterbrochen. Ihre Meldung ist auf diesem Gerät gespeichert und wird gesendet, sobald die Verbindung wieder besteht.",
  retrying: "Neuer Versuch…",
  retryNow: "Jetzt erneut versuchen",
  invalidSummary: "Bitte korrigieren Sie die markierten Felder.",
  invalid: {
    emailMissing: "Bitte geben Sie Ihre E-Mail-Adresse ein.",
    email: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
    descriptionMissing: "Bitte beschreiben Sie das Problem.",
    url: "Bitte geben Sie eine Adresse ein, die mit http:// oder https:// beginnt.",
    productVersion: "Bitte geben Sie eine Version wie 24.100.0 ein.",
    tooLong: (max) => `Bitte kürzen Sie den Text auf höchstens ${max} Zeichen.`,
  },
  sentTitle: "Vielen Dank. Ihre Meldung ist eingegangen.",
  sentTid: "Ihre Ticketnummer",
  sentLevel: "Service-Level",
  sentDue: (when, relative) => `Wir antworten bis ${when} (${relative}).`,
  sentNoDue: "Wir antworten so bald wie möglich.",
  sentUrgent: "Als dringend markiert: Die Meldung wird vor anderen bearbeitet.",
  sentMail: (email) => `Eine Bestätigung mit dieser Nummer ist unterwegs an ${email}. Behalten Sie die Nummer im Betreff, wenn Sie antworten.`,
  newReport: "Weiteres Problem melden",
  earlierSent: (tid) => `Ihre frühere Meldung wurde jetzt gesendet: Ticketnummer ${tid}.`,
  errors: {
    VALIDATION_FAILED: (p) => (p.fieldLabel ? `Bitte prüfen Sie das Feld „${p.fieldLabel}“.` : "Bitte prüfen Sie das Formular und versuchen Sie es erneut."),
    PAYLOAD_TOO_LARGE: () => "Die Meldung ist zu groß zum Senden. Entfernen Sie einige Anhänge und versuchen Sie es erneut.",
    UNSUPPORTED_MEDIA_TYPE: () => "Die Meldung konnte in dieser Form nicht gesendet werden. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    BMP_NOT_ARCHIVED: (p) => `„${p.fileName ?? ""}“ ist ein BMP-Bild; BMP-Bilder nehmen wir nur in einem Archiv an. Packen Sie es zuerst in ein ZIP-Archiv und hängen Sie das Archiv an.`,
    UNSUPPORTED_ATTACHMENT: (p) => `„${p.fileName ?? ""}“ hat keinen Dateityp, den wir annehmen (geprüft wird der Inhalt, nicht der Name). Erlaubt sind: ${ALLOWED_ATTACHMENT_TYPES}.`,
    ATTACHMENT_TOO_LARGE: (p) =>
      p.fileName
        ? `„${p.fileName}“ ist ${formatMiB(p.size ?? 0, "de")} groß; jeder Anhang darf höchstens ${formatMiB(ATTACHMENT_LIMITS.maxFileBytes, "de")} groß sein.`
        : `Die Anhänge sind zusammen ${formatMiB(p.size ?? 0, "de")} groß; ein Ticket darf höchstens ${formatMiB(ATTACHMENT_LIMITS.maxTotalBytes, "de")} tragen.`,
    TOO_MANY_ATTACHMENTS: (p) => `Ein Ticket kann höchstens ${ATTACHMENT_LIMITS.maxFiles} Anhänge tragen; dieses hat ${p.count ?? ATTACHMENT_LIMITS.maxFiles + 1}.`,
    ARCHIVE_REJECTED: (p) => `Das Archiv „${p.fileName ?? ""}“ wurde abgelehnt: Ein Archiv darf nur Bilder und Text-Logs enthalten und darf weder beschädigt sein noch auf ein Vielfaches seiner Größe anwachsen.`,
    IDEMPOTENCY_CONFLICT: () => "Diese Meldung wurde bereits mit anderem Inhalt gesendet. Bitte laden Sie die Seite neu und schreiben Sie eine neue Meldung.",
    ORIGIN_NOT_ALLOWED: () => "Der Helpdesk ist für diese Seite noch nicht eingerichtet, daher konnte Ihre Meldung nicht gesendet werden. Bitte wenden Sie sich an die Administration der Website.",
    SITE_UNKNOWN: () => "Dieses Support-Formular ist nicht registriert. Bitte informieren Sie die Administration der Website.",
    SITE_DISABLED: () => "Dieses Support-Formular ist derzeit abgeschaltet. Bitte informieren Sie die Administration der Website.",
    UNAUTHENTICATED: () => "Die Meldung konnte nicht gesendet werden: Die Anfrage war nicht autorisiert. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    FORBIDDEN: () => "Die Meldung konnte nicht gesendet werden: Die Anfrage war nicht erlaubt. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    NOT_FOUND: () => "Der Support-Dienst wurde unter seiner Adresse nicht gefunden. Bitte informieren Sie die Administration der Website.",
    TID_INVALID: () => "Diese Ticketnummer ist ungültig. Bitte prüfen Sie sie auf Tippfehler.",
    CONFLICT: () => "Die Meldung steht im Konflikt mit einer anderen. Bitte versuchen Sie es erneut.",
    RATE_LIMITED: () => "Von Ihrer Adresse wurden in kurzer Zeit zu viele Meldungen gesendet. Bitte warten Sie eine Minute und versuchen Sie es erneut.",
    ACCOUNT_LOCKED: () => "Dieses Konto ist nach zu vielen fehlgeschlagenen Anmeldungen vorübergehend gesperrt. Bitte versuchen Sie es später erneut.",
    CSRF_FAILED: () => "Diese Anfrage kam nicht von einer Support-Seite. Bitte laden Sie die Seite neu und versuchen Sie es erneut.",
    LINK_INVALID: () => "Dieser Link ist abgelaufen oder wurde bereits verwendet. Bitte fordern Sie einen neuen an.",
    INVALID_CREDENTIALS: () => "E-Mail-Adresse oder Passwort sind nicht korrekt.",
    NOT_ALLOWED_NOW: () => "Das ist im aktuellen Zustand des Tickets nicht möglich.",
    PASSWORD_CHANGE_REQUIRED: () => "Bitte wählen Sie zuerst ein neues Passwort.",
    UNAVAILABLE: () => "Der Support-Dienst ist kurz nicht erreichbar; es wurde nichts gesendet. Bitte versuchen Sie es in einigen Sekunden erneut.",
    INTERNAL: () => "Bei uns ist etwas schiefgegangen; es wurde nichts gesendet. Bitte versuchen Sie es später erneut.",
  },
  errorUnknown: (code) => `Die Meldung konnte nicht gesendet werden (${code}). Bitte versuchen Sie es später erneut.`,
};

export const WIDGET_TEXTS: Readonly<Record<WidgetLang, WidgetTexts>> = { en, de };

/**
 * The tag's data-lang wins; else the first of the browser's languages we have; else English.
 * Only the primary subtag counts ("de-AT" is German).
 */
export function pickLang(tagLang: string | null | undefined, browserLangs: readonly string[]): WidgetLang {
  for (const candidate of [tagLang ?? "", ...browserLangs]) {
    const primary = candidate.toLowerCase().split(/[-_]/)[0] ?? "";
    if ((WIDGET_LANGS as readonly string[]).includes(primary)) return primary as WidgetLang;
  }
  return "en";
}

/** The message for an error body; codes this version does not know still get a sentence. */
export function translateError(lang: WidgetLang, code: string, params: ErrorParams = {}): string {
  const t = WIDGET_TEXTS[lang];
  const fn = Object.prototype.hasOwnProperty.call(t.errors, code) ? t.errors[code as Exclude<ErrorCode, StaffOnlyErrorCode>] : undefined;
  return fn ? fn(params) : t.errorUnknown(code);
}
