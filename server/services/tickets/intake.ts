import { sha256Hex } from "../../domain/hash";
import { and, eq, gt, lt } from "drizzle-orm";
import { deriveSubject, ticketCreateSchema, type TicketCreate, type TicketCreated } from "../../../shared/api/tickets";
import type { Deps } from "../../deps";
import { idempotencyKeys, tickets } from "../../db/schema";
import type { Locale } from "../../../shared/locale";
import { judgeAttachments, type AttachmentInput } from "../../domain/attachments/judge";
import { ApiError } from "../../errors";
import { Rejection } from "../../domain/rejection";
import { insertTicket } from "./ticket-insert";
import { recordTicketArticleSlugs } from "../kb/feedback";
import { isUniqueViolation } from "../../db/pg-errors";
import { storeBlobs, type StoredBlob } from "./blob-writes";
import { browserOf, systemOf } from "../../domain/user-agent";
import type { Environment } from "../../../shared/api/environment";
import type { Channel } from "../../../shared/channels";
import { articlesForAck } from "../kb/ack-articles";

export interface IntakeRequest {
  fields: unknown;
  /** Bytes (mail, tests) or an upload's temporary files (server/http/multipart.ts). */
  files: AttachmentInput[];
  channel: Channel;
  siteId?: number | null;
  idempotencyKey?: string;
  /** From the request's Accept-Language, when it names one of our languages. */
  acceptLocale?: Locale | null;
  /** Channels that know the language for sure (inbound mail's Content-Language); wins over all. */
  locale?: Locale;
  /** False when the site switched off the acknowledgement's article suggestions (sites.ack_articles). */
  ackArticles?: boolean;
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
  // Checked here, not per route: every channel that takes the header (API, widget, portal) alike.
  if (req.idempotencyKey !== undefined && !/^[\x21-\x7e]{8,200}$/.test(req.idempotencyKey)) {
    throw new ApiError("VALIDATION_FAILED", "The Idempotency-Key header must be 8 to 200 visible ASCII characters, for example a UUID.", { field: "Idempotency-Key" });
  }
  const input = ticketCreateSchema.parse(req.fields);
  const files = await judgeAttachments(req.files).catch((e: unknown) => {
    if (e instanceof Rejection) deps.metrics.attachmentsRefused.inc({ code: e.code, channel: req.channel });
    throw e;
  });
  const phpinfo = input.phpinfo ? Buffer.from(input.phpinfo, "utf8") : null;
  // Only needed to compare a replayed request with the first one.
  const requestHash = req.idempotencyKey ? hashRequest(input, files.map((f) => f.sha256), req.channel, req.siteId ?? null) : "";

  if (req.idempotencyKey) {
    const replay = await findReplay(deps, req.idempotencyKey, requestHash);
    if (replay) return { ticket: replay, replayed: true };
  }

  // What this request says about the client's language: the page's language, else the browser's.
  const chosen = req.locale ?? input.locale ?? req.acceptLocale ?? null;
  const receivedAt = deps.now();
  const cal = await deps.calendar();
  const subject = input.subject ?? deriveSubject(input.description);
  // Before the transaction, so the search holds none of its connection (issue 16).
  const articles = req.ackArticles === false ? undefined : await articlesForAck(deps, { ...input, subject, locale: chosen });
  const blobs: StoredBlob[] = files.map((f) => ({ sha256: f.sha256, source: f.source }));
  const phpinfoSha = phpinfo ? sha256Hex(phpinfo) : null;
  if (phpinfo && phpinfoSha) blobs.push({ sha256: phpinfoSha, source: phpinfo });

  const written = await storeBlobs(deps, blobs, async () => {
    try {
      return await deps.db.transaction(async (tx) => {
        const created = await insertTicket(tx, deps, cal, {
          channel: req.channel,
          email: input.email,
          name: input.name,
          subject,
          description: input.description,
          body: firstMessageBody(input),
          steps: input.steps,
          url: input.url,
          docLink: input.docLink,
          productVersion: input.productVersion,
          edition: input.edition,
          urgent: input.urgent,
          locale: "en",
          remember: { chosen },
          siteId: req.siteId,
          receivedAt,
          files,
          phpinfo: phpinfo && phpinfoSha ? { sha256: phpinfoSha, size: phpinfo.length } : null,
          environment: input.environment ? namedEnvironment(input.environment) : null,
          acknowledge: true,
          articles,
        });
        if (input.kbShown?.length || input.kbOpened?.length) {
          await recordTicketArticleSlugs(tx, created.ticketId, { shown: input.kbShown ?? [], opened: input.kbOpened ?? [] }, input.locale ?? chosen ?? "en", receivedAt);
        }
        if (req.idempotencyKey) {
          await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, req.idempotencyKey), lt(idempotencyKeys.createdAt, new Date(receivedAt.getTime() - IDEMPOTENCY_TTL_MS))));
          await tx.insert(idempotencyKeys).values({ key: req.idempotencyKey, requestHash, ticketId: created.ticketId });
        }
        return created;
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

  if ("replay" in written) return { ticket: written.replay, replayed: true };
  deps.metrics.ticketsCreated.inc({ channel: req.channel, level: written.level });
  return {
    ticket: {
      tid: written.tid,
      status: "new",
      slaLevel: written.level,
      responseTargetAt: written.targetAt?.toISOString() ?? null,
      responseDueAt: written.dueAt?.toISOString() ?? null,
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

/** Browser and system named from the User-Agent where the browser gave no client hints for them. */
function namedEnvironment(env: Environment): Environment {
  if (!env.userAgent) return env;
  const browser = env.browser?.name ? env.browser : browserOf(env.userAgent);
  const os = env.os?.name ? env.os : systemOf(env.userAgent);
  return { ...env, ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}

function firstMessageBody(input: TicketCreate): string {
  return input.steps ? `${input.description}\n\nSteps to reproduce:\n${input.steps}` : input.description;
}

function hashRequest(input: TicketCreate, fileHashes: string[], channel: string, siteId: number | null): string {
  const canonical = JSON.stringify([channel, siteId, Object.entries(input).sort(([a], [b]) => a.localeCompare(b)), fileHashes]);
  return sha256Hex(canonical);
}

