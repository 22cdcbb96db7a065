/** An admin page's list: null until the first answer, loaded on arrival and again after each change. */
import { useEffect, useState } from "preact/hooks";
import type { Result } from "../../api";

/**
 * `emptyOnFailure`: a failed load shows the empty list rather than "loading" for ever (the pages
 * whose list is a convenience, not the point of the page).
 */
export function useList<T, R>(fetch: () => Promise<Result<T>>, pick: (data: T) => R[], opts: { emptyOnFailure?: boolean } = {}) {
  const [items, setItems] = useState<R[] | null>(null);
  const load = async () => {
    const r = await fetch();
    if (r.ok) setItems(pick(r.data));
    else if (opts.emptyOnFailure) setItems([]);
  };
  useEffect(() => void load(), []);
  return { items, load };
}
