import { createHash } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { deriveSubject, ticketCreateSchema, type TicketCreate, type TicketCreated } from "../../shared/api/tickets";
import { makeTid } from "../../shared/tid";
import type { Deps } from "../deps";
import { attachments, idempotencyKeys, messages, requesters, ticketEvents, tickets } from "../db/schema";
import { judgeAttachments } from "../domain/attachments/judge";
import { responseTimes } from "../domain/sla/response-times";
import { localDate } from "../domain/sla/local-date";
import { ApiError } from "../errors";
import { resolveLevel } from "./levels";
import { acknowledgementMail } from "./acknowledgement";
import { enqueueMail } from "./outbox";
import { rowsOf } from "../db/rows";
import { isUniqueViolation } from "../db/pg-errors";
import { storeBlobs, type StoredBlob } from "./blob-writes";

export interface IntakeRequest {
  fields: unknown;
  files: { name: string; bytes: Buffer }[];
  channel: "api" | "widget" | "portal" | "email";
  siteId?: number | null;
  idempotencyKey?: string;
}

export interface IntakeResult {
  ticket: TicketCreated;
  replayed: boolean;
}

const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * Registers a ticket, all or nothing: the fields and every file are judged before anything is
 * written; blobs are stored before the transaction and removed again if it does not commit.
 */
export async function registerTicket(deps: Deps, req: IntakeRequest): Promise<IntakeResult> {
  const input = ticketCreateSchema.parse(req.fields);
  const files = await judgeAttachments(req.files);
  const phpinfo = input.phpinfo ? Buffer.from(input.phpinfo, "utf8") : null;
  const requestHash = hashRequest(input, files.map((f) => f.sha256), req.channel, req.siteId ?? null);

  if (req.idempotencyKey) {
    const replay = await findReplay(deps, req.idempotencyKey, requestHash);
    if (replay) return { ticket: replay, replayed: true };
  }

  const receivedAt = deps.now();
  const cal = await deps.calendar();
  const { level, licenseId } = await resolveLevel(deps.db, input.email, input.edition, localDate(receivedAt, cal.timeZone));
  const { targetAt, dueAt } = responseTimes(level, receivedAt, cal);

  const blobs: StoredBlob[] = files.map((f) => ({ sha256: f.sha256, bytes: f.bytes }));
  const phpinfoSha = phpinfo ? sha256(phpinfo) : null;
  if (phpinfo && phpinfoSha) blobs.push({ sha256: phpinfoSha, bytes: phpinfo });

  const written = await storeBlobs(deps, blobs, async () => {
    try {
      return await deps.db.transaction(async (tx) => {
        const [next] = rowsOf<{ seq: string }>(await tx.execute(sql`select nextval('tid_seq')::text as seq`));
        const tid = makeTid(next!.seq);
        const [requester] = await tx
          .insert(requesters)
          .values({ email: input.email, name: input.name ?? null })
          .onConflictDoUpdate({ target: requesters.email, set: { name: sql`coalesce(excluded.name, ${requesters.name})` } })
          .returning({ id: requesters.id });
        const [ticket] = await tx
          .insert(tickets)
          .values({
            tid,
            channel: req.channel,
            requesterId: requester!.id,
            siteId: req.siteId ?? null,
            licenseId,
            subject: input.subject ?? deriveSubject(input.description),
            description: input.description,
            steps: input.steps ?? null,
            url: input.url ?? null,
            productVersion: input.productVersion ?? null,
            edition: input.edition ?? null,
            urgent: input.urgent,
            slaLevel: level,
            receivedAt,
            slaStartedAt: receivedAt,
            responseTargetAt: targetAt,
            responseDueAt: dueAt,
          })
          .returning({ id: tickets.id });
        const ticketId = ticket!.id;
        if (req.idempotencyKey) {
          await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, req.idempotencyKey), lt(idempotencyKeys.createdAt, new Date(receivedAt.getTime() - IDEMPOTENCY_TTL_MS))));
          await tx.insert(idempotencyKeys).values({ key: req.idempotencyKey, requestHash, ticketId });
        }
        const [message] = await tx
          .insert(messages)
          .values({ ticketId, authorKind: "requester", authorEmail: input.email, channel: req.channel, body: firstMessageBody(input) })
          .returning({ id: messages.id });
        const rows: (typeof attachments.$inferInsert)[] = files.map((f) => ({
          ticketId, messageId: message!.id, kind: "file" as const, fileName: f.name, contentType: f.mime, size: f.size, sha256: f.sha256,
        }));
        if (phpinfo && phpinfoSha) {
          rows.push({ ticketId, messageId: message!.id, kind: "phpinfo" as const, fileName: "phpinfo.txt", contentType: "text/plain; charset=utf-8", size: phpinfo.length, sha256: phpinfoSha });
        }
        if (rows.length) await tx.insert(attachments).values(rows);
        await tx.insert(ticketEvents).values({
          ticketId, type: "created", actor: `requester:${input.email}`,
          data: { channel: req.channel, slaLevel: level, urgent: input.urgent, licenseId, attachments: rows.length },
        });
        await enqueueMail(tx, acknowledgementMail(deps, { tid, ticketId, email: input.email, subject: input.subject ?? deriveSubject(input.description), level, dueAt, timeZone: cal.timeZone }));
        return tid;
      });
    } catch (e) {
      // Two requests with one key raced: the loser's transaction is void; answer with the winner's ticket.
      if (req.idempotencyKey && isUniqueViolation(e, "idempotency_keys_pkey")) {
        const replay = await findReplay(deps, req.idempotencyKey, requestHash);
        if (replay) return { replay };
      }
      throw e;
    }
  });

  if (typeof written !== "string") return { ticket: written.replay, replayed: true };
  return {
    ticket: {
      tid: written,
      status: "new",
      slaLevel: level,
      responseTargetAt: targetAt?.toISOString() ?? null,
      responseDueAt: dueAt?.toISOString() ?? null,
      receivedAt: receivedAt.toISOString(),
    },
    replayed: false,
  };
}

async function findReplay(deps: Deps, key: string, requestHash: string): Promise<TicketCreated | null> {
  const since = new Date(deps.now().getTime() - IDEMPOTENCY_TTL_MS);
  const [row] = await deps.db
    .select({
      hash: idempotencyKeys.requestHash, tid: tickets.tid, slaLevel: tickets.slaLevel,
      responseTargetAt: tickets.responseTargetAt, responseDueAt: tickets.responseDueAt, receivedAt: tickets.receivedAt,
    })
    .from(idempotencyKeys)
    .innerJoin(tickets, eq(tickets.id, idempotencyKeys.ticketId))
    .where(and(eq(idempotencyKeys.key, key), gt(idempotencyKeys.createdAt, since)));
  if (!row) return null;
  if (row.hash !== requestHash) {
    throw new ApiError("IDEMPOTENCY_CONFLICT", "This Idempotency-Key was already used for a different request. Use a new key for a new ticket.");
  }
  return {
    tid: row.tid,
    status: "new",
    slaLevel: row.slaLevel,
    responseTargetAt: row.responseTargetAt?.toISOString() ?? null,
    responseDueAt: row.responseDueAt?.toISOString() ?? null,
    receivedAt: row.receivedAt.toISOString(),
  };
}

function firstMessageBody(input: TicketCreate): string {
  return input.steps ? `${input.description}\n\nSteps to reproduce:\n${input.steps}` : input.description;
}

function hashRequest(input: TicketCreate, fileHashes: string[], channel: string, siteId: number | null): string {
  const canonical = JSON.stringify([channel, siteId, Object.entries(input).sort(([a], [b]) => a.localeCompare(b)), fileHashes]);
  return createHash("sha256").update(canonical).digest("hex");
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
