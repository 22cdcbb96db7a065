/**
 * Events are written through one helper typed by shared/events.ts: an event of a type with data
 * of another shape does not compile (the @ts-expect-error lines fail `npm run typecheck` if it
 * ever does), and data that slips past the types (a cast, JSON) is refused before it is a row.
 */
import { describe, expect, it } from "vitest";
import { eventRow, type NewTicketEvent } from "../../server/services/tickets/ticket-events";
import { TICKET_EVENT_TYPES, type TicketEventView } from "../../shared/events";
import { CONSOLE_TEXTS } from "../../web/console/i18n";

const base = { ticketId: 1, actor: "staff:a@example.com" };

describe("ticket events", () => {
  it("a well-formed event becomes its row, its data stored as given", () => {
    const row = eventRow({ ...base, type: "assigned", data: { to: "b@example.com" } });
    expect(row).toEqual({ ticketId: 1, type: "assigned", actor: base.actor, data: { to: "b@example.com" } });
  });

  it("the data of another type is refused, at compile time and at run time", () => {
    // @ts-expect-error an assignment carries `to`, not a score
    const wrongShape: NewTicketEvent = { ...base, type: "assigned", data: { score: 3 } };
    expect(() => eventRow(wrongShape)).toThrow();
    // @ts-expect-error a status change names statuses of the vocabulary
    const unknownStatus: NewTicketEvent = { ...base, type: "status-changed", data: { from: "new", to: "snoozed", reason: null, responseTargetAt: null, responseDueAt: null } };
    expect(() => eventRow(unknownStatus)).toThrow();
    // @ts-expect-error there is no such event type
    const unknownType: NewTicketEvent = { ...base, type: "teleported", data: {} };
    expect(() => eventRow(unknownType)).toThrow();
  });

  it("a history entry narrows its data by its type", () => {
    const e = { id: 1, actor: "system", at: "2026-03-02T09:00:00.000Z", type: "rated", data: { score: 4, comment: null } } as TicketEventView;
    if (e.type === "rated") expect(e.data.score).toBe(4);
    // @ts-expect-error a rating has no `to`
    if (e.type === "rated") expect(e.data.to).toBeUndefined();
  });

  it("the console names every event type in both languages", () => {
    for (const lang of ["en", "de"] as const) {
      const named = Object.keys(CONSOLE_TEXTS[lang].events.types).sort();
      expect(named, lang).toEqual([...TICKET_EVENT_TYPES].sort());
    }
  });
});
