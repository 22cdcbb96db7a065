import { and, asc, eq, sql } from "drizzle-orm";
import type { CannedAnswer, CannedCategory, CannedInput } from "../../../shared/api/console";
import type { Deps } from "../../deps";
import { cannedAnswers } from "../../db/schema";
import { ApiError } from "../../errors";
import { CANNED_DEFAULTS } from "./canned-defaults";

type Row = typeof cannedAnswers.$inferSelect;
const view = (r: Row): CannedAnswer => ({ id: r.id, title: r.title, locale: r.locale, body: r.body, category: r.category, updatedBy: r.updatedBy, updatedAt: r.updatedAt.toISOString() });

/**
 * Canned answers for replies. An empty table is seeded with the defaults on the first read, in the
 * same transaction as the read and under an advisory lock, so two first reads at once (or two
 * processes) seed once. Without a "seeded" marker in the schema, an installation whose admins
 * deleted every answer gets the defaults back on the next read.
 */
export async function listCanned(deps: Pick<Deps, "db" | "now">, filter: { locale?: "en" | "de"; category?: CannedCategory }) {
  const where = and(filter.locale ? eq(cannedAnswers.locale, filter.locale) : undefined, filter.category ? eq(cannedAnswers.category, filter.category) : undefined);
  const order = [asc(cannedAnswers.category), asc(cannedAnswers.locale), asc(cannedAnswers.title), asc(cannedAnswers.id)];
  const [any] = await deps.db.select({ id: cannedAnswers.id }).from(cannedAnswers).limit(1);
  if (any) return (await deps.db.select().from(cannedAnswers).where(where).orderBy(...order)).map(view);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tidings:canned-defaults'))::text as locked`);
    const [again] = await tx.select({ id: cannedAnswers.id }).from(cannedAnswers).limit(1);
    if (!again) {
      const now = deps.now();
      await tx.insert(cannedAnswers).values(CANNED_DEFAULTS.map((d) => ({ ...d, updatedBy: "system:defaults", updatedAt: now })));
    }
    return (await tx.select().from(cannedAnswers).where(where).orderBy(...order)).map(view);
  });
}

export async function createCanned(deps: Pick<Deps, "db" | "now" | "log">, input: CannedInput, actor: string) {
  const [row] = await deps.db.insert(cannedAnswers).values({ ...input, updatedBy: actor, updatedAt: deps.now() }).returning();
  deps.log.info({ actor, action: "canned-created", cannedId: row!.id, title: row!.title, locale: row!.locale }, "canned answer created");
  return view(row!);
}

export async function updateCanned(deps: Pick<Deps, "db" | "now" | "log">, id: number, input: CannedInput, actor: string) {
  const [row] = await deps.db.update(cannedAnswers).set({ ...input, updatedBy: actor, updatedAt: deps.now() }).where(eq(cannedAnswers.id, id)).returning();
  if (!row) throw new ApiError("NOT_FOUND", "There is no such canned answer.");
  deps.log.info({ actor, action: "canned-updated", cannedId: id, title: row.title, locale: row.locale }, "canned answer updated");
  return view(row);
}

export async function deleteCanned(deps: Pick<Deps, "db" | "log">, id: number, actor: string) {
  const [row] = await deps.db.delete(cannedAnswers).where(eq(cannedAnswers.id, id)).returning({ id: cannedAnswers.id, title: cannedAnswers.title });
  if (!row) throw new ApiError("NOT_FOUND", "There is no such canned answer.");
  deps.log.info({ actor, action: "canned-deleted", cannedId: id, title: row.title }, "canned answer deleted");
  return { id, deleted: true };
}
