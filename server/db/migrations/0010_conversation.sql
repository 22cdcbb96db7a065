DROP INDEX "tickets_warn_due_idx";--> statement-breakpoint
DROP INDEX "tickets_breach_due_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "kind" text DEFAULT 'message' NOT NULL;--> statement-breakpoint
ALTER TABLE "requesters" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_warn_due_idx" ON "tickets" USING btree ("response_target_at") WHERE target_warned_at is null and answered_at is null and status in ('new','open','in-development');--> statement-breakpoint
CREATE INDEX "tickets_breach_due_idx" ON "tickets" USING btree ("response_due_at") WHERE breached_at is null and answered_at is null and status in ('new','open','in-development');--> statement-breakpoint
-- Until now the answer to the current clock and the first response were one column, erased by a
-- reopening. Every unerased first response is also the answer to the clock (nothing reopened it since).
UPDATE "tickets" SET "answered_at" = "first_response_at" WHERE "first_response_at" IS NOT NULL AND "answered_at" IS NULL;--> statement-breakpoint
UPDATE "messages" SET "kind" = 'note' WHERE "visibility" = 'internal' AND "kind" = 'message';--> statement-breakpoint
-- The correspondence that so far lived only in events (and, for a request for information, in the
-- mail that went out): one message per event, at the event's time, in event order. Each source
-- skips an event that already has its message (same ticket, kind and time), so running this again
-- adds nothing. A client's reopening by mail already has its message (the mail), at the same instant.
INSERT INTO "messages" ("ticket_id", "author_kind", "author_email", "visibility", "channel", "kind", "body", "created_at")
SELECT x.ticket_id, x.author_kind, x.author_email, x.visibility, x.channel, x.kind, x.body, x.created_at
FROM (
  SELECT e.id AS event_id, e.ticket_id, 'requester' AS author_kind, substr(e.actor, 11) AS author_email, 'public' AS visibility,
    'portal' AS channel, 'reopen' AS kind, coalesce(nullif(btrim(e.data->>'reason'), ''), '-') AS body, e.created_at
  FROM "ticket_events" e
  WHERE e.type = 'reopened' AND e.actor LIKE 'requester:%'
    AND NOT EXISTS (SELECT 1 FROM "messages" m WHERE m.ticket_id = e.ticket_id AND m.author_kind = 'requester' AND m.created_at = e.created_at)
  UNION ALL
  SELECT e.id, e.ticket_id, 'requester', substr(e.actor, 11), 'public', 'portal', 'escalation',
    coalesce(nullif(btrim(e.data->>'reason'), ''), '-'), e.created_at
  FROM "ticket_events" e
  WHERE e.type = 'escalated' AND e.actor LIKE 'requester:%'
    AND NOT EXISTS (SELECT 1 FROM "messages" m WHERE m.ticket_id = e.ticket_id AND m.kind = 'escalation' AND m.created_at = e.created_at)
  UNION ALL
  -- The same text as shared/messages.ts ratingBody: "4/5", then the comment.
  SELECT e.id, e.ticket_id, 'requester', substr(e.actor, 11), 'internal', 'portal', 'rating',
    (e.data->>'score') || '/5' || coalesce(E'\n\n' || nullif(btrim(e.data->>'comment'), ''), ''), e.created_at
  FROM "ticket_events" e
  WHERE e.type = 'rated' AND e.actor LIKE 'requester:%'
    AND NOT EXISTS (SELECT 1 FROM "messages" m WHERE m.ticket_id = e.ticket_id AND m.kind = 'rating' AND m.created_at = e.created_at)
  UNION ALL
  -- A request for information was a status change to pending-client plus a mail; the mail's text is
  -- what the client read, so it is the message; without the mail, the items the event names.
  SELECT e.id, e.ticket_id, 'staff', e.actor, 'public', 'portal', 'request-info',
    coalesce(
      (SELECT o.text_body FROM "outbox" o WHERE o.ticket_id = e.ticket_id AND o.kind = 'request-information'
         AND o.created_at >= e.created_at AND o.created_at < e.created_at + interval '1 minute' ORDER BY o.created_at, o.id LIMIT 1),
      CASE WHEN e.data->>'reason' LIKE 'missing: %' THEN '- ' || replace(substr(e.data->>'reason', 10), ', ', E'\n- ') ELSE '-' END),
    e.created_at
  FROM "ticket_events" e
  WHERE e.type = 'status-changed' AND e.data->>'to' = 'pending-client' AND e.actor NOT LIKE 'requester:%'
    AND (e.data->>'reason' = 'information requested' OR e.data->>'reason' LIKE 'missing: %'
      OR EXISTS (SELECT 1 FROM "outbox" o WHERE o.ticket_id = e.ticket_id AND o.kind = 'request-information'
        AND o.created_at >= e.created_at AND o.created_at < e.created_at + interval '1 minute'))
    AND NOT EXISTS (SELECT 1 FROM "messages" m WHERE m.ticket_id = e.ticket_id AND m.kind = 'request-info' AND m.created_at = e.created_at)
) x
ORDER BY x.created_at, x.event_id;
