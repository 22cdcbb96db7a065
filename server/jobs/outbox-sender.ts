import nodemailer, { type Transporter } from "nodemailer";
import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Deps } from "../deps";
import { mailSuppressions, outbox, ticketEvents } from "../db/schema";
import type { Job } from "./runner";

const BATCH = 20;
/** Longer than one delivery can take (connect, greeting and socket timeouts below), so a live sender never loses its claim. */
const LEASE_MS = 60_000;
/** Mail still undelivered after this long is marked failed for staff to see and retry by hand. */
const GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;

/**
 * Delivers the outbox through SMTP_URL. A row is claimed with a lease (SKIP LOCKED, so processes
 * never claim the same row), sent outside any transaction, then marked sent. A process that dies
 * mid-send leaves a lease that runs out, and the row is tried again; a failure is retried with
 * exponential backoff (capped) for up to three days, then marked failed for staff to see.
 */
export function outboxSenderJob(smtpUrl: string, intervalMs = 2000): Job & { close(): void } {
  const transport: Transporter = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
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
        from: deps.config.mailFrom,
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

async function recordFailure(deps: Deps, row: typeof outbox.$inferSelect, err: unknown) {
  const e = err as { responseCode?: number; message?: string; code?: string };
  const attempts = row.attempts + 1;
  // 5xx at the recipient step is the server saying "never": no retry, and no more automatic mail there.
  const permanent = typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600 && /recipient|mailbox|user|550|551|553/i.test(e.message ?? "");
  const failed = permanent || deps.now().getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
  const { baseMs, maxMs } = deps.config.outboxBackoff;
  const backoff = Math.min(maxMs, baseMs * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);
  const lastError = `${e.responseCode ?? e.code ?? "error"}: ${(e.message ?? String(err)).slice(0, 300)}`;
  await deps.db.transaction(async (tx) => {
    await tx.update(outbox).set({
      status: failed ? "failed" : "pending",
      attempts,
      lastError,
      leaseUntil: null,
      nextAttemptAt: new Date(deps.now().getTime() + backoff),
    }).where(eq(outbox.id, row.id));
    if (permanent) {
      await tx.insert(mailSuppressions).values({ email: row.toAddress, reason: lastError, outboxId: row.id }).onConflictDoNothing();
      if (row.ticketId) {
        await tx.insert(ticketEvents).values({ ticketId: row.ticketId, type: "mail-rejected", actor: "system:outbox", data: { outboxId: row.id, to: row.toAddress, error: lastError } });
      }
    }
  });
  deps.log.warn({ outboxId: row.id, attempts, failed, error: lastError }, "mail delivery failed");
}
