import { sql, type SQL } from "drizzle-orm";
import type { KbAudience } from "../../../shared/kb";
import { visibilitiesFor } from "../../domain/kb/visibility";
import { jsonList } from "./text-config";

/** domain/kb/visibility.ts's rule as a condition on kb_articles (alias-free). */
export function visibleSql(audience: KbAudience, now: Date): SQL {
  return sql`(kb_articles.visibility in (select jsonb_array_elements_text(${jsonList(visibilitiesFor(audience))}))
    and (kb_articles.publish_at is null or kb_articles.publish_at <= ${now.toISOString()}::timestamptz))`;
}

/** domain/kb/versions.ts's rule as SQL: no patterns, `*`, the version itself, or a `.*` prefix of it. */
export function versionSql(version: string): SQL {
  return sql`(cardinality(kb_articles.versions) = 0 or exists (select 1 from unnest(kb_articles.versions) p
    where p = '*' or p = ${version} or (right(p, 2) = '.*' and (${version} = left(p, -2) or starts_with(${version}, left(p, -1))))))`;
}

export const editionSql = (edition: string): SQL => sql`(cardinality(kb_articles.editions) = 0 or ${edition} = any(kb_articles.editions))`;
