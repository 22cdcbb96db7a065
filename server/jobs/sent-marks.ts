import { inArray, sql } from "drizzle-orm";
import type { Deps } from "../deps";
import { outbox } from "../db/schema";

/**
 * Marks delivered outbox rows sent, as soon as each send succeeded, without making the next send
 * wait for the commit: the rows delivered while one UPDATE runs go together in the next (group
 * commit). Nothing is held back on purpose, so a process that dies resends only the mails whose
 * mark had not committed yet, as it would with one UPDATE per mail; a commit per mail, though,
 * made the marks, not SMTP, the outbox's limit (bench/outbox.ts).
 */
export function createSentMarks(deps: Deps) {
  let waiting: { id: number; done: () => void; fail: (e: unknown) => void }[] = [];
  let flushing: Promise<void> | null = null;

  const flush = async () => {
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        // attempts + 1 in SQL: the lease makes this sender the only writer of these rows.
        await deps.db.update(outbox)
          .set({ status: "sent", sentAt: deps.now(), leaseUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
          .where(inArray(outbox.id, batch.map((w) => w.id)));
        for (const w of batch) w.done();
      } catch (err) {
        // Still leased: the rows come back when the lease runs out (and go out again: the one
        // duplicate an at-least-once outbox cannot rule out when the database fails just now).
        for (const w of batch) w.fail(err);
      }
    }
    flushing = null;
  };

  return {
    /** Resolves once the row's mark committed. */
    add(id: number): Promise<void> {
      const p = new Promise<void>((done, fail) => waiting.push({ id, done, fail }));
      flushing ??= flush();
      return p;
    },
  };
}
