import { eq } from "drizzle-orm";
import type { Deps } from "../../deps";
import { inboundMails, mailSuppressions, outbox } from "../../db/schema";
import { recordEvents } from "../tickets/ticket-events";
import type { BounceInfo } from "../../domain/mail/bounce";
import { describeRefusal } from "../../domain/mail/delivery-status";
import { raiseMailAlert } from "./mail-alerts";
import type { InboundResult } from "./inbound-mail";

export interface BounceFacts { from: string | null; subject: string; messageId: string | null; contentSha256: string; receivedAt: Date }

/**
 * What a delivery status notification does to the outbox row it is about (RFC 3464 Action):
 * `delayed` (Postfix's "Delayed Mail (still being retried)") and `delivered`/`relayed` are a note
 * on the row and change nothing else: the mail is still on its way, and marking it failed would
 * invite a staff retry that sends it twice. `failed` fails the row and is recorded on the ticket;
 * only a mailbox failure suppresses the address, a fault in our setup raises an operator alert.
 */
export function writeBounce(deps: Deps, raw: Buffer, info: BounceInfo, original: typeof outbox.$inferSelect | undefined, base: BounceFacts): Promise<InboundResult> {
  const v = info.verdict;
  const said = info.diagnostic ?? info.status ?? "no status";
  return deps.db.transaction(async (tx) => {
    if (original && !v) {
      await tx.update(outbox).set({ note: `${info.action}${info.status ? ` ${info.status}` : ""} (${base.receivedAt.toISOString()}): ${said}`.slice(0, 500) }).where(eq(outbox.id, original.id));
    }
    if (original && v) {
      const lastError = `bounced: ${describeRefusal(v, said)}`;
      await tx.update(outbox).set({ status: "failed", lastError }).where(eq(outbox.id, original.id));
      if (original.ticketId) {
        await recordEvents(tx, {
          ticketId: original.ticketId, type: "mail-bounced", actor: "system:mail",
          data: { outboxId: original.id, to: original.toAddress, status: info.status, permanent: info.permanent, kind: v.kind, suppressed: v.suppress },
        });
      }
      if (v.suppress) {
        await tx.insert(mailSuppressions).values({ email: original.toAddress, reason: lastError, outboxId: original.id, code: v.code }).onConflictDoNothing();
      }
      if (v.alert) await raiseMailAlert(tx, v, said, original.toAddress, original.id, deps.now());
    }
    const what = v ? `${v.kind}${v.suppress ? ", suppressed" : ""}` : `${info.action}, nothing changed`;
    await tx.insert(inboundMails).values({
      messageId: base.messageId, contentSha256: base.contentSha256, fromAddress: base.from, subject: base.subject.slice(0, 500), outcome: "bounce",
      reason: original ? `${v ? "bounce" : "delivery notice"} of outbox #${original.id} to ${original.toAddress} (${info.status ?? "?"}: ${what})` : "bounce of a mail we do not know",
      ticketId: original?.ticketId ?? null, size: raw.length, receivedAt: base.receivedAt,
    });
    return { outcome: "bounce" as const, reason: original ? `outbox #${original.id}` : "unmatched" };
  }).then((r) => {
    // Counted once the bounce is stored: a retried transaction must not count twice.
    if (v && original) {
      deps.metrics.mailDeliveryFailures.inc({ kind: v.kind });
      if (v.alert) deps.metrics.mailSetupAlerts.inc();
    }
    return r;
  });
}
