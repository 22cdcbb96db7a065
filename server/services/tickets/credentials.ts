import { and, asc, eq } from "drizzle-orm";
import type { CredentialInput } from "../../../shared/api/accounts";
import type { Db, Tx } from "../../db/client";
import { credentials } from "../../db/schema";
import { isDone } from "../../../shared/ticket-status";
import { recordEvents } from "./ticket-events";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import { lockTicket } from "./ticket-lookup";
import { open, seal } from "./vault";

/**
 * The credentials vault (SLA 4.3). The secret part of a login is sealed before it touches the
 * database; the metadata (kind, label, host, user) is what lists show. Only staff can reveal a
 * secret, and every reveal is an event with who and when.
 */
export async function storeCredential(deps: Deps, tid: string, by: string, input: CredentialInput) {
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    // Resolved tickets have had their credentials destroyed already; new ones would outlive that promise.
    if (isDone(t.status)) throw new ApiError("NOT_ALLOWED_NOW", "This ticket is resolved; credentials can no longer be added to it. Reopen it first if you still need help.");
    const sealed = seal(deps.secret, t.id, JSON.stringify({ host: input.host ?? null, username: input.username ?? null, secret: input.secret, notes: input.notes ?? null }));
    const [row] = await tx.insert(credentials).values({ ticketId: t.id, kind: input.kind, label: input.label, sealed, createdBy: by }).returning({ id: credentials.id });
    await recordEvents(tx, { ticketId: t.id, type: "credentials-added", actor: by, data: { credentialId: row!.id, kind: input.kind, label: input.label }, createdAt: deps.now() });
    return { id: row!.id, kind: input.kind, label: input.label };
  });
}

export async function listCredentials(db: Db, ticketId: number) {
  const rows = await db.select({ id: credentials.id, kind: credentials.kind, label: credentials.label, createdBy: credentials.createdBy, createdAt: credentials.createdAt })
    .from(credentials).where(eq(credentials.ticketId, ticketId)).orderBy(asc(credentials.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function revealCredential(deps: Deps, tid: string, id: string, by: string) {
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const [row] = /^[0-9a-f-]{36}$/i.test(id) ? await tx.select().from(credentials).where(and(eq(credentials.id, id), eq(credentials.ticketId, t.id))) : [];
    if (!row) throw new ApiError("NOT_FOUND", "This ticket has no such credentials (they are destroyed when a ticket closes).");
    await recordEvents(tx, { ticketId: t.id, type: "credentials-revealed", actor: by, data: { credentialId: id, label: row.label }, createdAt: deps.now() });
    return { id, kind: row.kind, label: row.label, ...JSON.parse(open(deps.secret, t.id, row.sealed)) as Record<string, string | null> };
  });
}

/** Destroys every sealed secret of a ticket (the rows are deleted, not flagged). Runs on close. */
export async function purgeCredentials(tx: Tx, ticketId: number, actor: string, now: Date): Promise<number> {
  const gone = await tx.delete(credentials).where(eq(credentials.ticketId, ticketId)).returning({ id: credentials.id });
  if (gone.length) await recordEvents(tx, { ticketId, type: "credentials-destroyed", actor, data: { count: gone.length }, createdAt: now });
  return gone.length;
}
