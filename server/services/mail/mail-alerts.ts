import { desc, gte } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { mailAlerts } from "../../db/schema";
import type { Deps } from "../../deps";
import type { FailureVerdict } from "../../domain/mail/delivery-status";
import type { MailAlertItem } from "../../../shared/api/suppressions";

/** Records a delivery failure whose fault is in our setup or on the way, for the console's notice. */
export async function raiseMailAlert(tx: Tx | Db, v: FailureVerdict, reply: string, to: string | null, outboxId: number | null, now: Date) {
  await tx.insert(mailAlerts).values({ kind: v.kind, code: v.code ?? (v.basic ? String(v.basic) : null), reply: reply.slice(0, 500), toAddress: to, outboxId, createdAt: now });
}

/** The alerts of the last `days` days, newest first. */
export async function listMailAlerts(deps: Pick<Deps, "db" | "now">, days = 7, limit = 50): Promise<MailAlertItem[]> {
  const since = new Date(deps.now().getTime() - days * 86_400_000);
  const rows = await deps.db.select().from(mailAlerts).where(gte(mailAlerts.createdAt, since)).orderBy(desc(mailAlerts.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, kind: r.kind, code: r.code, reply: r.reply, to: r.toAddress, outboxId: r.outboxId, createdAt: r.createdAt.toISOString() }));
}
