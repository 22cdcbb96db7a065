import { Hono } from "hono";
import type postgres from "postgres";
import { searchText } from "../server/domain/search-text";
import { makeTid } from "../shared/tid";

interface Body {
  email: string;
  name?: string;
  subject?: string;
  description: string;
  steps?: string;
  url?: string;
  productVersion?: string;
  edition?: "cloud" | "self-hosted";
  urgent?: boolean;
}

const HOUR = 3_600_000;

/**
 * The floor under ticket intake: a bare Hono route that writes the same rows as
 * server/services/tickets/intake.ts (sequence, requester upsert, ticket, first message, "created" event,
 * acknowledgement in the outbox) in one transaction with postgres.js, and nothing else: no
 * validation, no licence look-up, no SLA calendar, no middleware, no logging. What our route costs
 * above this is what validation, policy and wiring cost.
 *
 * Plain SQL on purpose, so it must follow schema.ts: a new NOT NULL column shows up as the
 * benchmark's first request failing with the column's name.
 */
export function bareIntakeApp(sql: postgres.Sql) {
  const app = new Hono();
  app.post("/api/v1/tickets", async (c) => {
    const b = await c.req.json<Body>();
    const receivedAt = new Date();
    const targetAt = new Date(receivedAt.getTime() + 16 * HOUR);
    const dueAt = new Date(receivedAt.getTime() + 32 * HOUR);
    const subject = b.subject ?? b.description.split("\n")[0]!.slice(0, 80);
    const level = "non-commercial-cloud";
    const tid = await sql.begin(async (tx) => {
      const [next] = await tx<{ seq: string }[]>`select nextval('tid_seq')::text as seq`;
      const tid = makeTid(next!.seq);
      const [requester] = await tx<{ id: string }[]>`
        insert into requesters (email, name) values (${b.email}, ${b.name ?? null})
        on conflict (email) do update set name = coalesce(excluded.name, requesters.name)
        returning id`;
      const [ticket] = await tx<{ id: string }[]>`
        insert into tickets (tid, channel, requester_id, subject, description, search_text, steps, url, product_version,
          edition, urgent, sla_level, received_at, sla_started_at, response_target_at, response_due_at)
        values (${tid}, 'api', ${requester!.id}, ${subject}, ${b.description}, ${searchText(subject, b.description)},
          ${b.steps ?? null}, ${b.url ?? null},
          ${b.productVersion ?? null}, ${b.edition ?? null}, ${b.urgent ?? false}, ${level}, ${receivedAt},
          ${receivedAt}, ${targetAt}, ${dueAt})
        returning id`;
      await tx`
        insert into ticket_participants (ticket_id, email, role) values (${ticket!.id}, ${b.email}, 'requester')`;
      const body = b.steps ? `${b.description}\n\nSteps to reproduce:\n${b.steps}` : b.description;
      await tx`
        insert into messages (ticket_id, author_kind, author_email, channel, body)
        values (${ticket!.id}, 'requester', ${b.email}, 'api', ${body})`;
      await tx`
        insert into ticket_events (ticket_id, type, actor, data)
        values (${ticket!.id}, 'created', ${`requester:${b.email}`},
          ${tx.json({ channel: "api", slaLevel: level, urgent: b.urgent ?? false, licenseId: null, attachments: 0 })})`;
      await tx`
        insert into outbox (ticket_id, kind, to_address, subject, text_body, headers, message_id)
        values (${ticket!.id}, 'acknowledgement', ${b.email}, ${`[TID#${tid}] ${subject}`},
          ${`We have received your support request and registered it as TID#${tid}.\n\nYou will have our response by ${dueAt.toISOString()} at the latest.`},
          ${tx.json({ "Auto-Submitted": "auto-replied" })}, ${`<t${tid}.${Math.random().toString(36).slice(2)}@localhost>`})`;
      return tid;
    });
    return c.json({
      tid, status: "new", slaLevel: level, responseTargetAt: targetAt.toISOString(),
      responseDueAt: dueAt.toISOString(), receivedAt: receivedAt.toISOString(),
    }, 201);
  });
  // The reason goes back in the body, where the benchmark reports the first failure it sees.
  app.onError((err, c) => c.text(`bare route failed: ${err.message}`, 500));
  return app;
}
