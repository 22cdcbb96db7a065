import { afterAll } from "vitest";

/** Something a test set up and the describe block undoes after its tests. */
export type Undo = () => Promise<unknown> | void;

/**
 * A list the tests of a describe block push their undo steps onto (a server to stop, a database to
 * drop); after the block's tests they run last-in first-out, so what was set up last goes first.
 */
export function undoAfterAll(): Undo[] {
  const list: Undo[] = [];
  afterAll(async () => { for (const u of list.reverse()) await u(); });
  return list;
}
