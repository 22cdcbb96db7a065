import { eq } from "drizzle-orm";
import type { Deps } from "../../deps";
import { mailSuppressions, outbox } from "../../db/schema";
import { recordEvents } from "../tickets/ticket-events";
import { classifyRefusal, describeRefusal } from "../../domain/mail/delivery-status";
import { raiseMailAlert } from "./mail-alerts";

/** Mail still undelivered after this long is marked failed for staff to see and retry by hand. */
export const GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;

/**
 * What a refused or failed delivery does (domain/mail/delivery-status.ts): a 4xx or no answer is
 * tried again with backoff for up to three days; a 5xx fails the mail now, wherever it came
 * (RCPT or after DATA); only a mailbox failure suppresses the address; a fault in our setup or on
 * the way also raises an operator alert (the console's notice, the `mail_alerts` table and a
 * counter), once per failed mail and on the first of a mail's retries.
 */
export async function recordDeliveryFailure(deps: Deps, row: typeof outbox.$inferSelect, err: unknown): Promise<void> {
  const e = err as { responseCode?: number; response?: string; message?: string; code?: string; command?: string };
  const attempts = row.attempts + 1;
  const hasReply = typeof e.responseCode === "number";
  const reply = (hasReply ? e.response ?? e.message : e.message) ?? String(err);
  const v = classifyRefusal({ basic: e.responseCode, text: hasReply ? reply : null, command: e.command });
  const now = deps.now();
  const failed = !v.retry || now.getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
  const { baseMs, maxMs } = deps.config.outboxBackoff;
  const backoff = Math.min(maxMs, baseMs * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
  const lastError = hasReply ? describeRefusal(v, reply) : `${e.code ?? "error"}: ${reply.slice(0, 300)}`;
  const alert = v.alert && (failed || attempts === 1);
  await deps.db.transaction(async (tx) => {
    await tx.update(outbox).set({
      status: failed ? "failed" : "pending",
      attempts,
      lastError,
      leaseUntil: null,
      nextAttemptAt: new Date(now.getTime() + backoff),
    }).where(eq(outbox.id, row.id));
    if (v.suppress) {
      await tx.insert(mailSuppressions).values({ email: row.toAddress, reason: lastError, outboxId: row.id, code: v.code ?? String(v.basic), createdAt: now }).onConflictDoNothing();
    }
    if (failed && row.ticketId) {
      await recordEvents(tx, {
        ticketId: row.ticketId, type: "mail-rejected", actor: "system:outbox",
        data: { outboxId: row.id, to: row.toAddress, error: lastError, kind: v.kind, suppressed: v.suppress }, createdAt: now,
      });
    }
    if (alert) await raiseMailAlert(tx, v, reply, row.toAddress, row.id, now);
  });
  deps.metrics.mailDeliveryFailures.inc({ kind: v.kind });
  if (alert) deps.metrics.mailSetupAlerts.inc();
  deps.metrics.outboxDeliveries.inc({ result: failed ? "failed" : "retry" });
  const entry = { outboxId: row.id, attempts, failed, kind: v.kind, suppressed: v.suppress, error: lastError };
  if (alert) deps.log.error(entry, "mail delivery failed: check the mail setup");
  else deps.log.warn(entry, "mail delivery failed");
}
