import { AsyncLocalStorage } from "node:async_hooks";
import type { Sql } from "postgres";
import { isDatabaseUnavailable } from "./unavailable";
import { errorChain } from "./error-chain";

/**
 * How long one caller (a request, a mail delivery) may wait for Postgres in all. 7 s leaves room
 * within the 10 s in which an outage must be answered (503 or 451) for the work around the waits.
 * The wait for a free pool connection counts too: a pool saturated for longer than this sheds
 * load with a 503 and Retry-After rather than queueing requests without end.
 */
export const DATABASE_BUDGET_MS = 7000;

/** A caller that waits for the database with a bound: an HTTP request or an SMTP delivery. */
interface Budget { ms: number; spent: number; open: boolean }

const budgets = new AsyncLocalStorage<Budget>();

/**
 * The budget of the caller being served now. Work that outlives its caller but was started in
 * its context (a batch other mails join, a cache refresh) must not inherit a spent budget, so a
 * budget ends with its caller.
 */
function currentBudget(): Budget | undefined {
  const b = budgets.getStore();
  return b?.open ? b : undefined;
}

/** The code of a wait given up on; unavailable.ts counts it as "the database is not there". */
export const DEADLINE = "DATABASE_DEADLINE";

function deadlineError(ms: number): Error {
  return Object.assign(new Error(`the database did not answer within ${ms} ms`), { code: DEADLINE });
}

/**
 * A transaction whose COMMIT was sent but whose answer never came: it may or may not have
 * committed. The client must not be told that nothing was saved (on-error.ts reads this).
 */
export class CommitOutcomeUnknown extends Error {
  readonly code = "COMMIT_OUTCOME_UNKNOWN";
  constructor(override readonly cause: unknown) {
    super("the connection failed after COMMIT was sent; the transaction may have committed");
  }
}

export function isCommitOutcomeUnknown(err: unknown): boolean {
  for (const e of errorChain(err)) if (e instanceof CommitOutcomeUnknown) return true;
  return false;
}

/**
 * Runs `fn` with a budget of `ms` for all the time it spends waiting on Postgres (time spent
 * reading a slow upload does not count). Past it, a waiting query or transaction fails with
 * DATABASE_DEADLINE, and what the caller gave up on is stopped: a queued query never runs, a
 * transaction runs no further statement and rolls back instead of committing.
 */
export function withDatabaseBudget<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const budget: Budget = { ms, spent: 0, open: true };
  return budgets.run(budget, fn).finally(() => { budget.open = false; });
}

/**
 * For a caller that waits on work it does not own (SMTP on the delivery batcher): answers
 * DATABASE_DEADLINE after `ms` even if the work goes on; the database waits it starts itself
 * have `budgetMs`. The work may still finish after the caller was told it failed.
 */
export function giveUpAfter<T>(ms: number, budgetMs: number, fn: () => Promise<T>): Promise<T> {
  const work = withDatabaseBudget(budgetMs, fn);
  work.catch(() => {});
  return bounded({ ms, spent: 0, open: true }, work, () => deadlineError(ms));
}

/** A settled stand-in for a postgres.js query: drizzle calls `.values()` on what `unsafe` returns. */
function failedQuery(err: Error) {
  const p = Promise.reject(err);
  p.catch(() => {});
  return Object.assign(p, { values: () => p });
}

/** Races `work` against what is left of the budget; `onGiveUp` stops the abandoned work. */
function bounded<T>(budget: Budget, work: PromiseLike<T>, onGiveUp: () => Error): Promise<T> {
  const left = budget.ms - budget.spent;
  if (left <= 0) return Promise.reject(onGiveUp());
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onGiveUp()), left); });
  return Promise.race([work, giveUp]).finally(() => {
    clearTimeout(timer);
    budget.spent += performance.now() - started;
  });
}

type AnySql = Sql & { savepoint?: (...a: unknown[]) => unknown };
interface Tx { abandoned: boolean; committing: boolean }

/**
 * Wraps a postgres.js client so that every query and transaction respects the caller's budget
 * (withDatabaseBudget), and a transaction that loses its connection after COMMIT was sent fails
 * with CommitOutcomeUnknown. Without a budget (jobs, the CLI) only the latter applies.
 */
export function deadlineClient(sql: Sql, tx?: Tx): Sql {
  return new Proxy(sql as AnySql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (...args: Parameters<Sql["unsafe"]>) => {
          if (tx?.abandoned) return failedQuery(deadlineError(0));
          const budget = currentBudget();
          // Inside a transaction the transaction as a whole is bounded (below).
          if (!budget || tx) return target.unsafe(...args);
          return boundedQuery(budget, target.unsafe(...args), args[0]);
        };
      }
      if (prop === "begin") return (...args: unknown[]) => begin(target, args);
      if (prop === "savepoint") {
        return (...args: unknown[]) => {
          if (tx?.abandoned) return Promise.reject(deadlineError(0));
          const fn = args[args.length - 1] as (c: Sql) => unknown;
          return target.savepoint!(...args.slice(0, -1), (c: Sql) => fn(deadlineClient(c, tx)));
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as Sql;
}

type Query = PromiseLike<unknown> & { values(): unknown; cancel(): unknown; state?: unknown };

function boundedQuery<Q extends Query>(budget: Budget, q: Q, text: string): Q {
  let run: Promise<unknown> | null = null;
  const result = () => (run ??= bounded(budget, q, () => {
    const e = deadlineError(budget.ms);
    // A query still queued for a connection (no backend `state` yet) is dropped and never runs.
    if (!q.state) {
      q.cancel();
      return e;
    }
    // One already sent (or pipelined behind another) still runs: it is left to statement_timeout
    // and the reply watchdog, since postgres.js cancels over a new connection and drops that
    // promise, so a reset there would crash the process. A write may thus still happen.
    return /^\s*select\b/i.test(text) ? e : new CommitOutcomeUnknown(e);
  }));
  const proxy: Q = new Proxy(q, {
    get(target, prop) {
      if (prop === "values") return () => (target.values(), proxy);
      if (prop === "then") return (a: never, b: never) => result().then(a, b);
      if (prop === "catch") return (b: never) => result().catch(b);
      if (prop === "finally") return (f: never) => result().finally(f);
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return proxy;
}

function begin(target: AnySql, args: unknown[]): Promise<unknown> {
  const fn = args[args.length - 1] as (c: Sql) => unknown;
  const tx: Tx = { abandoned: false, committing: false };
  const run = (target.begin as (...a: unknown[]) => Promise<unknown>)(...args.slice(0, -1), async (c: Sql) => {
    const result = await fn(deadlineClient(c, tx));
    // Given up on while its last statements ran: roll back rather than commit behind the caller's back.
    if (tx.abandoned) throw deadlineError(0);
    tx.committing = true;
    return result;
  });
  const budget = currentBudget();
  const outcome = budget
    ? bounded(budget, run, () => {
      tx.abandoned = true;
      const e = deadlineError(budget.ms);
      return tx.committing ? new CommitOutcomeUnknown(e) : e;
    })
    : run;
  run.catch(() => {});
  return outcome.catch((e: unknown) => {
    if (tx.committing && !(e instanceof CommitOutcomeUnknown) && isDatabaseUnavailable(e)) throw new CommitOutcomeUnknown(e);
    throw e;
  });
}
