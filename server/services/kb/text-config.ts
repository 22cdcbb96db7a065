import { sql } from "drizzle-orm";
import type { Locale } from "../../../shared/locale";

/** The Postgres text-search configuration of each language, as SQL (a fixed list, never user text). */
export const textConfig = (locale: Locale) => sql.raw(locale === "de" ? "'german'::regconfig" : "'english'::regconfig");

/** A list handed to SQL as one JSON parameter: drizzle would spread a JS array into many. */
export const jsonList = (items: readonly unknown[]) => sql`${JSON.stringify(items)}::jsonb`;
