import type { Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Deps } from "../deps";
import { outbox } from "../db/schema";
import { fromHeader } from "../mail/from-header";
import { createOutboundTransport } from "../mail/outbound-transport";
import { recordDeliveryFailure as recordFailure } from "../services/mail/delivery-failure";
import type { Job } from "./runner";
import { createSentMarks } from "./sent-marks";

/** Rows claimed at once: enough to keep every connection of the pool busy for a while. */
const BATCH = 50;
/** Longer than one delivery can take (the connect, greeting and socket timeouts of mail/outbound-transport.ts), so a live sender never loses its claim. */
const LEASE_MS = 60_000;
/**
 * No send of a batch starts later than this after its claim: the rest are released for the next
 * claim, so a slow relay cannot make a send run past the lease (another process would claim the
 * row again and send it twice). Half the lease leaves a send the socket timeout and then some.
 */
const SEND_WINDOW_MS = LEASE_MS / 2;
/** How long one run goes on claiming batches that come back full before it hands back to the runner (and its stop). */
const RUN_FOR_MS = 5_000;
/** Mails per pooled connection before it is closed and a fresh one opened (nodemailer's default). */
const MESSAGES_PER_CONNECTION = 100;

/**
 * Delivers the outbox through SMTP_URL. Rows are claimed in batches with a lease (SKIP LOCKED, so
 * processes never claim the same row) and sent outside any transaction, `connections` mails at
 * a time over SMTP sessions kept between mails (mail/outbound-transport.ts: no DATA after a
 * refusal, QUIT after a refusal or when idle); each row is marked sent as soon as
 * its own send succeeded (sent-marks.ts), so a failure of another mail of the batch never makes a
 * delivered mail go out again. A process that dies mid-batch leaves leases that run out, and only
 * the rows whose mark had not committed are tried again (at most the mails in flight); a failure is
 * read by its codes (services/mail/delivery-failure.ts): a temporary one is retried with exponential
 * backoff (capped) for up to three days, a permanent one fails the mail at once. A batch that found work is
 * followed by the next claim at once, so a burst drains at the pool's pace, not the interval's.
 */
export function outboxSenderJob(smtpUrl: string, intervalMs = 2000, ehloName = "localhost", connections = 5): Job & { close(): void } {
  const transport: Transporter = createOutboundTransport({ url: smtpUrl, name: ehloName });
  return {
    name: "outbox-sender",
    intervalMs,
    batchSize: BATCH,
    againWhenAny: true,
    run: (deps, stopping) => sendBatch(deps, transport, connections, stopping),
    close: () => transport.close(),
  };
}

/**
 * Pooled nodemailer settings, in ONE object with the URL: passed as `createTransport(url, options)`
 * the options are message defaults, not transport settings, and are silently ignored. The bare
 * baseline of bench/outbox.ts sends with these.
 */
export function transportOptions(smtpUrl: string, connections: number) {
  return {
    url: smtpUrl,
    pool: true,
    maxConnections: connections,
    maxMessages: MESSAGES_PER_CONNECTION,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } satisfies SMTPPool.Options & { url: string };
}

/**
 * Claims a batch and sends it with `inFlight` mails at a time; while batches come back full, the
 * next is claimed as the last mails of this one go out, so no connection waits for the database,
 * for at most RUN_FOR_MS (then the runner calls again at once). Resolves with the rows claimed.
 * Once `stopping` fires no send starts and no batch is claimed: the rows not yet sent are
 * released (their lease cleared) for another process to send now rather than after the lease.
 */
export async function sendBatch(deps: Deps, transport: Transporter, inFlight = 1, stopping?: AbortSignal): Promise<number> {
  const started = Date.now();
  const queue = (await claimBatch(deps)).map((row) => ({ row, claimedAt: started }));
  let claimed = queue.length;
  let full = claimed === BATCH;
  let claiming: Promise<void> | null = null;
  const marks = createSentMarks(deps);
  const marked: Promise<void>[] = [];
  const late: number[] = [];
  const errors: unknown[] = [];
  const claimMore = () => {
    const at = Date.now();
    claiming = claimBatch(deps).then(
      (rows) => { queue.push(...rows.map((row) => ({ row, claimedAt: at }))); claimed += rows.length; full = rows.length === BATCH; },
      (err: unknown) => { errors.push(err); full = false; },
    ).finally(() => { claiming = null; });
  };
  const worker = async () => {
    for (;;) {
      if (full && !claiming && !stopping?.aborted && queue.length <= inFlight * 2 && Date.now() - started < RUN_FOR_MS) claimMore();
      const next = queue.shift();
      if (!next) {
        if (!claiming) return;
        await claiming;
        continue;
      }
      if (stopping?.aborted || Date.now() - next.claimedAt > SEND_WINDOW_MS) {
        late.push(next.row.id);
        continue;
      }
      // A database error leaves the row leased: it comes back when the lease runs out.
      const sent = await deliver(deps, transport, next.row).catch((err: unknown) => void errors.push(err));
      if (sent) marked.push(marks.add(next.row.id).catch((err: unknown) => void errors.push(err)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, claimed)) }, worker));
  await Promise.all(marked);
  if (late.length) await deps.db.update(outbox).set({ leaseUntil: null }).where(inArray(outbox.id, late));
  if (errors.length) throw errors[0];
  return claimed;
}

function claimBatch(deps: Deps) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
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
}

/** Sends one mail; true when it went out (the caller marks it), false when its failure was recorded. */
async function deliver(deps: Deps, transport: Transporter, row: typeof outbox.$inferSelect): Promise<boolean> {
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
  } catch (err) {
    await recordFailure(deps, row, err);
    return false;
  }
  deps.metrics.outboxDeliveries.inc({ result: "sent" });
  return true;
}
