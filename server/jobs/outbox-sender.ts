import type { Transporter } from "nodemailer";
import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Deps } from "../deps";
import { outbox } from "../db/schema";
import { fromHeader } from "../mail/from-header";
import { createOutboundTransport } from "../mail/outbound-transport";
import { recordDeliveryFailure as recordFailure } from "../services/delivery-failure";
import type { Job } from "./runner";

const BATCH = 20;
/** Longer than one delivery can take (the connect, greeting and socket timeouts of mail/outbound-transport.ts), so a live sender never loses its claim. */
const LEASE_MS = 60_000;

/**
 * Delivers the outbox through SMTP_URL. A row is claimed with a lease (SKIP LOCKED, so processes
 * never claim the same row), sent outside any transaction, then marked sent. A process that dies
 * mid-send leaves a lease that runs out, and the row is tried again; a failure is read by its codes
 * (services/delivery-failure.ts): a temporary one is retried with exponential backoff (capped) for
 * up to three days, a permanent one fails the mail at once, for staff to see.
 */
export function outboxSenderJob(smtpUrl: string, intervalMs = 2000, ehloName = "localhost"): Job & { close(): void } {
  const transport: Transporter = createOutboundTransport({ url: smtpUrl, name: ehloName });
  return {
    name: "outbox-sender",
    intervalMs,
    batchSize: BATCH,
    run: (deps) => sendBatch(deps, transport),
    close: () => transport.close(),
  };
}

export async function sendBatch(deps: Deps, transport: Transporter): Promise<number> {
  const now = deps.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, now))))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (rows.length) {
      await tx.update(outbox).set({ leaseUntil: new Date(now.getTime() + LEASE_MS) }).where(inArray(outbox.id, rows.map((r) => r.id)));
    }
    return rows;
  });

  for (const row of claimed) {
    try {
      await transport.sendMail({
        from: fromHeader(deps.config),
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody ?? undefined,
        messageId: row.messageId ?? undefined,
        headers: row.headers,
      });
      await deps.db.update(outbox).set({ status: "sent", sentAt: deps.now(), leaseUntil: null, attempts: row.attempts + 1, lastError: null }).where(eq(outbox.id, row.id));
    } catch (err) {
      await recordFailure(deps, row, err);
    }
  }
  return claimed.length;
}
