/**
 * A list page's states in one order: the error, "loading" until the list is there, the words for
 * an empty list, then the list. `empty` is left out where a list is never empty.
 */
import type { ComponentChildren } from "preact";
import { ErrorNote } from "./Notes";

export function ListStates<R>({ items, error = null, loading, empty, children }: {
  items: readonly R[] | null;
  error?: string | null;
  loading: string;
  empty?: ComponentChildren;
  children: (items: readonly R[]) => ComponentChildren;
}) {
  return (
    <>
      <ErrorNote message={error} />
      {!items && !error && <p role="status">{loading}</p>}
      {items && items.length === 0 && empty}
      {items && (items.length > 0 || empty === undefined) && children(items)}
    </>
  );
}
