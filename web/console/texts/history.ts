/**
 * The console's texts: a ticket's history, one line an event.
 * English and German; the German block is typed by the English one, so a missing text is a type
 * error rather than a blank label. web/console/i18n.ts joins the areas.
 */
import type { CalendarCause, TicketEventType, WithdrawnAlert } from "../../../shared/events";

const en = {
  events: {
    title: "History",
    none: "Nothing recorded yet.",
    by: (who: string) => `by ${who}`,
    client: (email: string) => `${email} (client)`,
    adminToken: "the admin token",
    system: "the system",
    targetVersion: (v: string) => `target version ${v}`,
    handOverOverride: "a supervisor's override: the client is not entitled to it (SLA 2.6)",
    assignedTo: (email: string) => `to ${email}`,
    unassigned: "to nobody",
    reason: (r: string) => `reason: ${r}`,
    /** Why an `sla-recomputed` event moved the due time: the calendar change, by its `cause`. */
    calendarCauses: {
      "holiday-added": "holiday added",
      "holiday-renamed": "holiday renamed",
      "holiday-removed": "holiday removed",
      "holidays-imported": "holidays imported",
      "closure-added": "closure added",
      "closure-removed": "closure removed",
    } satisfies Record<CalendarCause["cause"], string>,
    dueMoved: (from: string, to: string) => `due ${from} → ${to}`,
    noDue: "none",
    withdrawn: { warning: "target warning withdrawn", breach: "breach withdrawn" } satisfies Record<WithdrawnAlert, string>,
    types: {
      created: "Ticket received",
      "staff-replied": "Reply sent",
      "internal-note": "Internal note",
      "message-added": "Client replied",
      "status-changed": "Status changed",
      reopened: "Reopened",
      "level-changed": "Level changed",
      "handed-to-development": "Handed to development",
      assigned: "Assigned",
      escalated: "Escalated",
      "escalation-handled": "Escalation handled",
      rated: "Rated",
      "credentials-added": "Login handed over",
      "credentials-revealed": "Login revealed",
      "credentials-destroyed": "Logins destroyed",
      "sla-warning": "Response target passed",
      "sla-breach": "Maximum response time passed",
      "sla-recomputed": "Due time recalculated",
      "mail-retried": "Mail retried",
      "mail-rejected": "Mail not delivered",
      "mail-bounced": "Mail bounced",
    } satisfies Record<TicketEventType, string>,
  },
};

const de: typeof en = {
  events: {
    title: "Verlauf der Änderungen",
    none: "Noch nichts aufgezeichnet.",
    by: (who) => `von ${who}`,
    client: (email) => `${email} (Kunde)`,
    adminToken: "dem Admin-Token",
    system: "dem System",
    targetVersion: (v) => `Zielversion ${v}`,
    handOverOverride: "Supervisor-Entscheidung: der Kunde hat keinen Anspruch darauf (SLA 2.6)",
    assignedTo: (email) => `an ${email}`,
    unassigned: "an niemanden",
    reason: (r) => `Grund: ${r}`,
    calendarCauses: {
      "holiday-added": "Feiertag hinzugefügt",
      "holiday-renamed": "Feiertag umbenannt",
      "holiday-removed": "Feiertag entfernt",
      "holidays-imported": "Feiertage importiert",
      "closure-added": "Schließzeit hinzugefügt",
      "closure-removed": "Schließzeit entfernt",
    },
    dueMoved: (from, to) => `fällig ${from} → ${to}`,
    noDue: "keine",
    withdrawn: { warning: "Warnung zum Antwortziel zurückgenommen", breach: "SLA-Verstoß zurückgenommen" },
    types: {
      created: "Ticket eingegangen",
      "staff-replied": "Antwort gesendet",
      "internal-note": "Interne Notiz",
      "message-added": "Kunde hat geantwortet",
      "status-changed": "Status geändert",
      reopened: "Wieder geöffnet",
      "level-changed": "Level geändert",
      "handed-to-development": "An die Entwicklung übergeben",
      assigned: "Zugewiesen",
      escalated: "Eskaliert",
      "escalation-handled": "Eskalation erledigt",
      rated: "Bewertet",
      "credentials-added": "Zugang übergeben",
      "credentials-revealed": "Zugang angezeigt",
      "credentials-destroyed": "Zugänge vernichtet",
      "sla-warning": "Antwortziel überschritten",
      "sla-breach": "Maximale Antwortzeit überschritten",
      "sla-recomputed": "Fälligkeit neu berechnet",
      "mail-retried": "E-Mail erneut versucht",
      "mail-rejected": "E-Mail nicht zugestellt",
      "mail-bounced": "E-Mail zurückgekommen",
    },
  },
};

export const HISTORY_TEXTS = { en, de };
