/**
 * The console and the portal keep their texts by area, each area with both languages. This joins
 * one language's side of every area into the one object the pages read (`t.queue.title`), typed
 * as all the areas together.
 */

/** The intersection of a union's members: each area's texts together. */
type AllOf<U> = (U extends unknown ? (u: U) => void : never) extends (all: infer A) => void ? A : never;

/** One language's texts of all the areas; no two areas may hold the same top-level key. */
export function joinAreas<L extends string, Area extends Readonly<Record<L, object>>>(lang: L, areas: readonly Area[]): AllOf<Area[L]> {
  return Object.assign({}, ...areas.map((area) => area[lang])) as AllOf<Area[L]>;
}
