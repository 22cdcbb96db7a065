import { sql } from "drizzle-orm";
import { LOCALES, type Locale } from "../../../shared/locale";
import type { Db } from "../../db/client";
import { rowsOf } from "../../db/rows";
import { visibleSql } from "./visible-sql";

/**
 * Whether any public article is published, per language, remembered for a short while: intake
 * asks on every ticket (the acknowledgement's articles), and a desk without a knowledge base must
 * not pay a query per ticket for it. Saving or deleting an article, here or in any process on the
 * database (the change bus), forgets it; articles scheduled to appear later show within the TTL.
 * Kept per database handle, not per module: tests run several apps, each on its own database.
 */
const TTL_MS = 60_000;
const known = new WeakMap<Db, { until: number; locales: Promise<ReadonlySet<Locale>> }>();

export function localesWithPublicArticles(db: Db, now: Date): Promise<ReadonlySet<Locale>> {
  const hit = known.get(db);
  if (hit && hit.until > Date.now()) return hit.locales;
  const locales = (async () => {
    const rows = rowsOf<{ locale: Locale }>(await db.execute(sql`
      select distinct locale from kb_articles where locale in (${sql.join(LOCALES.map((l) => sql`${l}`), sql`, `)}) and ${visibleSql("public", now)}`));
    return new Set(rows.map((r) => r.locale));
  })();
  known.set(db, { until: Date.now() + TTL_MS, locales });
  // A failed look-up is not remembered: the next ticket asks again.
  locales.catch(() => { if (known.get(db)?.locales === locales) known.delete(db); });
  return locales;
}

/** An article was saved or deleted: the next ticket looks again. */
export function forgetPublicArticles(db: Db): void {
  known.delete(db);
}
