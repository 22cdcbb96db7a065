/**
 * Acceptance 2 of issue 15: the web reads answers through types taken from the routes' response
 * schemas (shared/api), so renaming a field there breaks the compile of the code that reads it.
 * `npm run typecheck` checks this file (tsconfig includes test/); vitest does not run it.
 *
 * How it fails (tried once): renaming `slaStartedAt` in ticketViewSchema (shared/api/ticket-view.ts)
 * gives TS2551 "Property 'slaStartedAt' does not exist on type …" at line 30 here and in
 * web/console/parts/SlaPanel.tsx, and TS2345 on the GET /tickets/:tid handler (server/http/
 * tickets.ts), whose c.json no longer matches the schema. A name the schema lacks is refused
 * (the @ts-expect-error lines: were it ever added, tsc reports the directive as unused).
 */
import { expectTypeOf } from "vitest";
import type { z } from "zod";
import { createApi, type MyTicket, type TicketView } from "../../web/shared/api";
import { createConsoleApi, type QueueItem, type SlaReport } from "../../web/console/api";
import type { ticketViewSchema } from "../../shared/api/ticket-view";
import type { myTicketListSchema } from "../../shared/api/session-responses";
import type { queuePageSchema, slaReportSchema } from "../../shared/api/console-responses";

// The pages' view types are the schemas' outputs, not hand-written twins.
expectTypeOf<TicketView>().toEqualTypeOf<z.output<typeof ticketViewSchema>>();
expectTypeOf<MyTicket>().toEqualTypeOf<z.output<typeof myTicketListSchema>["items"][number]>();
expectTypeOf<QueueItem>().toEqualTypeOf<z.output<typeof queuePageSchema>["items"][number]>();
expectTypeOf<SlaReport>().toEqualTypeOf<z.output<typeof slaReportSchema>>();

// The same client the pages use: what a call answers is what the schema says.
export async function readsThroughTheClient(fetchImpl: typeof fetch) {
  const ticket = await createApi(fetchImpl).ticket("10000-0");
  if (ticket.ok) {
    expectTypeOf(ticket.data).toEqualTypeOf<z.output<typeof ticketViewSchema>>();
    expectTypeOf(ticket.data.slaStartedAt).toEqualTypeOf<string>();
    // @ts-expect-error: not a field of ticketViewSchema (its name is slaStartedAt)
    void ticket.data.slaStarted;
  }
  const queue = await createConsoleApi(fetchImpl).queue({}, null, null);
  if (queue.ok && queue.data.data) {
    expectTypeOf(queue.data.data.items[0]!.responseDueAt).toEqualTypeOf<string | null>();
    // @ts-expect-error: the queue's requester field is `email`
    void queue.data.data.items[0]!.requesterEmail;
  }
}
